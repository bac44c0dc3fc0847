namespace Marketing.Synth.Catalog;

/// <summary>An audience segment as designed: who its authors are. Affinities per brand are drawn per seed.</summary>
public sealed class SegmentProfile
{
    public required string Id { get; init; }

    /// <summary>Also the authors' profile location, so analysis can recover the segment from posts.</summary>
    public required string Region { get; init; }

    public required int UtcOffsetMinutes { get; init; }

    public required string AgeBand { get; init; }

    public required string[] Interests { get; init; }

    public required string FollowerBand { get; init; }

    public required long FollowersMin { get; init; }

    public required long FollowersMax { get; init; }

    /// <summary>Share of authors (and, on average, of baseline posts).</summary>
    public required double Weight { get; init; }

    /// <summary>ISO 639-1 code of the language some of its posts are in, or null for English only.</summary>
    public string? NativeLanguage { get; init; }

    public required string[] FirstNames { get; init; }

    public required string[] LastNames { get; init; }
}
