namespace Marketing.Generation.Targeting;

/// <summary>How one segment feels about a brand against everyone else who posted about it.</summary>
/// <param name="Lift">Positive share in the segment minus positive share in the rest, with Newcombe's 95% interval.</param>
/// <param name="NegativeLift">The same for the negative share (hostility).</param>
public sealed record SegmentStats(
    AudienceSegment Segment,
    long Scored,
    long Positive,
    long Negative,
    double NetSentiment,
    Interval Lift,
    Interval NegativeLift);
