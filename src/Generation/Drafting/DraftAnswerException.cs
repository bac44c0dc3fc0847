namespace Marketing.Generation.Drafting;

/// <summary>An LLM answer that is not the JSON asked for (garbage, truncated, wrong shape).</summary>
public sealed class DraftAnswerException(string message, Exception? inner = null) : Exception(message, inner);
