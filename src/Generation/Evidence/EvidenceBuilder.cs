using Marketing.Analysis.Trends;
using Marketing.Core.Domain;
using Marketing.Core.Storage;

namespace Marketing.Generation.Evidence;

/// <summary>
/// Builds the <see cref="EvidencePack"/> for a brand: themes and pain points are the brand's aspects (what people talk
/// about, distinctive against other brands' posts) that are praised, or complained about, more than the brand's
/// baseline; hashtags by growth, bursts and topics from the trend artifacts. Ties break on the term itself, so the same
/// store always gives the same pack.
/// </summary>
public static class EvidenceBuilder
{
    public static async Task<EvidencePack> BuildAsync(
        IPostStore store, BrandCorpus corpus, EvidenceOptions options, Func<PostFacts, bool>? filter = null, EvidenceItem? segment = null,
        CancellationToken ct = default)
    {
        var pack = Build(corpus, options, filter, segment);
        pack.Bursts = await TrendArtifacts.BurstsAsync(store, corpus.Brand.Id, corpus.Since, corpus.Until, options.TopN, ct);
        pack.Topics = await TrendArtifacts.TopicsAsync(store, corpus.Brand.Id, options.TopN, ct);
        return pack;
    }

    /// <summary>The store-independent part: themes, pain points, hashtags, samples.</summary>
    public static EvidencePack Build(BrandCorpus corpus, EvidenceOptions options, Func<PostFacts, bool>? filter = null, EvidenceItem? segment = null)
    {
        var posts = filter is null ? corpus.Posts : corpus.Posts.Where(filter).ToList();
        var pack = new EvidencePack
        {
            Brand = corpus.Brand.Id,
            Since = corpus.Since,
            Until = corpus.Until,
            PostsAnalyzed = posts.Count,
            Positive = posts.Count(p => p.Label == SentimentLabel.Positive),
            Neutral = posts.Count(p => p.Label == SentimentLabel.Neutral),
            Negative = posts.Count(p => p.Label == SentimentLabel.Negative),
            Segment = segment,
        };

        (pack.Themes, pack.PainPoints) = ThemesAndPains(posts, corpus, options);
        pack.Hashtags = TrendingHashtags(posts, corpus, options);
        pack.SamplePosts = Samples(posts, SentimentLabel.Positive, options.SamplePosts - (options.SamplePosts / 2))
            .Concat(Samples(posts, SentimentLabel.Negative, options.SamplePosts / 2)).ToList();
        pack.VerifiedHandles = posts.Where(p => p.Author.Verified && !string.IsNullOrEmpty(p.Author.Handle))
            .Select(p => p.Author.Handle!.TrimStart('@')).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        return pack;
    }

    /// <summary>
    /// The brand's aspects: terms (words and adjacent-word phrases) that say what people talk about, not how they feel
    /// (<see cref="OpinionWords"/>), in at least 0.5% of the brand's posts, and distinctive for the brand: a log-odds z ≥ 3 and at least twice as
    /// frequent as in the posts about other brands over the same window (skipped when there are too few of those).
    /// Overlapping terms keep the phrase when it covers its word ("cold brew" over "brew"). Largest first.
    /// </summary>
    public static IReadOnlyList<(string Term, int Posts, double Z)> Aspects(BrandCorpus corpus, int minSupport)
    {
        var docs = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in corpus.Posts)
        {
            foreach (var t in p.Terms)
            {
                docs[t] = docs.GetValueOrDefault(t) + 1;
            }
        }

