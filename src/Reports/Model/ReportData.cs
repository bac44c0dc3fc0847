using Marketing.Core.Storage;

namespace Marketing.Reports.Model;

/// <summary>
/// Everything a report shows, computed once and rendered to HTML, Markdown and JSON by the same view-model, so the
/// three formats never disagree. Sections whose data is absent are empty lists, and each renderer says so plainly.
/// </summary>
public sealed record ReportData
{
    public required string Title { get; init; }

    public required TimeRange Period { get; init; }

    public required TimeRange PreviousPeriod { get; init; }

    public string? Brand { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>The store the data came from, safe to print (no password).</summary>
    public required string Store { get; init; }

    /// <summary>The width of one chart bucket: an hour, a day or a week.</summary>
    public required TimeSpan Bucket { get; init; }

    /// <summary>"hour", "day" or "week": the unit of the volume axis ("posts per day").</summary>
    public required string BucketUnit { get; init; }

    public IReadOnlyList<Kpi> Kpis { get; init; } = [];

    public IReadOnlyList<BrandSeries> Series { get; init; } = [];

    public IReadOnlyList<ShareOfVoiceItem> ShareOfVoice { get; init; } = [];

    public IReadOnlyList<BurstItem> Bursts { get; init; } = [];

    public IReadOnlyList<TopicItem> Topics { get; init; } = [];

    public IReadOnlyList<SentimentShift> SentimentShifts { get; init; } = [];

    public IReadOnlyList<AuthorItem> TopAuthors { get; init; } = [];

    public IReadOnlyList<SegmentItem> Segments { get; init; } = [];

    public IReadOnlyList<DraftItem> Drafts { get; init; } = [];

    /// <summary>Where a section's data came from, or why it is missing (for the reader, not for debugging).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
