namespace Marketing.Analysis.Trends;

/// <summary>A brand-level detection that evaluation scores: a volume burst or a negative-share episode.</summary>
public sealed record DetectedEvent(string Id, string Kind, string Brand, DateTimeOffset Start, DateTimeOffset Peak, DateTimeOffset End);
