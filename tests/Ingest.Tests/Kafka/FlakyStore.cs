using Marketing.Core.Domain;
using Marketing.Core.Storage;

namespace Marketing.Ingest.Tests.Kafka;

/// <summary>A store whose writes fail while <see cref="Failing"/> is set, as a database that went away would, or wait for a <see cref="Gate"/>.</summary>
internal sealed class FlakyStore(IPostStore inner) : IPostStore
{
    private int _failures;

    public volatile bool Failing;

    public int Failures => Volatile.Read(ref _failures);

    public string Backend => inner.Backend;

    public string DisplayName => inner.DisplayName;

    /// <summary>When set, every write first waits for the task it returns (a slow database).</summary>
    public Func<Task>? Gate { get; set; }

    public async Task<UpsertResult> UpsertPostsAsync(IReadOnlyList<SocialPost> posts, CancellationToken ct = default)
    {
        if (Gate is { } gate)
        {
            await gate();
        }

        if (Failing)
        {
            Interlocked.Increment(ref _failures);
            throw new IOException("database unavailable (simulated)");
        }

        return await inner.UpsertPostsAsync(posts, ct);
    }

    public Task UpdateSentimentAsync(IReadOnlyList<SocialPost> posts, CancellationToken ct = default) => inner.UpdateSentimentAsync(posts, ct);

    public Task<SocialPost?> GetPostAsync(string platform, string postId, CancellationToken ct = default) => inner.GetPostAsync(platform, postId, ct);

    public Task<IReadOnlyList<SocialPost>> FindPostsAsync(PostQuery query, CancellationToken ct = default) => inner.FindPostsAsync(query, ct);

    public IAsyncEnumerable<SocialPost> StreamPostsAsync(PostQuery query, CancellationToken ct = default) => inner.StreamPostsAsync(query, ct);

    public Task<StoreStats> GetStatsAsync(CancellationToken ct = default) => inner.GetStatsAsync(ct);

    public Task AddRejectsAsync(IReadOnlyList<RejectedRecord> rejects, CancellationToken ct = default) => inner.AddRejectsAsync(rejects, ct);

    public Task<IReadOnlyList<RejectedRecord>> GetRejectsAsync(int limit, CancellationToken ct = default) => inner.GetRejectsAsync(limit, ct);

    public Task<IReadOnlyList<BrandBucket>> GetBrandBucketsAsync(TimeRange range, TimeSpan bucket, string? brand = null, CancellationToken ct = default) => inner.GetBrandBucketsAsync(range, bucket, brand, ct);

    public Task<IReadOnlyList<KeyBucket>> GetHashtagBucketsAsync(TimeRange range, TimeSpan bucket, int minCount, string? brand = null, CancellationToken ct = default) => inner.GetHashtagBucketsAsync(range, bucket, minCount, brand, ct);

    public Task<TimeRange?> GetTimeSpanAsync(CancellationToken ct = default) => inner.GetTimeSpanAsync(ct);

    public Task<AuthorSummary> GetAuthorSummaryAsync(TimeRange range, int top, string? brand = null, CancellationToken ct = default) => inner.GetAuthorSummaryAsync(range, top, brand, ct);

    public Task PutArtifactAsync(string kind, string key, string json, CancellationToken ct = default) => inner.PutArtifactAsync(kind, key, json, ct);

    public Task<string?> GetArtifactAsync(string kind, string key, CancellationToken ct = default) => inner.GetArtifactAsync(kind, key, ct);

    public Task<IReadOnlyList<Artifact>> ListArtifactsAsync(string kind, int limit = 1000, CancellationToken ct = default) => inner.ListArtifactsAsync(kind, limit, ct);

    public Task DeleteArtifactAsync(string kind, string key, CancellationToken ct = default) => inner.DeleteArtifactAsync(kind, key, ct);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
