using Marketing.Analysis.Trends;

namespace Marketing.Analysis.Topics;

public sealed record TopicQuery
{
    public string? Brand { get; init; }

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    public BucketSize Bucket { get; init; } = BucketSize.Day;

    public string? TimeZone { get; init; }

    /// <summary>Posts clustered (a time-stratified sample when the window holds more).</summary>
    public int SamplePosts { get; init; } = 20_000;

    /// <summary>Discard the saved model and fit anew (topic ids restart at t01).</summary>
    public bool Refit { get; init; }

    public TopicOptions Options { get; init; } = new();
}
