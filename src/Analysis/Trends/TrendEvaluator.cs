namespace Marketing.Analysis.Trends;

/// <summary>
/// Scores brand-level detections against known events, one event being one episode. An event is found (recall) when a
/// detection about the same brand (or, for a competitor campaign, the competitor it targets) overlaps its window
/// [start, end) and peaks within <see cref="PeakTolerance"/> buckets of the event's peak. A detection is correct
/// (precision) when it belongs to an event's episode: same brand or targeted competitor, and overlapping windows. So the
/// second half of a burst that dips for an hour, or the competitor's own co-burst during a campaign against it, is part
/// of that event, not a false alarm; but it does not count as finding the event unless its peak is right. Detections are the volume bursts of brand series and the "more negative" sentiment episodes that are
/// not part of a brand burst (<see cref="SentimentShift.BurstId"/>); hashtag
/// and term bursts are evidence of the same events, not events of their own, and are not scored.
/// </summary>
public static class TrendEvaluator
{
    public const double PeakTolerance = 1;

    public static List<DetectedEvent> Detections(TrendReport report) =>
        report.Bursts.Where(b => b.SeriesKind == "brand")
            .Select(b => new DetectedEvent(b.Id, "burst", b.Key, b.Start, b.Peak, b.End))
            .Concat(report.Shifts.Where(s => s is { Kind: "episode", Direction: "more_negative", BurstId: null })
                .Select(s => new DetectedEvent(s.Id, "sentiment", s.Brand, s.Start, s.Peak, s.End)))
            .ToList();

    public static TrendEvaluation Evaluate(IReadOnlyList<ExpectedEvent> truth, IReadOnlyList<DetectedEvent> detected, TimeSpan bucket)
    {
        var matches = new List<EventMatch>();
        var correct = new HashSet<DetectedEvent>();
        foreach (var e in truth)
        {
            correct.UnionWith(detected.Where(d => SameEpisode(e, d)));
            var candidates = detected.Where(d => Matches(e, d, bucket)).ToList();
            var best = candidates.OrderBy(d => PeakError(e, d, bucket)).ThenBy(d => d.Id, StringComparer.Ordinal).FirstOrDefault();
            matches.Add(new EventMatch(e, best, best is null ? null : PeakError(e, best, bucket)));
        }

        var errors = matches.Where(m => m.PeakErrorBuckets is not null).Select(m => m.PeakErrorBuckets!.Value).ToList();
        var matched = errors.Count;
        return new TrendEvaluation(
            truth.Count == 0 ? 1 : Math.Round(matched / (double)truth.Count, 4),
            detected.Count == 0 ? (truth.Count == 0 ? 1 : 0) : Math.Round(correct.Count / (double)detected.Count, 4),
            errors.Count == 0 ? 0 : Math.Round(errors.Average(), 3),
            errors.Count == 0 ? 0 : errors.Max(),
            truth.Count,
            detected.Count,
            matched,
            correct.Count,
            matches,
            detected.Where(d => !correct.Contains(d)).ToList());
    }

    public static bool Matches(ExpectedEvent e, DetectedEvent d, TimeSpan bucket) =>
        SameEpisode(e, d) && PeakError(e, d, bucket) <= PeakTolerance;

    /// <summary>About the event's brand or the competitor it targets, and overlapping its window.</summary>
    public static bool SameEpisode(ExpectedEvent e, DetectedEvent d) =>
        (string.Equals(e.Brand, d.Brand, StringComparison.OrdinalIgnoreCase) || string.Equals(e.Competitor, d.Brand, StringComparison.OrdinalIgnoreCase))
        && d.Start < e.End && e.Start < d.End;

    /// <summary>|Δ peak| in whole buckets (the buckets of two peaks an hour apart are one bucket apart).</summary>
    public static double PeakError(ExpectedEvent e, DetectedEvent d, TimeSpan bucket) =>
        Math.Round(Math.Abs((d.Peak - e.Peak).TotalMilliseconds) / bucket.TotalMilliseconds, 2);
}
