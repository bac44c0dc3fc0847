namespace Marketing.Analysis.Trends;

/// <summary>Everything one trend run found; persisted as the artifact (<c>trend-report</c>, <c>latest</c>).</summary>
public sealed class TrendReport
{
    public DateTimeOffset GeneratedAt { get; init; }

    public DateTimeOffset Since { get; init; }

    public DateTimeOffset Until { get; init; }

    public BucketSize Bucket { get; init; }

    public string TimeZone { get; init; } = "UTC";

    public string? Brand { get; init; }

    /// <summary>Brand, hashtag and term series, dense over the window.</summary>
    public List<TrendSeries> Series { get; init; } = [];

    public List<Burst> Bursts { get; init; } = [];

    public List<NewSeries> NewSeries { get; init; } = [];

    public List<EmergingTerm> Emerging { get; init; } = [];

    public List<SentimentShift> Shifts { get; init; } = [];

    public List<ShareOfVoice> ShareOfVoice { get; init; } = [];

    public List<TopAuthor> TopAuthors { get; init; } = [];

    /// <summary>Bucket tests the burst false discovery rate was controlled over.</summary>
    public int BurstTests { get; init; }

    /// <summary>Posts read for emerging terms and authors, and whether that was a sample of the window.</summary>
    public int PostsRead { get; init; }

    public bool Sampled { get; init; }

    /// <summary><c>llm:MODEL</c> or <c>offline-template</c>: who wrote the labels and explanations.</summary>
    public string ExplanationSource { get; init; } = "offline-template";
}
