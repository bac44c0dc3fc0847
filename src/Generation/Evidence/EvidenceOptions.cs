namespace Marketing.Generation.Evidence;

public sealed record EvidenceOptions
{
    /// <summary>Start of the window; null = <see cref="WindowDays"/> before the last stored post.</summary>
    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    public int WindowDays { get; init; } = 30;

    /// <summary>Items kept per kind.</summary>
    public int TopN { get; init; } = 8;

    /// <summary>References kept per item.</summary>
    public int RefsPerItem { get; init; } = 5;

    /// <summary>A term needs this many posts to become a theme or pain point.</summary>
    public int MinSupport { get; init; } = 3;

    public int SamplePosts { get; init; } = 6;
}
