namespace Marketing.Reports.Model;

/// <summary>One bucket of a brand's series. <see cref="NetSentiment"/> is null for an empty bucket (no data, not neutral).</summary>
public sealed record SeriesPoint(DateTimeOffset Start, long Volume, long Positive, long Neutral, long Negative, long Engagement)
{
    /// <summary>(positive − negative) / mentions, in [−1, 1]; null when there are no mentions.</summary>
    public double? NetSentiment => Volume == 0 ? null : (Positive - Negative) / (double)Volume;
}
