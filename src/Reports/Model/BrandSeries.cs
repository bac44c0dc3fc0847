namespace Marketing.Reports.Model;

/// <summary>One brand's volume and net sentiment per bucket over the period; empty buckets are present with zero volume.</summary>
public sealed record BrandSeries(string Brand, IReadOnlyList<SeriesPoint> Points)
{
    public long Volume => Points.Sum(p => p.Volume);
}
