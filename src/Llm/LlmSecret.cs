namespace Marketing.Llm;

/// <summary>
/// An API key read from the environment. It has no public way to read the value back and prints as
/// <c>sk-…(set)</c> or <c>(not set)</c>, so options can be logged, shown in settings or serialized without leaking it.
/// </summary>
public sealed class LlmSecret
{
    public static readonly LlmSecret None = new(null);

    private readonly string? _value;

    public LlmSecret(string? value)
    {
        _value = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public bool IsSet => _value is not null;

    /// <summary>Only the client factory reads the value, to hand it to the HTTP client.</summary>
    internal string? Reveal() => _value;

    /// <summary>Replaces every occurrence of the secret in <paramref name="text"/> with <c>***</c>.</summary>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text) || _value is null)
        {
            return text ?? string.Empty;
        }

        return text.Replace(_value, "***", StringComparison.Ordinal);
    }

    // Only a well-known, non-secret prefix is ever shown: "sk-" says "an OpenAI-style key" and nothing more.
    public override string ToString() => _value is null ? "(not set)" : _value.StartsWith("sk-", StringComparison.Ordinal) ? "sk-…(set)" : "…(set)";
}
