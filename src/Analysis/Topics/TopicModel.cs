namespace Marketing.Analysis.Topics;

/// <summary>
/// A persisted topic model (artifact <c>topic-model</c> / <c>latest</c>): the TF-IDF vocabulary with its IDF weights and
/// the topics' centroids. New posts are assigned to these topics first; only posts that fit none make new topics.
/// </summary>
public sealed class TopicModel
{
    public int Seed { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Documents the IDF weights were computed from.</summary>
    public long Documents { get; set; }

    /// <summary>Term → inverse document frequency, ln((1 + N) / (1 + df)) + 1.</summary>
    public Dictionary<string, double> Idf { get; set; } = [];

    public List<Topic> Topics { get; set; } = [];

    public string NextId() => "t" + (Topics.Count + 1).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
}
