namespace Marketing.Llm;

/// <summary>What one HTTP attempt gave: an answer, or a failure with its kind and whether a retry can help.</summary>
internal sealed record AttemptOutcome(
    string? Text,
    string Model,
    long InputTokens,
    long OutputTokens,
    string? FailureKind = null,
    string? FailureMessage = null,
    bool Retryable = true,
    TimeSpan? RetryAfter = null)
{
    public bool Succeeded => FailureKind is null;

    public static AttemptOutcome Failure(string kind, string message, bool retryable = true, TimeSpan? retryAfter = null, string model = "", long input = 0, long output = 0) =>
        new(null, model, input, output, kind, message, retryable, retryAfter);
}
