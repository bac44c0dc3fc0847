namespace Marketing.Analysis.Trends;

/// <summary>Thresholds of sentiment-shift detection (see docs/trends.md).</summary>
public sealed record ShiftOptions
{
    public double FalseDiscoveryRate { get; init; } = 0.01;

    /// <summary>The least change in negative share worth reporting (absolute, 0.05 = five points).</summary>
    public double MinShareChange { get; init; } = 0.05;

    /// <summary>The least scored posts in a rolling window, and in its baseline.</summary>
    public long MinScored { get; init; } = 20;

    public long MinBaselineScored { get; init; } = 50;

    /// <summary>Rolling window, in buckets (null: 6 for hours, 1 otherwise): hourly shares are too noisy alone.</summary>
    public int? WindowBuckets { get; init; }

    public int Window(BucketSize size) => WindowBuckets ?? (size == BucketSize.Hour ? 6 : 1);
}
