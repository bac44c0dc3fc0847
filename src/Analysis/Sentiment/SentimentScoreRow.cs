using Microsoft.ML.Data;

namespace Marketing.Analysis.Sentiment;

/// <summary>The ML.NET output row: class probabilities in key order (negative, neutral, positive).</summary>
public sealed class SentimentScoreRow
{
    [ColumnName("Score")]
    public float[] Score { get; set; } = [];
}
