namespace Marketing.Analysis.Trends;

/// <summary>
/// A word or phrase used more in the recent period than before: document counts, the smoothed rate ratio (add-one per
/// 1,000 posts) and the log-odds z-score; <see cref="IsNew"/> when the baseline never used it.
/// </summary>
public sealed record EmergingTerm(string Term, int Words, long Recent, long Baseline, double Growth, double Z, bool IsNew);
