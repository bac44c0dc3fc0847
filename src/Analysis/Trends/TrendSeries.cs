namespace Marketing.Analysis.Trends;

/// <summary>
/// A dense series (every bucket of the range, zeros included) of one key.
/// </summary>
/// <param name="Kind"><c>brand</c>, <c>hashtag</c>, <c>term</c>, <c>topic</c> or <c>segment</c>.</param>
public sealed record TrendSeries(string Kind, string Key, BucketSize Bucket, IReadOnlyList<SeriesPoint> Points)
{
    public long Total => Points.Sum(p => p.Volume);

    public long[] Volumes => Points.Select(p => p.Volume).ToArray();
}
