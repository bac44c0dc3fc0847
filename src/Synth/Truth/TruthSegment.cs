namespace Marketing.Synth.Truth;

/// <summary>An audience segment as generated: who is in it and how it truly feels about each brand.</summary>
public sealed class TruthSegment
{
    public required string Id { get; set; }

    public string Region { get; set; } = "";

    public string AgeBand { get; set; } = "";

    public string FollowerBand { get; set; } = "";

    public List<string> Interests { get; set; } = [];

    public int Authors { get; set; }

    /// <summary>Brand id -> mean polarity in [-1, 1] of this segment's posts about the brand.</summary>
    public Dictionary<string, double> Affinity { get; set; } = [];

    /// <summary>The authors' UTC offset, e.g. <c>+05:30</c>; the daily rhythm follows this local time.</summary>
    public string UtcOffset { get; set; } = "+00:00";

    /// <summary>Languages the segment writes in (ISO 639-1).</summary>
    public List<string> Language { get; set; } = [];

    /// <summary>Brands for which this segment is the designed fan (the highest affinity of all segments).</summary>
    public List<string> MostPositiveFor { get; set; } = [];

    /// <summary>Brands for which this segment is the designed hostile audience (the lowest affinity).</summary>
    public List<string> MostNegativeFor { get; set; } = [];
}
