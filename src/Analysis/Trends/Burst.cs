namespace Marketing.Analysis.Trends;

/// <summary>
/// A run of buckets whose counts are significantly above the seasonal baseline, with the evidence that explains it.
/// </summary>
public sealed class Burst
{
    /// <summary>Stable for the same series and peak: <c>kind:key:yyyyMMddTHH</c> (UTC peak).</summary>
    public required string Id { get; init; }

    /// <summary>The series kind: <c>brand</c>, <c>hashtag</c>, <c>term</c>, <c>topic</c>, <c>segment</c>.</summary>
    public required string SeriesKind { get; init; }

    public required string Key { get; init; }

    public DateTimeOffset Start { get; init; }

    /// <summary>The bucket with the largest excess over expected.</summary>
    public DateTimeOffset Peak { get; init; }

    /// <summary>Exclusive end.</summary>
    public DateTimeOffset End { get; init; }

    public int Buckets { get; init; }

    public long Observed { get; init; }

    public double Expected { get; init; }

    public long PeakObserved { get; init; }

    public double PeakExpected { get; init; }

    public double Ratio => Expected <= 0 ? 0 : Observed / Expected;

    public double ExcessPosts => Observed - Expected;

    /// <summary>Excess over its noise: (observed − expected) / √(expected·(1 + α·expected)), summed over the burst.</summary>
    public double Score { get; init; }

    /// <summary>The smallest unadjusted upper-tail p in the burst.</summary>
    public double PValue { get; init; }

    /// <summary>The Benjamini-Hochberg adjusted p (q-value) of that bucket, over every series × bucket tested.</summary>
    public double QValue { get; init; }

    public double Dispersion { get; init; }

    public List<TermScore> TopTerms { get; set; } = [];

    public List<TermScore> TopHashtags { get; set; } = [];

    public List<AuthorShare> TopAuthors { get; set; } = [];

    public SentimentComparison? Sentiment { get; set; }

    /// <summary>Ids (<c>platform/post_id</c>) of posts near the peak, most engaging first.</summary>
    public List<string> SamplePostIds { get; set; } = [];

    /// <summary>A short name for the burst (LLM or template).</summary>
    public string? Label { get; set; }

    /// <summary>One or two sentences saying what happened, from the evidence above.</summary>
    public string? Explanation { get; set; }

    /// <summary><c>llm:MODEL</c>, or <c>offline-template</c> when no LLM was used.</summary>
    public string? ExplanationSource { get; set; }
}
