using Marketing.Core.Domain;
using Marketing.Core.Json;
using Marketing.Core.Storage;
using Marketing.Llm;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketing.Analysis.Trends;

/// <summary>
/// The trend analysis others call: series per brand, hashtag and term; bursts with their explanations; new series;
/// emerging terms; sentiment shifts; share of voice; top authors. Results are saved as artifacts so reports and the web
/// dashboard read the latest run: (<c>trend-report</c>, <c>latest</c>) and one (<c>burst</c>, id) per explained burst.
/// </summary>
public sealed class TrendAnalyzer(IPostStore store, ILlmClient? llm = null, ILogger<TrendAnalyzer>? logger = null)
{
    public const string ReportKind = "trend-report";
    public const string BurstKind = "burst";
    public const string LatestKey = "latest";

    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    public static Task<TrendReport> AnalyzeAsync(IPostStore store, TrendQuery query, ILlmClient? llm = null, CancellationToken ct = default) =>
        new TrendAnalyzer(store, llm).AnalyzeAsync(query, ct);

    /// <summary>The window a query covers: its times, else the 30 days ending at the newest post, whole UTC hours.</summary>
    public async Task<TimeRange?> ResolveRangeAsync(TrendQuery query, CancellationToken ct)
    {
        var span = await store.GetTimeSpanAsync(ct);
        if (span is null && (query.Since is null || query.Until is null))
        {
            return null;
        }

        var until = query.Until ?? span!.Value.End;
        var since = query.Since ?? Max(until - TimeSpan.FromDays(30), span!.Value.Start);
        var start = FloorHour(since);
        var end = FloorHour(until) == until ? until : FloorHour(until).AddHours(1);
        if (end <= start)
        {
            throw new ArgumentException($"The window is empty: --since {since:u} is not before --until {until:u}.");
        }

        return new TimeRange(start, end);
    }

    public async Task<TrendReport> AnalyzeAsync(TrendQuery query, CancellationToken ct = default)
    {
        var zone = TimeBuckets.ParseZone(query.TimeZone);
        var range = await ResolveRangeAsync(query, ct);
        if (range is null)
        {
            return new TrendReport { GeneratedAt = DateTimeOffset.UtcNow, Bucket = query.Bucket, TimeZone = zone.Id, Brand = query.Brand };
        }

        var buckets = new TimeBuckets(range.Value, query.Bucket, zone);
        var storeRange = buckets.Range;
        _logger.LogInformation("Trends {Start:u} .. {End:u} in {Bucket} buckets ({Zone}), brand {Brand}", storeRange.Start, storeRange.End, query.Bucket, zone.Id, query.Brand ?? "all");

        var hourly = await store.GetBrandBucketsAsync(storeRange, TimeSpan.FromHours(1), query.Brand, ct);
        var brands = SeriesBuilder.FromBrandHours(hourly, buckets);
        _logger.LogDebug("{Rows} brand-hour rows, {Series} brand series", hourly.Count, brands.Count);
        var series = new List<TrendSeries>(brands);
        if (query.MaxHashtags > 0)
        {
            var tags = await store.GetHashtagBucketsAsync(storeRange, TimeSpan.FromHours(1), query.MinHashtagCount, query.Brand, ct);
            series.AddRange(SeriesBuilder.FromKeyHours("hashtag", tags, buckets)
                .OrderByDescending(s => s.Total).ThenBy(s => s.Key, StringComparer.Ordinal).Take(query.MaxHashtags)
                .OrderBy(s => s.Key, StringComparer.Ordinal));
            _logger.LogDebug("{Rows} hashtag-hour rows", tags.Count);
        }

        foreach (var term in query.Terms.Where(t => !string.IsNullOrWhiteSpace(t)))
        {
            series.AddRange(await TermSeriesAsync(term.Trim(), buckets, query.Brand, ct));
        }

        var detector = new BurstDetector(query.Bursts);
        var detection = detector.Detect(series.Select(s => new CountSeries(s.Kind, s.Key, s.Volumes)).ToList(), buckets);
        _logger.LogInformation("{Bursts} bursts over {Tests} bucket tests in {Series} series", detection.Bursts.Count, detection.Tests, series.Count);

        var shiftDetector = new SentimentShiftDetector(query.Shifts, query.Bursts);
        var shifts = shiftDetector.Episodes(brands, buckets, detection.Bursts).Select(s => s with { BurstId = CoveringBurst(s, detection.Bursts) }).ToList();
        shifts.AddRange(shiftDetector.Windows(brands, buckets));

        var explainer = new TrendExplainer(llm, logger: _logger);
        foreach (var burst in detection.Bursts.Take(query.MaxExplained))
        {
            var samples = await BurstEvidence.ExplainAsync(store, burst, query.Bucket, ct);
            await explainer.ExplainAsync(burst, samples, ct);
            _logger.LogDebug("Explained {Burst}", burst.Id);
        }

        _logger.LogDebug("Explained {Count} bursts", Math.Min(query.MaxExplained, detection.Bursts.Count));

        var (sample, truncated) = query.SamplePosts <= 0
            ? ([], false)
            : await PostSampler.SampleAsync(store, storeRange, new PostQuery { Brand = query.Brand }, query.SamplePosts, Math.Clamp(buckets.Count, 1, 60), ct);
        _logger.LogDebug("Sampled {Posts} posts", sample.Count);
        var split = RecentSplit(storeRange);
        var report = new TrendReport
        {
            GeneratedAt = DateTimeOffset.UtcNow,
            Since = storeRange.Start,
            Until = storeRange.End,
            Bucket = query.Bucket,
            TimeZone = zone.Id,
            Brand = query.Brand,
            Series = query.IncludeSeries ? series : [],
            Bursts = detection.Bursts,
            NewSeries = detection.NewSeries,
            Emerging = EmergingTerms.Find(sample.Where(p => p.CreatedAt < split).ToList(), sample.Where(p => p.CreatedAt >= split).ToList()),
            Shifts = shifts,
            ShareOfVoice = ShareOfVoiceBuilder.Build(brands, query.Competitors),
            TopAuthors = TopAuthors(sample, 20),
            BurstTests = detection.Tests,
            PostsRead = sample.Count,
            Sampled = truncated,
            ExplanationSource = explainer.UsesLlm ? "llm:" + llm!.Provider.Model : TrendExplainer.OfflineSource,
        };
        return report;
    }

