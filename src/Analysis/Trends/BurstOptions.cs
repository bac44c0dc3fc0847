namespace Marketing.Analysis.Trends;

/// <summary>
/// Thresholds of burst detection. The defaults are the ones the README documents and the evaluation on synthetic
/// truth was measured with.
/// </summary>
public sealed record BurstOptions
{
    /// <summary>False discovery rate over all series × buckets tested in one run (Benjamini-Hochberg).</summary>
    public double FalseDiscoveryRate { get; init; } = 0.01;

    /// <summary>A bucket needs at least this many posts to count as bursting: tiny counts are noise, whatever the p.</summary>
    public long MinCount { get; init; } = 5;

    /// <summary>And at least this ratio to its expected count, so huge series do not burst on a trivial excess.</summary>
    public double MinRatio { get; init; } = 1.5;

    /// <summary>Significant buckets this close (gap of at most this many quiet buckets) merge into one burst.</summary>
    public int MaxGap { get; init; } = 1;

    /// <summary>Unadjusted p below which a bucket next to a burst is added to it (its edges are part of the event).</summary>
    public double EdgeP { get; init; } = 0.01;

    /// <summary>The smallest expected count, so that a series that was silent is not infinitely surprised by one post.</summary>
    public double MinExpected { get; init; } = 0.2;

    /// <summary>Trailing window of the baseline level, in buckets (null: 7 days of hours, 28 days, 8 weeks).</summary>
    public int? TrailingBuckets { get; init; }

    /// <summary>
    /// Burn-in, in buckets (null: 48 hours, 7 days, 4 weeks). A series with no posts in its first burn-in buckets started
    /// mid-window: it is reported as new, and its first burn-in buckets after its first post are not tested.
    /// </summary>
    public int? BurnInBuckets { get; init; }

    public int Trailing(BucketSize size) => TrailingBuckets ?? size switch { BucketSize.Hour => 168, BucketSize.Day => 28, _ => 8 };

    public int BurnIn(BucketSize size) => BurnInBuckets ?? size switch { BucketSize.Hour => 48, BucketSize.Day => 7, _ => 4 };

    /// <summary>How often the trailing level is re-estimated: once a day for hours, every bucket otherwise.</summary>
    public static int Stride(BucketSize size) => size == BucketSize.Hour ? 24 : 1;

    /// <summary>The least history a trailing level needs; before that the level comes from the first window (warm start).</summary>
    public static int MinHistory(BucketSize size) => size switch { BucketSize.Hour => 24, BucketSize.Day => 7, _ => 3 };
}
