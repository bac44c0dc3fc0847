using Marketing.Core.Brands;
using Marketing.Generation.Evidence;
using Marketing.Generation.Profiles;

namespace Marketing.Generation.Drafting;

/// <summary>The brief for one generation run.</summary>
public sealed record DraftRequest
{
    public required Brand Brand { get; init; }

    /// <summary>The watchlist, so competitors' names are left out of themes. Optional.</summary>
    public BrandWatchlist? Watchlist { get; init; }

    /// <summary>The brand profile; null derives one from <see cref="Brand"/> (see <see cref="BrandProfiles.Default"/>).</summary>
    public BrandProfile? Profile { get; init; }

    public IReadOnlyList<string> Channels { get; init; } = Generation.Channels.ChannelIds.All;

    /// <summary>A/B variants per channel (and per segment).</summary>
    public int Variants { get; init; } = 3;

    /// <summary>Segment ids to write for; empty = the brand's whole audience. "auto" is resolved by the caller via targeting.</summary>
    public IReadOnlyList<string> Segments { get; init; } = [];

    /// <summary>Overrides the profile's goal (awareness, consideration, conversion...).</summary>
    public string? Goal { get; init; }

    public EvidenceOptions Evidence { get; init; } = new();

    /// <summary>Candidates per slot before it is rejected (the first try plus regenerations).</summary>
    public int MaxAttempts { get; init; } = 3;
}
