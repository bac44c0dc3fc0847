namespace Marketing.Generation.Targeting;

/// <summary>The numbers behind a suggestion, ready to print.</summary>
public sealed class LiftReport
{
    public string Metric { get; set; } = "positive_share";

    public double SegmentRate { get; set; }

    public double BaselineRate { get; set; }

    /// <summary>Segment rate minus baseline rate (percentage points / 100).</summary>
    public double Lift { get; set; }

    public double CiLow { get; set; }

    public double CiHigh { get; set; }

    public long SegmentPosts { get; set; }

    public long BaselinePosts { get; set; }

    public string Method { get; set; } = "newcombe-hybrid-score-95";

    public bool Significant { get; set; }

    /// <summary>Mean engagement per post in the segment over the baseline's, with a seeded bootstrap 95% interval.</summary>
    public double? EngagementRatio { get; set; }

    public double? EngagementCiLow { get; set; }

    public double? EngagementCiHigh { get; set; }

    public string EngagementMethod { get; set; } = "percentile-bootstrap-1000-seed-17";
}
