namespace Marketing.Analysis.Trends;

/// <summary>
/// A change in a brand's negative share, tested with a two-proportion z-test.
/// </summary>
/// <param name="Kind"><c>episode</c>: a run of buckets whose rolling negative share departs from the trailing
/// baseline; <c>window</c>: the recent period against the one before it.</param>
/// <param name="Direction"><c>more_negative</c> or <c>less_negative</c>.</param>
/// <param name="EffectH">Cohen's h of the two shares (0.2 small, 0.5 medium, 0.8 large).</param>
/// <param name="QValue">Benjamini-Hochberg adjusted p over the family tested (Bonferroni over brands for windows).</param>
public sealed record SentimentShift(
    string Kind,
    string Brand,
    string Direction,
    DateTimeOffset Start,
    DateTimeOffset Peak,
    DateTimeOffset End,
    long Negative,
    long Scored,
    double NegativeShare,
    long BaselineNegative,
    long BaselineScored,
    double BaselineNegativeShare,
    double Z,
    double PValue,
    double QValue,
    double EffectH)
{
    public string Id => $"shift:{Kind}:{Brand}:{Peak.UtcDateTime:yyyyMMdd'T'HH}";

    /// <summary>
    /// The brand burst this episode is part of (the burst covers at least half of it): an outage is one event, a burst
    /// whose sentiment is "more negative", not a burst plus a separate shift. Null for shifts of their own.
    /// </summary>
    public string? BurstId { get; init; }
}
