namespace Marketing.Llm;

/// <summary>
/// The default provider when no LLM is configured. It makes no calls: every request throws
/// <see cref="LlmUnavailableException"/>, and callers use their deterministic fallback (the model's label, template
/// explanations and copy), labelled with <see cref="Provider"/> (<c>offline</c>, model <c>offline-template</c>).
/// </summary>
public sealed class OfflineLlmClient : ILlmClient
{
    public const string Message = "offline provider: no LLM configured (set MKT_LLM_ENDPOINT and/or MKT_LLM_API_KEY to use one)";

    private long _refused;

    public LlmProviderInfo Provider { get; } = new(LlmOptions.OfflineProvider, LlmOptions.OfflineModel, null);

    public LlmUsage Usage => new(0, 0, 0, 0, 0, 0m, LlmOptions.OfflineProvider) { Refused = Interlocked.Read(ref _refused) };

    public Task<LlmResponse> CompleteAsync(LlmRequest request, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _refused);
        return Task.FromException<LlmResponse>(new LlmUnavailableException(Message));
    }
}
