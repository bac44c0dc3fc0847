namespace Marketing.Analysis.Trends;

/// <summary>An event known to be in the data (from a synthetic truth file), to score detection against.</summary>
public sealed record ExpectedEvent(string Kind, string Brand, DateTimeOffset Start, DateTimeOffset Peak, DateTimeOffset End, string? Id = null);
