namespace Marketing.Reports.Model;

/// <summary>A post quoted in a report. <see cref="Text"/> is untrusted: every renderer escapes it.</summary>
public sealed record PostSnippet(
    string Platform,
    string PostId,
    string Author,
    DateTimeOffset CreatedAt,
    string Text,
    string? Sentiment,
    long Engagement,
    string? Url);
