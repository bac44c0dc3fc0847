using Marketing.Core.Domain;
using Marketing.Core.Storage;
using Marketing.Reports.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketing.Reports.Data;

/// <summary>
/// Fills <see cref="ReportData"/> from the store: brand buckets for series, KPIs, share of voice and sentiment shifts;
/// one streaming pass over the period's posts for authors; artifacts (kinds <c>burst</c>, <c>topic</c>, <c>segment</c>,
/// <c>draft</c>) written by the analysis and generation steps for the rest. Missing data leaves a section empty.
/// </summary>
public sealed partial class ReportDataBuilder
{
    public const string BurstKind = "burst";
    public const string TopicKind = "topic";
    public const string SegmentKind = "segment";
    public const string DraftKind = "draft";
    public const string TargetingKind = "targeting";
    public const string TopicReportKind = "topic-report";
    public const string TrendReportKind = "trend-report";

    private readonly IPostStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ReportDataBuilder(IPostStore store, TimeProvider? time = null, ILogger? logger = null)
    {
        _store = store;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    public async Task<ReportData> BuildAsync(ReportRequest request, CancellationToken ct = default)
    {
        var period = request.Period;
        if (period.End <= period.Start)
        {
            throw new ArgumentException($"The report period is empty: {period.Start:u} .. {period.End:u}.", nameof(request));
        }

        var previous = new TimeRange(period.Start - period.Length, period.Start);
        var (bucket, unit) = ChooseBucket(period.Length);
        var brand = request.Brand?.ToLowerInvariant();
        var notes = new List<string>();

        _logger.LogInformation("Building report for {Start:u} .. {End:u} ({Brand}) from {Store}", period.Start, period.End, brand ?? "all brands", _store.DisplayName);
        var current = await _store.GetBrandBucketsAsync(period, bucket, brand, ct);
        var before = await _store.GetBrandBucketsAsync(previous, bucket, brand, ct);
        var series = BuildSeries(current, period, bucket);
        _logger.LogDebug("Brand buckets read");

        var scan = await ScanPostsAsync(period, brand, request.TopAuthors, ct);
        var previousAuthors = await CountAuthorsAsync(previous, brand, ct);
        _logger.LogDebug("Authors read");
        var bursts = await ReadBurstsAsync(period, brand, request.ExamplePostsPerBurst, ct);
        var previousBursts = await CountBurstsAsync(previous, brand, ct);
        _logger.LogDebug("Bursts read");
        var topics = await ReadTopicsAsync(period, previous, brand, request.MaxTopics, notes, ct);
        _logger.LogDebug("Topics read");
        var segments = await ReadSegmentsAsync(brand, ct);
        var drafts = await ReadDraftsAsync(brand, request.MaxDrafts, ct);
        _logger.LogDebug("Segments and drafts read");

        return new ReportData
        {
            Title = request.Title,
            Period = period,
            PreviousPeriod = previous,
            Brand = brand,
            GeneratedAt = _time.GetUtcNow(),
            Store = _store.DisplayName,
            Bucket = bucket,
            BucketUnit = unit,
            Kpis = BuildKpis(current, before, scan.Authors, previousAuthors, bursts.Count, previousBursts),
            Series = series,
            ShareOfVoice = BuildShareOfVoice(current, before),
            Bursts = bursts,
            Topics = topics,
            SentimentShifts = BuildShifts(current, before),
            TopAuthors = scan.TopAuthors,
            Segments = segments,
            Drafts = drafts,
            Notes = notes,
        };
    }

    /// <summary>Hourly buckets up to two days, daily up to about a quarter, weekly beyond: enough points to read a trend, few enough to see them.</summary>
    public static (TimeSpan Bucket, string Unit) ChooseBucket(TimeSpan length) =>
        length <= TimeSpan.FromDays(2) ? (TimeSpan.FromHours(1), "hour")
        : length <= TimeSpan.FromDays(92) ? (TimeSpan.FromDays(1), "day")
        : (TimeSpan.FromDays(7), "week");

    internal static IReadOnlyList<BrandSeries> BuildSeries(IReadOnlyList<BrandBucket> buckets, TimeRange period, TimeSpan bucket)
    {
        var starts = BucketStarts(period, bucket);
        return buckets.GroupBy(b => b.Brand, StringComparer.Ordinal)
            .Select(g =>
            {
                var byStart = g.ToDictionary(b => b.Start);
                var points = starts.Select(s => byStart.TryGetValue(s, out var b)
                    ? new SeriesPoint(s, b.Volume, b.Positive, b.Neutral, b.Negative, b.Engagement)
                    : new SeriesPoint(s, 0, 0, 0, 0, 0)).ToList();
                return new BrandSeries(g.Key, points);
            })
            .OrderByDescending(s => s.Volume).ThenBy(s => s.Brand, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Bucket starts covering the period, aligned as the store aligns them (UTC; weeks on Monday).</summary>
    internal static IReadOnlyList<DateTimeOffset> BucketStarts(TimeRange period, TimeSpan bucket)
    {
        var origin = bucket == TimeSpan.FromDays(7) ? DateTimeOffset.UnixEpoch.AddDays(4) : DateTimeOffset.UnixEpoch;
        var width = bucket.Ticks;
        var first = origin.AddTicks((period.Start - origin).Ticks / width * width);
        var list = new List<DateTimeOffset>();
        for (var t = first; t < period.End; t = t.Add(bucket))
        {
            list.Add(t);
        }

        return list;
    }

    internal static IReadOnlyList<Kpi> BuildKpis(
        IReadOnlyList<BrandBucket> current, IReadOnlyList<BrandBucket> previous, long authors, long previousAuthors, int bursts, int previousBursts)
    {
        static (long Volume, long Pos, long Neg, long Engagement) Sum(IReadOnlyList<BrandBucket> b) =>
            (b.Sum(x => x.Volume), b.Sum(x => x.Positive), b.Sum(x => x.Negative), b.Sum(x => x.Engagement));

        var c = Sum(current);
        var p = Sum(previous);
        double Net((long Volume, long Pos, long Neg, long Engagement) s) => s.Volume == 0 ? 0 : (s.Pos - s.Neg) / (double)s.Volume;
        double NegShare((long Volume, long Pos, long Neg, long Engagement) s) => s.Volume == 0 ? 0 : s.Neg * 100.0 / s.Volume;
        return
        [
            new Kpi("mentions", "Brand mentions", "posts", c.Volume, p.Volume, KpiChange.Of(c.Volume, p.Volume)),
            new Kpi("net_sentiment", "Net sentiment", "−1..1", Net(c), Net(p), KpiChange.Of(Net(c), Net(p), isRatio: true)),
            new Kpi("negative_share", "Negative share", "%", NegShare(c), NegShare(p), KpiChange.Of(NegShare(c), NegShare(p), isRatio: true)),
            new Kpi("engagement", "Engagement", "interactions", c.Engagement, p.Engagement, KpiChange.Of(c.Engagement, p.Engagement)),
            new Kpi("active_authors", "Active authors", "authors", authors, previousAuthors, KpiChange.Of(authors, previousAuthors)),
            new Kpi("bursts", "Bursts", "bursts", bursts, previousBursts, KpiChange.Of(bursts, previousBursts)),
        ];
    }

    internal static IReadOnlyList<ShareOfVoiceItem> BuildShareOfVoice(IReadOnlyList<BrandBucket> current, IReadOnlyList<BrandBucket> previous)
    {
        var total = current.Sum(b => b.Volume);
        var previousTotal = previous.Sum(b => b.Volume);
        var before = previous.GroupBy(b => b.Brand).ToDictionary(g => g.Key, g => g.Sum(b => b.Volume));
        return current.GroupBy(b => b.Brand)
            .Select(g =>
            {
                var v = g.Sum(b => b.Volume);
                var pv = before.GetValueOrDefault(g.Key);
                return new ShareOfVoiceItem(g.Key, v, total == 0 ? 0 : v / (double)total, previousTotal == 0 ? 0 : pv / (double)previousTotal);
            })
            .OrderByDescending(s => s.Volume).ThenBy(s => s.Brand, StringComparer.Ordinal)
            .ToList();
    }

    internal static IReadOnlyList<SentimentShift> BuildShifts(IReadOnlyList<BrandBucket> current, IReadOnlyList<BrandBucket> previous)
    {
        static Dictionary<string, (long Volume, long Pos, long Neg)> ByBrand(IReadOnlyList<BrandBucket> b) =>
            b.GroupBy(x => x.Brand).ToDictionary(g => g.Key, g => (g.Sum(x => x.Volume), g.Sum(x => x.Positive), g.Sum(x => x.Negative)));

        var now = ByBrand(current);
        var before = ByBrand(previous);
        var shifts = new List<SentimentShift>();
        foreach (var (brand, c) in now)
        {
            if (!before.TryGetValue(brand, out var p) || p.Volume == 0 || c.Volume == 0)
            {
                continue;
            }

            var cur = (c.Pos - c.Neg) / (double)c.Volume;
            var prev = (p.Pos - p.Neg) / (double)p.Volume;
            var delta = cur - prev;
            var significant = Math.Abs(delta) >= ReportThresholds.SentimentShiftPoints
                && c.Volume >= ReportThresholds.MinMentionsForShift && p.Volume >= ReportThresholds.MinMentionsForShift;
            shifts.Add(new SentimentShift(brand, prev, cur, delta, c.Volume, p.Volume, significant));
        }

        return shifts.OrderByDescending(s => Math.Abs(s.Delta)).ThenBy(s => s.Brand, StringComparer.Ordinal).ToList();
    }

    internal static PostSnippet Snippet(SocialPost p) => new(
        p.Platform,
        p.PostId,
        p.Author.Handle is { Length: > 0 } h ? "@" + h : p.Author.Id,
        p.CreatedAt,
        p.Text,
        p.Sentiment?.Label.ToWire(),
        p.Engagement.Total,
        p.Url);
}
