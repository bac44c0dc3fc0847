namespace Marketing.Llm;

/// <summary>Mutable counters behind <see cref="LlmUsage"/>; guarded by the owner's lock.</summary>
internal sealed class UsageCounters
{
    public long Calls;
    public long CacheHits;
    public long Failures;
    public long Retries;
    public long Refused;
    public long Answered;
    public long InputTokens;
    public long OutputTokens;
    public decimal CostUsd;

    public LlmUsage Snapshot(string breakerState) =>
        new(Calls, CacheHits, Failures, InputTokens, OutputTokens, CostUsd, breakerState) { Retries = Retries, Refused = Refused, Answered = Answered };
}
