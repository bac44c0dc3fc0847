using Marketing.Analysis.Trends;

namespace Marketing.Analysis.Topics;

/// <summary>What <c>mkt topics</c> found; saved as (<c>topic-report</c>, <c>latest</c>).</summary>
public sealed class TopicReport
{
    public DateTimeOffset GeneratedAt { get; init; }

    public DateTimeOffset Since { get; init; }

    public DateTimeOffset Until { get; init; }

    public BucketSize Bucket { get; init; }

    public string TimeZone { get; init; } = "UTC";

    /// <summary><c>fit</c> (a new model) or <c>update</c> (posts assigned to the saved model first).</summary>
    public string Mode { get; init; } = "fit";

    public DateTimeOffset ModelCreatedAt { get; init; }

    public List<TopicSummary> Topics { get; init; } = [];

    /// <summary>Volume per topic per bucket (of the posts read).</summary>
    public List<TrendSeries> Series { get; init; } = [];

    public int PostsRead { get; init; }

    public bool Sampled { get; init; }

    public int Unassigned { get; init; }
}
