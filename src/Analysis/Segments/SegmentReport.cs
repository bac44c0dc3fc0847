using Marketing.Analysis.Trends;

namespace Marketing.Analysis.Segments;

/// <summary>What <c>mkt segments</c> found; saved as (<c>segment-report</c>, <c>latest</c>) and one (<c>segment</c>, id) each.</summary>
public sealed class SegmentReport
{
    public DateTimeOffset GeneratedAt { get; init; }

    public DateTimeOffset Since { get; init; }

    public DateTimeOffset Until { get; init; }

    public int K { get; init; }

    public int Seed { get; init; }

    public int Authors { get; init; }

    public int PostsRead { get; init; }

    public bool Sampled { get; init; }

    public List<Segment> Segments { get; init; } = [];

    /// <summary>Brand → segment ids from most to least positive about it.</summary>
    public Dictionary<string, List<string>> BrandRanking { get; init; } = [];

    /// <summary>Brand → mean polarity over all authors' posts about it.</summary>
    public Dictionary<string, double> OverallPolarity { get; init; } = [];

    /// <summary>Volume per segment per bucket (of the posts read).</summary>
    public List<TrendSeries> Series { get; init; } = [];

    /// <summary>Author (<c>platform/id</c>) → segment id.</summary>
    public Dictionary<string, string> Members { get; init; } = [];
}
