namespace Marketing.Llm;

/// <summary>A cached answer, as kept in memory and in <c>llm-cache</c> artifacts (no prompt text is stored).</summary>
public sealed record LlmCacheEntry(string Text, string Model, long InputTokens, long OutputTokens, string Purpose, DateTimeOffset CreatedUtc);
