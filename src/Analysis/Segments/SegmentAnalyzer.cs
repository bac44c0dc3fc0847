using Marketing.Analysis.Topics;
using Marketing.Analysis.Trends;
using Marketing.Core.Json;
using Marketing.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketing.Analysis.Segments;

/// <summary>
/// Runs segmentation over the store: reads the window's posts (a time-stratified sample when large), takes topic shares
/// from the saved topic model when there is one, builds segments, tracks each segment's volume per bucket, and saves
/// (<c>segment-report</c>, <c>latest</c>) and one (<c>segment</c>, id) per segment.
/// </summary>
public sealed class SegmentAnalyzer(IPostStore store, ILogger<SegmentAnalyzer>? logger = null)
{
    public const string SegmentKind = "segment";
    public const string ReportKind = "segment-report";
    public const string LatestKey = "latest";

    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    public static async Task<SegmentReport?> LoadLatestAsync(IPostStore store, CancellationToken ct = default) =>
        await store.GetArtifactAsync(ReportKind, LatestKey, ct) is { } json ? SnakeCaseJson.Deserialize<SegmentReport>(json) : null;

    public async Task<SegmentReport> RunAsync(SegmentQuery query, CancellationToken ct = default)
    {
        var zone = TimeBuckets.ParseZone(query.TimeZone);
        var range = await new TrendAnalyzer(store).ResolveRangeAsync(new TrendQuery { Since = query.Since, Until = query.Until }, ct);
        if (range is null)
        {
            return new SegmentReport { GeneratedAt = DateTimeOffset.UtcNow, Seed = query.Seed };
        }

        var buckets = new TimeBuckets(range.Value, query.Bucket, zone);
        var (posts, sampled) = await PostSampler.SampleAsync(store, buckets.Range, new PostQuery(), query.SamplePosts, Math.Clamp(buckets.Count, 1, 60), ct);
        IReadOnlyDictionary<string, string>? topicOf = null;
        IReadOnlyDictionary<string, string>? labels = null;
        if (await TopicAnalyzer.LoadModelAsync(store, ct) is { Topics.Count: > 0 } model)
        {
            topicOf = new TopicModeler().Assign(model, posts).TopicOf;
            labels = model.Topics.ToDictionary(t => t.Id, t => t.Label, StringComparer.Ordinal);
        }

        var built = new SegmentModeler().Build(posts, query.K, query.Seed, topicOf, labels);
        _logger.LogInformation("Segments: {K} over {Authors} authors from {Posts} posts", built.Segments.Count, built.Authors, posts.Count);
        var report = new SegmentReport
        {
            GeneratedAt = DateTimeOffset.UtcNow,
            Since = buckets.Range.Start,
            Until = buckets.Range.End,
            K = built.K,
            Seed = built.Seed,
            Authors = built.Authors,
            PostsRead = posts.Count,
            Sampled = sampled,
            Segments = built.Segments,
            BrandRanking = built.BrandRanking,
            OverallPolarity = built.OverallPolarity,
            Members = built.Members,
            Series = SeriesBuilder.FromPosts("segment", posts,
                p => built.Members.TryGetValue(p.Platform + "/" + p.Author.Id, out var s) ? [s] : [], buckets),
        };
        foreach (var old in await store.ListArtifactsAsync(SegmentKind, ct: ct))
        {
            await store.DeleteArtifactAsync(SegmentKind, old.Key, ct);
        }

        foreach (var s in report.Segments)
        {
            await store.PutArtifactAsync(SegmentKind, s.Id, SnakeCaseJson.Serialize(s), ct);
        }

        await store.PutArtifactAsync(ReportKind, LatestKey, SnakeCaseJson.Serialize(report), ct);
        return report;
    }
}
