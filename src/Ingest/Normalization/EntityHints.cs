namespace Marketing.Ingest.Normalization;

/// <summary>Hashtags, mentions and links an API gave as entities (more exact than scanning the text: expanded URLs).</summary>
/// <param name="ShortLinks">Shortened links (t.co) that the expanded ones replace, so they are not listed twice.</param>
public sealed record EntityHints(
    IReadOnlyList<string>? Hashtags = null,
    IReadOnlyList<string>? Mentions = null,
    IReadOnlyList<string>? Links = null,
    IReadOnlyList<string>? ShortLinks = null);
