namespace Marketing.Analysis.Sentiment;

/// <summary>What LLM help did in this run.</summary>
public sealed record LlmHelpStats(
    long Candidates,
    long Labelled,
    long CacheHits,
    long Calls,
    long Failures,
    long Malformed,
    long Tokens,
    bool BudgetExhausted,
    string? OffReason);
