namespace Marketing.Core.Domain;

/// <summary>
/// One social post, normalized. Identity is (<see cref="Platform"/>, <see cref="PostId"/>): storing the same pair twice
/// updates the row, never adds a second one.
/// </summary>
public sealed class SocialPost
{
    /// <summary>Lower-case platform name: x, twitter, reddit, facebook, instagram, linkedin, tiktok, synth, ...</summary>
    public required string Platform { get; set; }

    public required string PostId { get; set; }

    public Author Author { get; set; } = new();

    public required string Text { get; set; }

    /// <summary>ISO 639-1 code, or null when unknown.</summary>
    public string? Language { get; set; }

    /// <summary>Creation time with the offset the source gave; <c>CreatedAt.UtcDateTime</c> is the instant.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    public Engagement Engagement { get; set; } = new();

    public string? Url { get; set; }

    public IReadOnlyList<string> Hashtags { get; set; } = [];

    public IReadOnlyList<string> Mentions { get; set; } = [];

    public IReadOnlyList<string> Links { get; set; } = [];

    public string? ReplyToId { get; set; }

    public string? QuoteOfId { get; set; }

    public string? RepostOfId { get; set; }

    /// <summary>Brand ids from the watchlist that this post mentions.</summary>
    public IReadOnlyList<string> Brands { get; set; } = [];

    public string? Campaign { get; set; }

    /// <summary>Post id of an earlier post with (nearly) the same text: a retweet or a copy-paste campaign.</summary>
    public string? NearDuplicateOf { get; set; }

    /// <summary>Overall sentiment, or null when not scored yet.</summary>
    public SentimentResult? Sentiment { get; set; }

    /// <summary>Sentiment toward each matched brand, when a post mentions several.</summary>
    public IReadOnlyList<BrandSentiment> BrandSentiments { get; set; } = [];

    /// <summary>Where the post came from: a file path, or topic/partition@offset.</summary>
    public string? Source { get; set; }
}
