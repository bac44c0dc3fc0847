namespace Marketing.Core.Storage;

public sealed record Artifact(string Kind, string Key, string Json, DateTimeOffset UpdatedAt);
