namespace Marketing.Reports.Model;

/// <summary>A headline figure for the period, with the same figure for the previous period of equal length.</summary>
/// <param name="Name">Stable id (snake_case), e.g. <c>mentions</c>.</param>
/// <param name="Label">What a reader sees, e.g. "Brand mentions".</param>
/// <param name="Unit">Unit of <paramref name="Value"/>: "posts", "−1..1", "%", "interactions", "authors", "bursts".</param>
public sealed record Kpi(string Name, string Label, string Unit, double Value, double Previous, KpiChange Change);
