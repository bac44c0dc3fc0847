namespace Marketing.Analysis.Segments;

/// <summary>An audience segment found by k-means over author features; persisted as artifact (<c>segment</c>, id).</summary>
public sealed class Segment
{
    /// <summary><c>s01</c>, <c>s02</c>...: by size, largest first.</summary>
    public required string Id { get; init; }

    /// <summary>Readable: "UK (97%), &lt;100 followers, mostly x, into music / fashion".</summary>
    public string Description { get; set; } = "";

    public int Authors { get; set; }

    public long Posts { get; set; }

    public string Region { get; set; } = "";

    public double RegionShare { get; set; }

    public string FollowerBand { get; set; } = "";

    public string Platform { get; set; } = "";

    /// <summary>Mean polarity toward each brand of its posts that mention it (brands with at least 5 such posts).</summary>
    public Dictionary<string, double> BrandPolarity { get; set; } = [];

    /// <summary>Brands it rates above everyone else's average, best first.</summary>
    public List<SegmentPreference> Likes { get; set; } = [];

    /// <summary>Brands it rates below everyone else's average, worst first.</summary>
    public List<SegmentPreference> Dislikes { get; set; } = [];

    /// <summary>Topics over-represented in its posts.</summary>
    public List<SegmentPreference> Interests { get; set; } = [];

    public double MeanEngagement { get; set; }
}
