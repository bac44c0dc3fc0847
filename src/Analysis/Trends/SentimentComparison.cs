namespace Marketing.Analysis.Trends;

/// <summary>Sentiment of a set of posts against its baseline, with a two-proportion z-test on the negative share.</summary>
public sealed record SentimentComparison(
    long Scored,
    double NegativeShare,
    double NetSentiment,
    long BaselineScored,
    double BaselineNegativeShare,
    double BaselineNetSentiment,
    double Z,
    double PValue)
{
    /// <summary><c>more negative</c>, <c>more positive</c> or <c>as usual</c> (at p &lt; 0.01).</summary>
    public string Verdict => PValue >= 0.01 ? "as usual" : Z > 0 ? "more negative" : "more positive";
}
