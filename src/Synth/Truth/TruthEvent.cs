namespace Marketing.Synth.Truth;

/// <summary>An injected event. Kinds: launch_spike, outage_burst, viral_post, sentiment_decline, competitor_campaign.</summary>
public sealed class TruthEvent
{
    /// <summary>Stable id within one truth file, e.g. <c>e3-outage_burst-streamora</c>.</summary>
    public string Id { get; set; } = "";

    public required string Kind { get; set; }

    public required string Brand { get; set; }

    public DateTimeOffset Start { get; set; }

    /// <summary>The hour of highest extra volume (for sentiment_decline: the end of the decline).</summary>
    public DateTimeOffset Peak { get; set; }

    public DateTimeOffset End { get; set; }

    /// <summary>Terms and hashtags the event's posts carry.</summary>
    public List<string> Terms { get; set; } = [];

    /// <summary>Extra posts the event added.</summary>
    public int ExtraPosts { get; set; }

    /// <summary>For sentiment events: the negative share before and at the end.</summary>
    public double? NegativeShareBefore { get; set; }

    public double? NegativeShareAfter { get; set; }

    /// <summary>competitor_campaign: the competitor whose customers the campaign courts.</summary>
    public string? Competitor { get; set; }

    /// <summary>competitor_campaign: the campaign tag its posts carry in <c>campaign</c>.</summary>
    public string? Campaign { get; set; }
}
