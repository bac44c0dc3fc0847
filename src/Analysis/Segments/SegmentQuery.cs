using Marketing.Analysis.Trends;

namespace Marketing.Analysis.Segments;

public sealed record SegmentQuery
{
    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    /// <summary>Segments to make; null picks the number of regions holding at least 3% of authors (2 to 12).</summary>
    public int? K { get; init; }

    public int Seed { get; init; } = 42;

    public int SamplePosts { get; init; } = 50_000;

    public BucketSize Bucket { get; init; } = BucketSize.Day;

    public string? TimeZone { get; init; }
}