    /// <summary>Saves the report (brand series only, to keep it small) and each explained burst.</summary>
    public async Task SaveAsync(TrendReport report, CancellationToken ct = default)
    {
        var slim = new TrendReport
        {
            GeneratedAt = report.GeneratedAt,
            Since = report.Since,
            Until = report.Until,
            Bucket = report.Bucket,
            TimeZone = report.TimeZone,
            Brand = report.Brand,
            Series = report.Series.Where(s => s.Kind == "brand").ToList(),
            Bursts = report.Bursts,
            NewSeries = report.NewSeries,
            Emerging = report.Emerging,
            Shifts = report.Shifts,
            ShareOfVoice = report.ShareOfVoice,
            TopAuthors = report.TopAuthors,
            BurstTests = report.BurstTests,
            PostsRead = report.PostsRead,
            Sampled = report.Sampled,
            ExplanationSource = report.ExplanationSource,
        };
        await store.PutArtifactAsync(ReportKind, LatestKey, SnakeCaseJson.Serialize(slim), ct);
        foreach (var b in report.Bursts.Where(b => b.ExplanationSource is not null))
        {
            await store.PutArtifactAsync(BurstKind, b.Id, SnakeCaseJson.Serialize(b), ct);
        }
    }

    /// <summary>The latest saved report, or null when trends never ran on this store.</summary>
    public static async Task<TrendReport?> LoadLatestAsync(IPostStore store, CancellationToken ct = default) =>
        await store.GetArtifactAsync(ReportKind, LatestKey, ct) is { } json ? SnakeCaseJson.Deserialize<TrendReport>(json) : null;

    /// <summary>Where "recent" starts: the last 7 days of a window of 14 days or more, else its second half.</summary>
    public static DateTimeOffset RecentSplit(TimeRange range) =>
        range.Length >= TimeSpan.FromDays(14) ? range.End - TimeSpan.FromDays(7) : range.Start + (range.Length / 2);

    private async Task<List<TrendSeries>> TermSeriesAsync(string term, TimeBuckets buckets, string? brand, CancellationToken ct)
    {
        var key = term.ToLowerInvariant();
        var posts = new List<SocialPost>();
        await foreach (var p in store.StreamPostsAsync(new PostQuery { Text = term, Brand = brand, Since = buckets.Range.Start, Until = buckets.Range.End, Limit = 0 }, ct))
        {
            if (p.Text.Contains(term, StringComparison.OrdinalIgnoreCase))
            {
                posts.Add(p);
            }
        }

        var series = SeriesBuilder.FromPosts("term", posts, _ => [key], buckets);
        return series.Count > 0 ? series : [new TrendSeries("term", key, buckets.Size, EmptyPoints(buckets))];
    }

    /// <summary>The brand burst an episode overlaps, if any: the burst's sentiment evidence reports that change.</summary>
    private static string? CoveringBurst(SentimentShift s, IReadOnlyList<Burst> bursts) =>
        bursts.Where(b => b.SeriesKind == "brand" && b.Key == s.Brand)
            .Select(b => (b.Id, overlap: Min(b.End, s.End) - Max(b.Start, s.Start)))
            .Where(x => x.overlap > TimeSpan.Zero)
            .OrderByDescending(x => x.overlap).Select(x => x.Id).FirstOrDefault();

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static List<SeriesPoint> EmptyPoints(TimeBuckets buckets) =>
        Enumerable.Range(0, buckets.Count).Select(i => new SeriesPoint(buckets.Start(i), 0, 0, 0, 0, 0)).ToList();

    private static List<TopAuthor> TopAuthors(IEnumerable<SocialPost> posts, int top) =>
        posts.GroupBy(p => (p.Platform, p.Author.Id))
            .Select(g =>
            {
                var followers = g.Max(p => p.Author.Followers);
                var engagement = g.Sum(p => p.Engagement.Total);
                var scored = g.Where(p => p.Sentiment is { Label: not SentimentLabel.Unscored }).ToList();
                var net = scored.Count == 0 ? 0 : (scored.Count(p => p.Sentiment!.Label == SentimentLabel.Positive) - scored.Count(p => p.Sentiment!.Label == SentimentLabel.Negative)) / (double)scored.Count;
                return new TopAuthor(g.Key.Platform, g.Key.Id, g.First().Author.Handle, followers, g.Count(), engagement,
                    (double)followers * engagement, g.SelectMany(p => p.Brands).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), Math.Round(net, 3));
            })
            .OrderByDescending(a => a.Influence).ThenByDescending(a => a.Posts).ThenBy(a => a.AuthorId, StringComparer.Ordinal)
            .Take(top).ToList();

    private static DateTimeOffset FloorHour(DateTimeOffset t)
    {
        var u = t.ToUniversalTime();
        return new DateTimeOffset(u.Year, u.Month, u.Day, u.Hour, 0, 0, TimeSpan.Zero);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
