using System.Text.RegularExpressions;
using Marketing.Core.Brands;
using Marketing.Core.Domain;

namespace Marketing.Analysis.Sentiment;

/// <summary>
/// Sentiment toward each brand of a post that names several. The text is cut into clauses (sentences, and at
/// "but", "while", "whereas", "unlike", "although"...); each brand takes the sentiment of the clauses that name it.
/// A comparison inside one clause splits it: "X is way better than Y" gives X positive and Y negative, "X is worse
/// than Y" the reverse; "prefer X over Y" and "switched from Y to X" favour X. Thread-safe.
/// </summary>
public sealed partial class BrandSentimentAnalyzer(BrandMatcher matcher)
{
    private const float ComparativeStrength = 0.6f;

    public BrandMatcher Matcher => matcher;

    /// <summary>
    /// One <see cref="BrandSentiment"/> per brand of the post. A single-brand post (or a brand only named in
    /// structured fields) takes the overall result.
    /// </summary>
    public IReadOnlyList<BrandSentiment> Analyze(SocialPost post, SentimentResult overall, Func<IReadOnlyList<string>, SentimentResult[]> score)
    {
        if (post.Brands.Count == 0 || overall.Label == SentimentLabel.Unscored)
        {
            return post.Brands.Select(b => new BrandSentiment(b, overall.Label, overall.Polarity)).ToArray();
        }

        if (post.Brands.Count == 1)
        {
            return [new BrandSentiment(post.Brands[0], overall.Label, overall.Polarity)];
        }

        var wanted = new HashSet<string>(post.Brands, StringComparer.Ordinal);
        var clauses = SplitClauses(post.Text);
        var clauseBrands = clauses.Select(c => matcher.Match(c).Where(wanted.Contains).ToArray()).ToArray();
        var relevant = Enumerable.Range(0, clauses.Count).Where(i => clauseBrands[i].Length > 0).ToArray();
        var scores = relevant.Length == 0 ? [] : score(relevant.Select(i => clauses[i]).ToArray());

        var sum = post.Brands.ToDictionary(b => b, _ => (Polarity: 0f, Count: 0), StringComparer.Ordinal);
        for (var k = 0; k < relevant.Length; k++)
        {
            var i = relevant[k];
            var clausePolarity = scores[k].Polarity;
            var favoured = clauseBrands[i].Length >= 2 ? Comparison(clauses[i], wanted) : null;
            foreach (var brand in clauseBrands[i])
            {
                var p = clausePolarity;
                if (favoured is { } cmp && (cmp.Winners.Contains(brand) || cmp.Losers.Contains(brand)))
                {
                    var strength = Math.Max(ComparativeStrength, Math.Abs(clausePolarity));
                    p = cmp.Winners.Contains(brand) ? strength : -strength;
                }

                var (s, n) = sum[brand];
                sum[brand] = (s + p, n + 1);
            }
        }

        return post.Brands.Select(b =>
        {
            var (s, n) = sum[b];
            return n == 0 ? new BrandSentiment(b, overall.Label, overall.Polarity) : Make(b, s / n);
        }).ToArray();
    }

    private static BrandSentiment Make(string brand, float polarity) =>
        new(brand, polarity >= 0.2f ? SentimentLabel.Positive : polarity <= -0.2f ? SentimentLabel.Negative : SentimentLabel.Neutral, polarity);

    /// <summary>Sentences, then contrast words; the separators themselves are dropped.</summary>
    public static IReadOnlyList<string> SplitClauses(string text) =>
        ClauseBreak().Split(text).Select(s => s.Trim()).Where(s => s.Length > 0).ToArray();

    private (HashSet<string> Winners, HashSet<string> Losers)? Comparison(string clause, HashSet<string> wanted)
    {
        var m = Comparative().Match(clause);
        if (m.Success)
        {
            var before = matcher.Match(clause[..m.Index]).Where(wanted.Contains).ToHashSet(StringComparer.Ordinal);
            var after = matcher.Match(clause[(m.Index + m.Length)..]).Where(wanted.Contains).ToHashSet(StringComparer.Ordinal);
            after.ExceptWith(before);
            if (before.Count == 0 || after.Count == 0)
            {
                return null;
            }

            var better = m.Groups["better"].Success;
            return better ? (before, after) : (after, before);
        }

        var p = Preference().Match(clause);
        if (p.Success)
        {
            var first = matcher.Match(p.Groups["a"].Value).Where(wanted.Contains).ToHashSet(StringComparer.Ordinal);
            var second = matcher.Match(p.Groups["b"].Value).Where(wanted.Contains).ToHashSet(StringComparer.Ordinal);
            second.ExceptWith(first);
            if (first.Count == 0 || second.Count == 0)
            {
                return null;
            }

            // "prefer A over B": A wins; "switched from A to B": B wins.
            return p.Groups["prefer"].Success ? (first, second) : (second, first);
        }

        return null;
    }

    [GeneratedRegex(@"[.!?;\n]+|\s+-\s+|\b(?:but|however|whereas|while|unlike|although|though|meanwhile)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClauseBreak();

    [GeneratedRegex(@"\b(?:(?<better>better|superior|faster|cheaper|nicer|smoother|easier|greater|stronger|cooler|tastier|friendlier|more\s+reliable|beats?|outperforms?|crushes)|(?<worse>worse|inferior|slower|pricier|harder|weaker|uglier|buggier|more\s+expensive|less\s+reliable))\b(?:\s+\w+){0,2}?\s*(?:than|vs\.?|versus|compared\s+to)?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Comparative();

    [GeneratedRegex(@"(?:(?<prefer>\bprefer(?:red|s)?\b)(?<a>.+?)\b(?:over|to|than)\b(?<b>.+)|\bswitch(?:ed|ing)?\s+from\b(?<a>.+?)\bto\b(?<b>.+))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Preference();
}
