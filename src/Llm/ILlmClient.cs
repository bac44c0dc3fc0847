namespace Marketing.Llm;

/// <summary>
/// The one door to an LLM, shared by sentiment help, trend explanations and copy generation. Behind it: an
/// <c>IChatClient</c> for any OpenAI-compatible endpoint, or the offline provider (the default) which makes no calls.
/// Implementations own retries, the circuit breaker, the concurrency limit, the response cache and accounting.
/// </summary>
public interface ILlmClient
{
    LlmProviderInfo Provider { get; }

    /// <summary>Calls, tokens, cost and cache hits so far in this run.</summary>
    LlmUsage Usage { get; }

    /// <summary>
    /// Sends one request. Throws <see cref="LlmUnavailableException"/> when the provider is offline, the breaker is
    /// open, the budget is spent, or retries are exhausted: callers then fall back (model label, template copy).
    /// </summary>
    Task<LlmResponse> CompleteAsync(LlmRequest request, CancellationToken ct = default);
}

/// <param name="Name"><c>offline</c> or <c>openai-compatible</c>.</param>
/// <param name="Endpoint">Base URL without credentials, or null offline.</param>
public sealed record LlmProviderInfo(string Name, string Model, string? Endpoint)
{
    public bool IsOffline => Name == "offline";
}

/// <param name="Purpose">What the call is for (sentiment, trend-label, copy...), for accounting and logs.</param>
/// <param name="System">Instructions. Never contains untrusted text.</param>
/// <param name="User">The task; untrusted text (post text) only inside fences made by the Llm project's fencing helper.</param>
/// <param name="JsonSchema">When set, the answer must be JSON matching this schema (sent as a response format).</param>
public sealed record LlmRequest(
    string Purpose,
    string System,
    string User,
    string? JsonSchema = null,
    float Temperature = 0.2f,
    int MaxOutputTokens = 800);

public sealed record LlmResponse(string Text, bool FromCache, string Model, long InputTokens, long OutputTokens);

/// <param name="Calls">HTTP requests sent (retries included); cache hits and refusals send none.</param>
/// <param name="Failures">Attempts that failed (HTTP error, timeout, malformed answer).</param>
/// <param name="BreakerState"><c>closed</c>, <c>open</c>, <c>half-open</c>, or <c>offline</c>.</param>
public sealed record LlmUsage(long Calls, long CacheHits, long Failures, long InputTokens, long OutputTokens, decimal CostUsd, string BreakerState)
{
    /// <summary>Attempts that retried a failed attempt (also counted in <see cref="Calls"/>).</summary>
    public long Retries { get; init; }

    /// <summary>Requests refused without any HTTP call: offline provider, breaker open, or budget spent.</summary>
    public long Refused { get; init; }

    /// <summary>Requests answered (from the endpoint or the cache).</summary>
    public long Answered { get; init; }
}

public sealed class LlmUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
