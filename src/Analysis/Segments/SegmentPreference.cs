namespace Marketing.Analysis.Segments;

/// <summary>
/// How a segment feels about a brand (mean polarity of its posts about it, in [-1, 1]) or how much a topic interests
/// it (its share of the segment's posts), against all authors: <see cref="Lift"/> is the difference for brands and the
/// ratio for topics.
/// </summary>
/// <param name="Kind"><c>brand</c> or <c>topic</c>.</param>
public sealed record SegmentPreference(string Kind, string Key, string Label, double Value, double Overall, double Lift, long Posts);