        var bg = corpus.Background;
        double nb = corpus.Posts.Count, ng = bg.Posts;
        var names = corpus.Brand.Aliases.Append(corpus.Brand.Id).Append(corpus.Brand.Name)
            .SelectMany(a => a.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(w => w.Length >= 5).Distinct().ToList();

        // An aspect is something a brand is known for: one post in 200 at least, so one-off phrases stay out.
        var floor = nb * 0.005;
        var candidates = new List<(string Term, int Posts, double Z)>();
        foreach (var (term, b) in docs)
        {
            if (b < minSupport || b < floor || OpinionWords.ContainsOpinion(term) || IsMisspeltName(term, names))
            {
                continue;
            }

            var z = double.PositiveInfinity;
            if (bg.IsUsable)
            {
                double g = bg.Count(term);
                var rb = (b + 0.5) / (nb + 1);
                var rg = (g + 0.5) / (ng + 1);
                var delta = Math.Log(rb / (1 - rb)) - Math.Log(rg / (1 - rg));
                z = delta / Math.Sqrt((1 / (b + 0.5)) + (1 / (nb - b + 0.5)) + (1 / (g + 0.5)) + (1 / (ng - g + 0.5)));
                if (z < 3 || rb < 2 * rg)
                {
                    continue;
                }
            }

            candidates.Add((term, b, z));
        }

        // A phrase says more than its words: it wins the overlap unless a word is much more common on its own
        // ("oat latte" over "latte", but "latte" over a rare "latte art").
        var chosen = new List<(string Term, int Posts, double Z)>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in candidates
            .OrderByDescending(c => c.Posts * (c.Term.Contains(' ', StringComparison.Ordinal) ? 1.6 : 1.0))
            .ThenBy(c => c.Term, StringComparer.Ordinal))
        {
            var words = c.Term.Split(' ');
            if (words.Any(used.Contains))
            {
                continue;
            }

            chosen.Add(c);
            used.UnionWith(words);
        }

