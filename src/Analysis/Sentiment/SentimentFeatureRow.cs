using Microsoft.ML.Data;

namespace Marketing.Analysis.Sentiment;

/// <summary>
/// The ML.NET input row: a featurized text, its label and weight. The label is a key whose raw value is the class index
/// (0 negative, 1 neutral, 2 positive): ML.NET maps raw key values straight to score slots here (checked by a test).
/// </summary>
public sealed class SentimentFeatureRow
{
    [KeyType(3)]
    public uint Label { get; set; }

    public VBuffer<float> Features { get; set; }

    /// <summary>Inverse class frequency, so that the rarer negatives count as much as the neutrals.</summary>
    public float Weight { get; set; } = 1f;
}
