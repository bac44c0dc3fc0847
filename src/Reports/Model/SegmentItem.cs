namespace Marketing.Reports.Model;

/// <summary>An audience segment and the targeting suggestions made for it.</summary>
public sealed record SegmentItem(string Name, string Description, long? Size, IReadOnlyList<string> Traits, IReadOnlyList<string> Targeting);
