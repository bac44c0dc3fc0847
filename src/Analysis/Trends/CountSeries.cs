namespace Marketing.Analysis.Trends;

/// <summary>What burst detection reads: the counts of one series in the buckets of a <see cref="TimeBuckets"/>.</summary>
/// <param name="Kind"><c>brand</c>, <c>hashtag</c>, <c>term</c>, <c>topic</c>, <c>segment</c>, or <c>negative</c> (a brand's negative posts).</param>
public sealed record CountSeries(string Kind, string Key, long[] Counts);
