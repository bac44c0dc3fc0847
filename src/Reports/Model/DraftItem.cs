namespace Marketing.Reports.Model;

/// <summary>A campaign copy draft. <see cref="File"/> is the draft's export, relative to the report folder, when there is one.</summary>
public sealed record DraftItem(string Key, string? Brand, string? Channel, string? Title, string Text, DateTimeOffset? CreatedAt, string? File);
