namespace Marketing.Analysis.Trends;

/// <summary>An event known to be in the data (from a synthetic truth file), to score detection against.</summary>
/// <param name="Competitor">For a competitor campaign, the brand whose customers it targets: its posts name that brand
/// too ("switched from X"), so a burst of X at the same peak is the same event.</param>
public sealed record ExpectedEvent(string Kind, string Brand, DateTimeOffset Start, DateTimeOffset Peak, DateTimeOffset End, string? Id = null, string? Competitor = null);