        return chosen;
    }

    /// <summary>"zyhone" for "zyphone": people misspell the brand, and its misspellings are as distinctive as its name.</summary>
    private static bool IsMisspeltName(string term, List<string> names) =>
        !term.Contains(' ', StringComparison.Ordinal) && names.Any(n => EditDistance(term, n) <= (n.Length >= 7 ? 2 : 1));

    private static int EditDistance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2)
        {
            return int.MaxValue;
        }

        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }

    /// <summary>
    /// Splits the aspects between praise and complaint: each goes to the side where its share of positive (or negative)
    /// posts, shrunk toward the brand's baseline, most exceeds that baseline; aspects above neither baseline are left out.
    /// Ranked by posts on that side times that lift.
    /// </summary>
    private static (List<EvidenceItem> Themes, List<EvidenceItem> Pains) ThemesAndPains(
        IReadOnlyList<PostFacts> posts, BrandCorpus corpus, EvidenceOptions options)
    {
        var aspects = corpus.AspectsFor(options.MinSupport);
        var index = aspects.Select((a, i) => (a.Term, i)).ToDictionary(x => x.Term, x => x.i, StringComparer.Ordinal);
        var pos = new int[aspects.Count];
        var neg = new int[aspects.Count];
        var all = new int[aspects.Count];
        var refsPos = new List<PostFacts>[aspects.Count];
        var refsNeg = new List<PostFacts>[aspects.Count];
        int n = 0, nPos = 0, nNeg = 0;
        foreach (var p in posts)
        {
            if (p.Label == SentimentLabel.Unscored)
            {
                continue;
            }

            n++;
            nPos += p.Label == SentimentLabel.Positive ? 1 : 0;
            nNeg += p.Label == SentimentLabel.Negative ? 1 : 0;
            foreach (var t in p.Terms)
            {
                if (!index.TryGetValue(t, out var i))
                {
                    continue;
                }

                all[i]++;
                if (p.Label == SentimentLabel.Positive)
                {
                    pos[i]++;
                    (refsPos[i] ??= []).Add(p);
                }
                else if (p.Label == SentimentLabel.Negative)
                {
                    neg[i]++;
                    (refsNeg[i] ??= []).Add(p);
                }
            }
        }

        var themes = new List<(int I, double Score)>();
        var pains = new List<(int I, double Score)>();
        if (n == 0)
        {
            return ([], []);
        }

        double basePos = nPos / (double)n, baseNeg = nNeg / (double)n;
        const double prior = 5;
        for (var i = 0; i < aspects.Count; i++)
        {
            var liftPos = basePos > 0 ? (pos[i] + (prior * basePos)) / (all[i] + prior) / basePos : 0;
            var liftNeg = baseNeg > 0 ? (neg[i] + (prior * baseNeg)) / (all[i] + prior) / baseNeg : 0;
            if (liftPos >= liftNeg && liftPos > 1 && pos[i] >= options.MinSupport)
            {
                themes.Add((i, pos[i] * liftPos));
            }
            else if (liftNeg > liftPos && liftNeg > 1 && neg[i] >= options.MinSupport)
            {
                pains.Add((i, neg[i] * liftNeg));
            }
        }

        List<EvidenceItem> Items(List<(int I, double Score)> ranked, int[] counts, List<PostFacts>[] refs, string prefix, string kind) =>
            ranked.OrderByDescending(x => x.Score).ThenBy(x => aspects[x.I].Term, StringComparer.Ordinal)
                .Take(options.TopN)
                .Select(x => new EvidenceItem(
                    $"{prefix}:{Slug(aspects[x.I].Term)}", kind, aspects[x.I].Term, counts[x.I], Math.Round(x.Score, 3), Best(refs[x.I] ?? [], options.RefsPerItem)))
                .ToList();

        return (Items(themes, pos, refsPos, "theme", "theme"), Items(pains, neg, refsNeg, "pain", "pain_point"));
    }

    private static List<EvidenceItem> TrendingHashtags(IReadOnlyList<PostFacts> posts, BrandCorpus corpus, EvidenceOptions options)
    {
        var own = new HashSet<string>(corpus.Brand.Hashtags.Select(h => h.TrimStart('#').ToLowerInvariant()), StringComparer.Ordinal);
        // Growth compares the last quarter of the window with the three before it, per unit of time.
        var split = corpus.Until - ((corpus.Until - corpus.Since) / 4);
        var early = new Dictionary<string, int>(StringComparer.Ordinal);
        var late = new Dictionary<string, int>(StringComparer.Ordinal);
        var byTag = new Dictionary<string, List<PostFacts>>(StringComparer.Ordinal);
        foreach (var p in posts)
        {
            foreach (var raw in p.Hashtags)
            {
                var tag = raw.TrimStart('#').ToLowerInvariant();
                if (tag.Length == 0 || own.Contains(tag) || corpus.OtherBrandTags.Contains(tag))
                {
                    continue;
                }

                var bucket = p.CreatedAt >= split ? late : early;
                bucket[tag] = bucket.GetValueOrDefault(tag) + 1;
                if (!byTag.TryGetValue(tag, out var list))
                {
                    byTag[tag] = list = [];
                }

                list.Add(p);
            }
        }

        // A tag everyone uses (#fyp, #tech) is not this brand's trend: it must be at least twice as common here as elsewhere.
        var bg = corpus.Background;
        var n = Math.Max(1, corpus.Posts.Count);
        bool IsDistinctive(string tag, int count) =>
            !bg.IsUsable || (count + 0.5) / (n + 1.0) >= 2 * (bg.Count(TermBackground.Tag(tag)) + 0.5) / (bg.Posts + 1.0);

        return byTag.Keys
            .Select(tag =>
            {
                var l = late.GetValueOrDefault(tag);
                var e = early.GetValueOrDefault(tag);
                var growth = (l + 1.0) / ((e / 3.0) + 1.0);
                return (Tag: tag, Count: l + e, Score: growth * Math.Log(1 + l + e));
            })
            .Where(x => x.Count >= options.MinSupport && IsDistinctive(x.Tag, x.Count))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Tag, StringComparer.Ordinal)
            .Take(options.TopN)
            .Select(x => new EvidenceItem($"hashtag:{x.Tag}", "hashtag", "#" + x.Tag, x.Count, Math.Round(x.Score, 3), Best(byTag[x.Tag], options.RefsPerItem)))
            .ToList();
    }

    private static IEnumerable<SamplePost> Samples(IReadOnlyList<PostFacts> posts, SentimentLabel label, int n) =>
        posts.Where(p => p.Label == label)
            .OrderByDescending(p => p.Engagement).ThenBy(p => p.Ref, StringComparer.Ordinal)
            .Take(n)
            .Select(p => new SamplePost(p.Ref, label.ToWire(), p.Text, p.Engagement));

    private static List<string> Best(List<PostFacts> posts, int n) =>
        posts.OrderByDescending(p => p.Engagement).ThenBy(p => p.Ref, StringComparer.Ordinal).Take(n).Select(p => p.Ref).ToList();

    public static string Slug(string text) =>
        string.Join('-', text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
