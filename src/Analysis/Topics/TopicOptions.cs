namespace Marketing.Analysis.Topics;

/// <summary>Settings of topic clustering (see docs/trends.md, "Topics").</summary>
public sealed record TopicOptions
{
    /// <summary>Topics made by a first fit.</summary>
    public int K { get; init; } = 12;

    /// <summary>Seeds k-means++: same posts and seed give the same topics and ids.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>A term must occur in this many posts to enter the vocabulary...</summary>
    public int MinDocumentFrequency { get; init; } = 5;

    /// <summary>...and in at most this share of them (brand names and filler are not topics).</summary>
    public double MaxDocumentShare { get; init; } = 0.3;

    public int MaxVocabulary { get; init; } = 4000;

    public int Iterations { get; init; } = 25;

    /// <summary>The least cosine to a centroid for a post to join an existing topic.</summary>
    public double AssignThreshold { get; init; } = 0.15;

    /// <summary>Posts that fit no topic make new topics only when there are at least this many of them.</summary>
    public int MinNewTopicPosts { get; init; } = 50;

    /// <summary>Centroid terms kept in the persisted model.</summary>
    public int CentroidTerms { get; init; } = 300;

    public int LabelTerms { get; init; } = 10;
}
