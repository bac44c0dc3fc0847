namespace Marketing.Core.Storage;

/// <summary>One brand's posts in one time bucket. Sentiment counts are by per-brand label; unscored posts count in Volume only.</summary>
public sealed record BrandBucket(
    DateTimeOffset Start,
    string Brand,
    long Volume,
    long Positive,
    long Neutral,
    long Negative,
    long Engagement)
{
    /// <summary>(positive − negative) / volume, in [-1, 1].</summary>
    public double NetSentiment => Volume == 0 ? 0 : (Positive - Negative) / (double)Volume;

    public double NegativeShare => Volume == 0 ? 0 : Negative / (double)Volume;
}
