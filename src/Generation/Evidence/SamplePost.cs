namespace Marketing.Generation.Evidence;

/// <summary>A post quoted to the LLM as an example of what people say. Its text is untrusted and always fenced.</summary>
public sealed record SamplePost(string Ref, string Sentiment, string Text, long Engagement);
