namespace Marketing.Core.Storage;

/// <summary>Volume of one key (a hashtag, term or topic) in one time bucket.</summary>
public sealed record KeyBucket(DateTimeOffset Start, string Key, long Volume);
