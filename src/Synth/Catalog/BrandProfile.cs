using Marketing.Core.Brands;

namespace Marketing.Synth.Catalog;

/// <summary>A synthetic brand: its watchlist entry plus what people talk about and the material its events use.</summary>
public sealed class BrandProfile
{
    public required Brand Brand { get; init; }

    public string Id => Brand.Id;

    /// <summary>Share of the baseline brand conversation.</summary>
    public required double Weight { get; init; }

    /// <summary>Aspects people praise or complain about ("battery", "cold brew").</summary>
    public required string[] Aspects { get; init; }

    /// <summary>New products for launch spikes, one per event round (name, hashtag without #).</summary>
    public required (string Name, string Tag)[] Launches { get; init; }

    /// <summary>What breaks in an outage, e.g. "network" or "app".</summary>
    public required string OutageThing { get; init; }

    /// <summary>Lines that go viral, one per event round (text, hashtag without #).</summary>
    public required (string Text, string Tag)[] Virals { get; init; }

    public required string Subreddit { get; init; }

    public required string Website { get; init; }

    public string Handle => Brand.Handles[0].TrimStart('@');

    public string Hashtag => Brand.Hashtags[0].TrimStart('#');
}
