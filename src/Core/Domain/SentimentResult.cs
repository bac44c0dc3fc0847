namespace Marketing.Core.Domain;

/// <summary>A sentiment decision with its class probabilities and provenance.</summary>
/// <param name="Scorer">Who decided: <c>model</c>, <c>llm</c>, <c>lexicon</c>, <c>truth</c> or <c>none</c>.</param>
/// <param name="ModelVersion">Model file hash or LLM model id, so a label can be traced and re-scored.</param>
public sealed record SentimentResult(
    SentimentLabel Label,
    float Negative,
    float Neutral,
    float Positive,
    string Scorer,
    string? ModelVersion)
{
    public float Confidence => Math.Max(Negative, Math.Max(Neutral, Positive));

    /// <summary>Positive minus negative probability, in [-1, 1].</summary>
    public float Polarity => Positive - Negative;

    public static SentimentResult Unscored(string reason) => new(SentimentLabel.Unscored, 0, 0, 0, "none", reason);
}
