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
}
