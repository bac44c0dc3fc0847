using Marketing.Synth.Truth;

namespace Marketing.Synth.Plan;

/// <summary>An injected event with its hour-by-hour extra posts, fixed before any post is generated.</summary>
internal sealed class PlannedEvent
{
    public required TruthEvent Truth { get; init; }

    public required int BrandIndex { get; init; }

    public required int CompetitorIndex { get; init; }

    /// <summary>0 for the first round of events, 1 for the second (long spans get two of each short kind).</summary>
    public required int Round { get; init; }

    /// <summary>Hour index (from the stream start) of <see cref="Extra"/>[0].</summary>
    public required int StartHour { get; init; }

    /// <summary>Extra posts per hour from <see cref="StartHour"/>.</summary>
    public required int[] Extra { get; init; }

    /// <summary>The event's own hashtag, without #.</summary>
    public required string Tag { get; init; }

    public string? ProductName { get; init; }

    public string? Campaign { get; init; }

    public string? ViralText { get; init; }

    /// <summary>sentiment_decline: share of the brand's remaining non-negative posts turned negative at the end.</summary>
    public double DeclineStrength { get; init; }

    public int Hours => Extra.Length;

    public int EndHour => StartHour + Extra.Length;
}
