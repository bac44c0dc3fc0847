namespace Marketing.Analysis.Trends;

/// <summary>What to analyse. Null times default to the 30 days that end at the newest stored post.</summary>
public sealed record TrendQuery
{
    /// <summary>One brand id, or null for all brands.</summary>
    public string? Brand { get; init; }

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    public BucketSize Bucket { get; init; } = BucketSize.Hour;

    /// <summary>IANA zone id for local days and weeks; null is UTC.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Extra terms to build series for (each is a substring search over the window's posts).</summary>
    public IReadOnlyList<string> Terms { get; init; } = [];

    /// <summary>Competitor groups: brand id → competitor ids (from the watchlist), for share of voice.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Competitors { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Hashtags are tested for bursts when used at least this often in the window; at most <see cref="MaxHashtags"/>.</summary>
    public int MinHashtagCount { get; init; } = 30;

    public int MaxHashtags { get; init; } = 100;

    /// <summary>Bursts explained with terms, authors, sentiment and sample posts (the strongest first).</summary>
    public int MaxExplained { get; init; } = 25;

    /// <summary>Posts read for emerging terms and top authors (a time-stratified sample when the window has more); 0 skips both.</summary>
    public int SamplePosts { get; init; } = 20_000;

    /// <summary>Include the dense series in the report (the CLI drops them from the table view).</summary>
    public bool IncludeSeries { get; init; } = true;

    public BurstOptions Bursts { get; init; } = new();

    public ShiftOptions Shifts { get; init; } = new();
}
