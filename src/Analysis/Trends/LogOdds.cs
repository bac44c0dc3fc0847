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

    /// <param name="focusDocs">Posts in the focus set: with document-frequency counts each term is a Bernoulli per post.</param>
    /// <param name="baselineDocs">Posts in the baseline set.</param>
    public static List<TermScore> Score(
        IReadOnlyDictionary<string, long> focus,
        IReadOnlyDictionary<string, long> baseline,
        long focusDocs,
        long baselineDocs,
        int minCount,
        int top,
        double minZ = 1.96)
    {
        double nf = focusDocs, nb = baselineDocs;
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
            // The "not this term" side never drops below half a post, so a term in every post stays finite.
            var delta = Math.Log((yf + a) / Math.Max(0.5, nf + PriorStrength - yf - a)) - Math.Log((yb + a) / Math.Max(0.5, nb + PriorStrength - yb - a));
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
    /// the same count), and a phrase that shares half its words with a better-ranked one of about the same count (the
    /// sliding trigrams of one repeated sentence), so the list shows each idea once.
    /// </summary>
    public static List<TermScore> Collapse(List<TermScore> ranked)
    {
        var kept = new List<TermScore>();
        foreach (var s in ranked)
        {
            var covered = ranked.Any(o => o.Term.Length > s.Term.Length && ContainsWords(o.Term, s.Term) && o.Count * 1.25 >= s.Count);
            var words = s.Term.Split(' ');
            var overlapping = words.Length > 1 && kept.Any(k =>
                k.Count >= 0.8 * s.Count && k.Term.Split(' ').Intersect(words, StringComparer.Ordinal).Count() * 2 >= words.Length);
            if (!covered && !overlapping)
            {
                kept.Add(s);
            }
        }

        return kept;
    }

    private static bool ContainsWords(string phrase, string part) =>
        (" " + phrase + " ").Contains(" " + part + " ", StringComparison.Ordinal);
}
