namespace Marketing.Analysis.Trends;

/// <summary>
/// A term (or hashtag, or phrase) that sets a focus set of posts apart from a baseline: document counts in each, and the
/// z-score of the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008).
/// </summary>
public sealed record TermScore(string Term, long Count, long BaselineCount, double LogOdds, double Z);
