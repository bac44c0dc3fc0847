using Marketing.Core.Brands;
using Marketing.Core.Domain;
using Marketing.Core.Storage;

namespace Marketing.Generation.Evidence;

/// <summary>
/// A brand's posts in a window, read once from the store and reduced to <see cref="PostFacts"/>. Bounded: past
/// <see cref="MaxPosts"/> the oldest are dropped, so memory stays flat on large stores.
/// </summary>
public sealed class BrandCorpus
{
    public const int MaxPosts = 100_000;

    /// <summary>Posts about other brands (or none) read for the background rates that make a term distinctive.</summary>
    public const int MaxBackgroundPosts = 50_000;

    private BrandCorpus(Brand brand, DateTimeOffset since, DateTimeOffset until, List<PostFacts> posts, long dropped, TermBackground background)
    {
        Brand = brand;
        Since = since;
        Until = until;
        Posts = posts;
        Dropped = dropped;
        Background = background;
    }

    private readonly Dictionary<int, IReadOnlyList<(string Term, int Posts, double Z)>> _aspects = [];

    /// <summary>The brand's aspects (see <see cref="EvidenceBuilder.Aspects"/>), computed once per support level.</summary>
    public IReadOnlyList<(string Term, int Posts, double Z)> AspectsFor(int minSupport)
    {
        lock (_aspects)
        {
            if (!_aspects.TryGetValue(minSupport, out var a))
            {
                _aspects[minSupport] = a = EvidenceBuilder.Aspects(this, minSupport);
            }

            return a;
        }
    }

    /// <summary>How often each term appears in posts that are not about this brand, over the same window.</summary>
    public TermBackground Background { get; }

    public Brand Brand { get; }

    public DateTimeOffset Since { get; }

    public DateTimeOffset Until { get; }

    /// <summary>Oldest first, in the store's (created, platform, id) order.</summary>
    public IReadOnlyList<PostFacts> Posts { get; }

    /// <summary>"between A and B", or "(the store is empty)": for messages.</summary>
    public string WindowText => Until <= DateTimeOffset.UnixEpoch.AddMilliseconds(1) ? "(the store is empty)" : $"between {Since:u} and {Until:u}";

    /// <summary>Older posts left out to stay within <see cref="MaxPosts"/>.</summary>
    public long Dropped { get; }

    /// <summary>Hashtags of the other brands in the watchlist (squashed, lower-case): never this brand's trend.</summary>
    public IReadOnlySet<string> OtherBrandTags { get; private init; } = new HashSet<string>();

    private static HashSet<string> OtherTags(Brand brand, BrandWatchlist? watchlist)
    {
        var tags = new HashSet<string>(StringComparer.Ordinal);
        foreach (var other in watchlist?.Brands ?? [])
        {
            if (string.Equals(other.Id, brand.Id, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var name in other.Hashtags.Concat(other.Aliases).Append(other.Id).Append(other.Name))
            {
                tags.Add(new string([.. name.TrimStart('#').ToLowerInvariant().Where(char.IsLetterOrDigit)]));
            }
        }

        return tags;
    }

    /// <summary>A corpus built in memory (tests, callers that already hold the posts).</summary>
    public static BrandCorpus Of(Brand brand, DateTimeOffset since, DateTimeOffset until, IEnumerable<PostFacts> posts, TermBackground? background = null) =>
        new(brand, since, until, [.. posts], 0, background ?? new TermBackground());

    public static async Task<BrandCorpus> LoadAsync(
        IPostStore store, Brand brand, BrandWatchlist? watchlist, EvidenceOptions options, CancellationToken ct = default)
    {
        var span = await store.GetTimeSpanAsync(ct);
        var until = options.Until ?? span?.End.AddMilliseconds(1) ?? DateTimeOffset.UnixEpoch;
        var since = options.Since ?? until.AddDays(-options.WindowDays);
        var extractor = TermExtractor.ForBrand(brand, watchlist);
        var queue = new Queue<PostFacts>();
        long dropped = 0;
        await foreach (var post in store.StreamPostsAsync(new PostQuery { Brand = brand.Id, Since = since, Until = until, Limit = 0 }, ct))
        {
            var (label, polarity) = LabelFor(post, brand.Id);
            queue.Enqueue(new PostFacts(
                PostFacts.RefOf(post), post.Platform.ToLowerInvariant(), post.Author, label, polarity, post.Engagement.Total, post.CreatedAt,
                extractor.Extract(post.Text), post.Hashtags, post.Text.Length <= 400 ? post.Text : post.Text[..400]));
            if (queue.Count > MaxPosts)
            {
                queue.Dequeue();
                dropped++;
            }
        }

        var background = new TermBackground();
        await foreach (var post in store.StreamPostsAsync(new PostQuery { Since = since, Until = until, Limit = MaxBackgroundPosts + queue.Count }, ct))
        {
            if (background.Posts >= MaxBackgroundPosts)
            {
                break;
            }

            if (!post.Brands.Contains(brand.Id, StringComparer.OrdinalIgnoreCase))
            {
                background.Add(extractor.Extract(post.Text), post.Hashtags);
            }
        }

        return new BrandCorpus(brand, since, until, [.. queue], dropped, background) { OtherBrandTags = OtherTags(brand, watchlist) };
    }

    /// <summary>The label toward this brand when the post mentions several, else the post's overall label.</summary>
    public static (SentimentLabel Label, double Polarity) LabelFor(SocialPost post, string brand)
    {
        if (post.BrandSentiments.FirstOrDefault(b => string.Equals(b.Brand, brand, StringComparison.OrdinalIgnoreCase)) is { } bs)
        {
            return (bs.Label, bs.Polarity);
        }

        return post.Sentiment is { } s ? (s.Label, s.Polarity) : (SentimentLabel.Unscored, 0);
    }
}
