namespace Marketing.Generation.Targeting;

public sealed class TargetingReport
{
    public string Brand { get; set; } = "";

    public DateTimeOffset Since { get; set; }

    public DateTimeOffset Until { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public long PostsAnalyzed { get; set; }

    /// <summary>Positive share over every scored post about the brand.</summary>
    public double BaselinePositiveShare { get; set; }

    public string SegmentSource { get; set; } = "";

    /// <summary>Ranked by lift, best audience first.</summary>
    public List<TargetingSuggestion> Suggestions { get; set; } = [];

    /// <summary>Segments hostile to the brand (negative share significantly above the rest and net sentiment below zero).</summary>
    public List<AudienceSegment> Hostile { get; set; } = [];

    public List<string> Notes { get; set; } = [];
}
