using Marketing.Core.Domain;

namespace Marketing.TestSupport;

/// <summary>Builds posts for tests.</summary>
public static class Posts
{
    public static readonly DateTimeOffset Epoch = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static SocialPost Make(
        string id,
        string text = "hello world",
        DateTimeOffset? at = null,
        string platform = "x",
        string author = "a1",
        string[]? brands = null,
        SentimentLabel? sentiment = null,
        string[]? hashtags = null,
        long likes = 0) => new()
    {
        Platform = platform,
        PostId = id,
        Author = new Author { Id = author, Handle = author + "_h", DisplayName = "Author " + author, Followers = 100, Location = "Paris, FR" },
        Text = text,
        Language = "en",
        CreatedAt = at ?? Epoch,
        Engagement = new Engagement { Likes = likes, Shares = 1, Replies = 2, Views = 300 },
        Hashtags = hashtags ?? [],
        Brands = brands ?? [],
        Sentiment = sentiment is { } s ? new SentimentResult(s, s == SentimentLabel.Negative ? 0.8f : 0.1f, 0.1f, s == SentimentLabel.Positive ? 0.8f : 0.1f, "test", "v1") : null,
    };

    /// <summary>n posts an hour apart from <see cref="Epoch"/>, ids p0..p{n-1}.</summary>
    public static List<SocialPost> Many(int n, string[]? brands = null) =>
        Enumerable.Range(0, n).Select(i => Make("p" + i, "post number " + i, Epoch.AddHours(i), brands: brands)).ToList();
}
