using Marketing.Core.Domain;

namespace Marketing.Core.Storage;

/// <summary>
/// The one storage API. SQLite (embedded default) and PostgreSQL (scale-out) implement it through Dapper, and the
/// same test suite runs on both. All SQL lives in the storage layer (namespace <c>Marketing.Core.Storage</c>).
/// </summary>
public interface IPostStore : IAsyncDisposable
{
    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    string Backend { get; }

    /// <summary>Where the data lives, with any password removed: safe to print.</summary>
    string DisplayName { get; }

    /// <summary>
    /// Idempotent bulk upsert on (platform, post id), in one transaction: a post that is already stored is updated
    /// in place, so at-least-once delivery gives exactly-once rows. Brand links and authors are upserted too.
    /// </summary>
    Task<UpsertResult> UpsertPostsAsync(IReadOnlyList<SocialPost> posts, CancellationToken ct = default);

    /// <summary>
    /// Does the per-post part of <see cref="UpsertPostsAsync(IReadOnlyList{SocialPost}, CancellationToken)"/> that needs
    /// no database (validation, folding repeats, building rows), on the calling thread and in parallel with other
    /// writes, so that <see cref="UpsertPreparedAsync"/> is left only the statements. Throws what the upsert would for
    /// an invalid post. Thread-safe.
    /// </summary>
    PreparedPosts Prepare(IReadOnlyList<SocialPost> posts) => PreparedPosts.Unprepared(posts);

    /// <summary>The upsert of a batch from <see cref="Prepare"/>: the same result and rows as upserting its posts.</summary>
    Task<UpsertResult> UpsertPreparedAsync(PreparedPosts batch, CancellationToken ct = default) => UpsertPostsAsync(batch.Posts, ct);

    /// <summary>Updates only the analysis columns (sentiment and per-brand sentiment) of posts already stored.</summary>
    Task UpdateSentimentAsync(IReadOnlyList<SocialPost> posts, CancellationToken ct = default);

    Task<SocialPost?> GetPostAsync(string platform, string postId, CancellationToken ct = default);

    /// <summary>Finds posts, newest first, up to <see cref="PostQuery.Limit"/>.</summary>
    Task<IReadOnlyList<SocialPost>> FindPostsAsync(PostQuery query, CancellationToken ct = default);

    /// <summary>Streams posts in (created, platform, id) order in pages, so callers never hold them all.</summary>
    IAsyncEnumerable<SocialPost> StreamPostsAsync(PostQuery query, CancellationToken ct = default);

    Task<StoreStats> GetStatsAsync(CancellationToken ct = default);

    Task AddRejectsAsync(IReadOnlyList<RejectedRecord> rejects, CancellationToken ct = default);

    Task<IReadOnlyList<RejectedRecord>> GetRejectsAsync(int limit, CancellationToken ct = default);

    /// <summary>
    /// Per-brand counts in UTC-aligned buckets of <paramref name="bucket"/> (an hour, a day or a week; days and weeks
    /// start at 00:00 UTC, weeks on Monday). Time-zone bucketing is done by callers from hourly buckets.
    /// Only non-empty buckets are returned.
    /// </summary>
    Task<IReadOnlyList<BrandBucket>> GetBrandBucketsAsync(TimeRange range, TimeSpan bucket, string? brand = null, CancellationToken ct = default);

    /// <summary>Per-hashtag volume in UTC-aligned buckets, for hashtags used at least <paramref name="minCount"/> times in the range.</summary>
    Task<IReadOnlyList<KeyBucket>> GetHashtagBucketsAsync(TimeRange range, TimeSpan bucket, int minCount, string? brand = null, CancellationToken ct = default);

    /// <summary>
    /// Distinct authors who posted in the range (mentioning <paramref name="brand"/> when given) and the
    /// <paramref name="top"/> of them by engagement, aggregated in SQL so a report over millions of posts never streams them.
    /// </summary>
    Task<AuthorSummary> GetAuthorSummaryAsync(TimeRange range, int top, string? brand = null, CancellationToken ct = default);

    /// <summary>First and last post time, or null when the store is empty.</summary>
    Task<TimeRange?> GetTimeSpanAsync(CancellationToken ct = default);

    /// <summary>Saves a JSON document (a burst, topic model, segment set, draft, report record...) under (kind, key).</summary>
    Task PutArtifactAsync(string kind, string key, string json, CancellationToken ct = default);

    Task<string?> GetArtifactAsync(string kind, string key, CancellationToken ct = default);

    /// <summary>All artifacts of a kind, newest first.</summary>
    Task<IReadOnlyList<Artifact>> ListArtifactsAsync(string kind, int limit = 1000, CancellationToken ct = default);

    Task DeleteArtifactAsync(string kind, string key, CancellationToken ct = default);
}
