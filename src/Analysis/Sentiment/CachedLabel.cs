using Marketing.Core.Domain;

namespace Marketing.Analysis.Sentiment;

/// <summary>An LLM's label for one text, as cached (artifact kind <c>llm-sentiment</c>, key = normalized-text hash).</summary>
public sealed record CachedLabel(string Label, float Confidence, string Model)
{
    public SentimentResult ToResult()
    {
        var label = SentimentLabels.Parse(Label);
        var rest = (1f - Confidence) / 2f;
        return new SentimentResult(
            label,
            label == SentimentLabel.Negative ? Confidence : rest,
            label == SentimentLabel.Neutral ? Confidence : rest,
            label == SentimentLabel.Positive ? Confidence : rest,
            "llm",
            Model);
    }
}
