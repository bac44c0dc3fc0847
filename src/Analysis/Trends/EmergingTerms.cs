using Marketing.Core.Domain;

namespace Marketing.Analysis.Trends;

/// <summary>
/// Words and phrases (1-3 words) used more in the recent posts than in the baseline posts: at least
/// <see cref="MinSupport"/> recent posts, a log-odds z of at least <see cref="MinZ"/> (one-sided p below 0.0005), and a
/// smoothed rate ratio of at least <see cref="MinGrowth"/>.
/// </summary>
public static class EmergingTerms
{
    public const int MinSupport = 10;
    public const double MinZ = 3.3;
    public const double MinGrowth = 2;

    public static List<EmergingTerm> Find(IReadOnlyList<SocialPost> baseline, IReadOnlyList<SocialPost> recent, int top = 30)
    {
        if (recent.Count == 0 || baseline.Count == 0)
        {
            return [];
        }

        var r = BurstEvidence.CountTerms(recent);
        foreach (var (tag, n) in BurstEvidence.CountHashtags(recent))
        {
            r[tag] = n;
        }

        var b = BurstEvidence.CountTerms(baseline);
        foreach (var (tag, n) in BurstEvidence.CountHashtags(baseline))
        {
            b[tag] = n;
        }

        double nr = recent.Count, nb = baseline.Count;
        return LogOdds.Score(r, b, recent.Count, baseline.Count, MinSupport, top * 3, MinZ)
            .Select(s =>
            {
                // Add-half smoothing keeps a term the baseline never used at a finite, comparable growth.
                var growth = ((s.Count + 0.5) / nr) / ((s.BaselineCount + 0.5) / nb);
                return new EmergingTerm(s.Term, s.Term.StartsWith('#') ? 1 : s.Term.Count(c => c == ' ') + 1, s.Count, s.BaselineCount,
                    Math.Round(growth, 2), s.Z, s.BaselineCount == 0);
            })
            .Where(e => e.Growth >= MinGrowth)
            .Take(top)
            .ToList();
    }
}
