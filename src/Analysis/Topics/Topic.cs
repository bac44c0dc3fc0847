namespace Marketing.Analysis.Topics;

/// <summary>One topic of a <see cref="TopicModel"/>. Its id never changes once made, so series stay comparable across runs.</summary>
public sealed class Topic
{
    /// <summary><c>t01</c>, <c>t02</c>...: numbered by size at the first fit, then in order of creation.</summary>
    public required string Id { get; init; }

    /// <summary>Top class-based TF-IDF terms, most distinctive first.</summary>
    public List<string> Terms { get; set; } = [];

    public string Label { get; set; } = "";

    public string? Explanation { get; set; }

    /// <summary><c>llm:MODEL</c> or <c>offline-template</c>.</summary>
    public string? ExplanationSource { get; set; }

    /// <summary>Posts assigned to it over every fit and update.</summary>
    public long Size { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Unit-length centroid over TF-IDF terms, pruned to its heaviest terms (keyed by term, so the vocabulary can grow).</summary>
    public Dictionary<string, double> Centroid { get; set; } = [];
}
