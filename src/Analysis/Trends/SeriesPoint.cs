namespace Marketing.Analysis.Trends;

/// <summary>One bucket of a series. <see cref="Start"/> carries the offset of the query's time zone.</summary>
public sealed record SeriesPoint(
    DateTimeOffset Start,
    long Volume,
    long Positive,
    long Neutral,
    long Negative,
    long Engagement)
{
    /// <summary>(positive − negative) / volume, in [-1, 1]; unscored posts count in the volume only.</summary>
    public double NetSentiment => Volume == 0 ? 0 : (Positive - Negative) / (double)Volume;

    public double NegativeShare => Volume == 0 ? 0 : Negative / (double)Volume;

    public long Scored => Positive + Neutral + Negative;
}
