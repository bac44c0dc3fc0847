namespace Marketing.Analysis.Sentiment;

/// <summary>When and how much the LLM helps the model. Bound from <c>Marketing:Sentiment:Llm</c> by the host.</summary>
public sealed record LlmSentimentOptions
{
    /// <summary>Posts whose model confidence (highest class probability) is below this go to the LLM.</summary>
    public float ConfidenceThreshold { get; init; } = 0.55f;

    /// <summary>Posts per request: one call labels this many.</summary>
    public int BatchSize { get; init; } = 20;

    /// <summary>Per run (per helper instance): at most this many calls...</summary>
    public int MaxCalls { get; init; } = 50;

    /// <summary>...and at most this many tokens (input + output, estimated before each call).</summary>
    public long MaxTokens { get; init; } = 200_000;

    /// <summary>Send posts in languages the model was not trained on to the LLM (else they stay unscored).</summary>
    public bool OtherLanguages { get; init; } = true;

    public int MaxOutputTokensPerPost { get; init; } = 24;
}
