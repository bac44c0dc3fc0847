namespace Marketing.Analysis.Trends;

/// <summary>
/// Which terms set a focus set of documents apart from a baseline: the log-odds ratio with an informative Dirichlet prior
/// (Monroe, Colaresi and Quinn 2008, "Fightin' Words"), whose z-score does not favour rare terms the way a raw ratio does.
/// Counts are document frequencies (a post counts once per term), so one spammer cannot make a term.
/// </summary>
public static class LogOdds
{
    /// <summary>Prior strength in pseudo-documents, spread over terms by their pooled frequency.</summary>
    public const double PriorStrength = 200;

    public static List<TermScore> Score(
        IReadOnlyDictionary<string, long> focus,
        IReadOnlyDictionary<string, long> baseline,
        int minCount,
        int top,
        double minZ = 1.96)
    {
        double nf = focus.Values.Sum(), nb = baseline.Values.Sum();
        var pooled = nf + nb;
        if (nf == 0 || pooled == 0)
        {
            return [];
        }

        var scores = new List<TermScore>();
        foreach (var (term, yf) in focus)
        {
            if (yf < minCount)
            {
                continue;
            }

            var yb = baseline.GetValueOrDefault(term);
            var a = PriorStrength * (yf + yb) / pooled;
            var delta = Math.Log((yf + a) / (nf + PriorStrength - yf - a)) - Math.Log((yb + a) / (nb + PriorStrength - yb - a));
            var z = delta / Math.Sqrt((1 / (yf + a)) + (1 / (yb + a)));
            if (z >= minZ)
            {
                scores.Add(new TermScore(term, yf, yb, Math.Round(delta, 3), Math.Round(z, 2)));
            }
        }

        return Collapse(scores.OrderByDescending(s => s.Z).ThenBy(s => s.Term, StringComparer.Ordinal).Take(top * 4).ToList()).Take(top).ToList();
    }

    /// <summary>
    /// Drops a term that only occurs as part of a longer phrase already listed ("battery" under "battery drain" with nearly
    /// the same count), so the list shows the phrase once instead of each of its words.
    /// </summary>
    public static List<TermScore> Collapse(List<TermScore> ranked)
    {
        var kept = new List<TermScore>();
        foreach (var s in ranked)
        {
            var covered = ranked.Any(o => o.Term.Length > s.Term.Length && ContainsWords(o.Term, s.Term) && o.Count * 1.25 >= s.Count);
            if (!covered)
            {
                kept.Add(s);
            }
        }

        return kept;
    }

    private static bool ContainsWords(string phrase, string part) =>
        (" " + phrase + " ").Contains(" " + part + " ", StringComparison.Ordinal);
}
