namespace Marketing.Generation.Targeting;

/// <summary>One audience to buy, with the evidence for it: who, what, why, where, when, who to leave out, and a lookalike seed.</summary>
public sealed class TargetingSuggestion
{
    public int Rank { get; set; }

    /// <summary>Who: the segment and its definition.</summary>
    public AudienceSegment Segment { get; set; } = new();

    /// <summary>What: the message to lead with (the segment's top positive theme).</summary>
    public string Message { get; set; } = "";

    public string? Theme { get; set; }

    /// <summary>Why: positive share in the segment minus the rest of the brand's audience, with a 95% interval.</summary>
    public LiftReport Why { get; set; } = new();

    /// <summary>Where: channels, from the platforms the segment posts on (search always applies).</summary>
    public List<string> Channels { get; set; } = [];

    /// <summary>When: hours of the day (UTC) with the most engagement from the segment, best first.</summary>
    public List<int> BestHoursUtc { get; set; } = [];

    /// <summary>The same hours in the segment's most common UTC offset, when its posts carry one.</summary>
    public string? LocalOffset { get; set; }

    public List<int> BestHoursLocal { get; set; } = [];

    /// <summary>Days of the week (UTC) with the most engagement, best first.</summary>
    public List<string> BestDays { get; set; } = [];

    /// <summary>Segments to exclude: hostile to the brand.</summary>
    public List<string> Exclusions { get; set; } = [];

    public string LookalikeSeed { get; set; } = "";

    /// <summary>post:{platform}/{id} references behind the message.</summary>
    public List<string> EvidenceIds { get; set; } = [];
}
