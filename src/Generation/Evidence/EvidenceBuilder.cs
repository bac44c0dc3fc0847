using Marketing.Core.Domain;
using Marketing.Core.Storage;

namespace Marketing.Generation.Evidence;

/// <summary>
/// Builds the <see cref="EvidencePack"/> for a brand: themes and pain points by distinctiveness (how much more often a
/// term appears in positive, or negative, posts than its overall rate predicts), hashtags by growth, bursts and topics
/// from the trend artifacts. Ties break on the term itself, so the same store always gives the same pack.
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

        pack.Themes = Distinctive(posts, SentimentLabel.Positive, "theme", "theme", options);
        pack.PainPoints = Distinctive(posts, SentimentLabel.Negative, "pain", "pain_point", options);
        pack.Hashtags = TrendingHashtags(posts, corpus, options);
        pack.SamplePosts = Samples(posts, SentimentLabel.Positive, options.SamplePosts - (options.SamplePosts / 2))
            .Concat(Samples(posts, SentimentLabel.Negative, options.SamplePosts / 2)).ToList();
        pack.VerifiedHandles = posts.Where(p => p.Author.Verified && !string.IsNullOrEmpty(p.Author.Handle))
            .Select(p => p.Author.Handle!.TrimStart('@')).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        return pack;
    }

    private static List<EvidenceItem> Distinctive(IReadOnlyList<PostFacts> posts, SentimentLabel label, string prefix, string kind, EvidenceOptions options)
    {
        var inLabel = new Dictionary<string, int>(StringComparer.Ordinal);
        var overall = new Dictionary<string, int>(StringComparer.Ordinal);
        var nLabel = 0;
        var n = 0;
        foreach (var p in posts)
        {
            if (p.Label == SentimentLabel.Unscored)
            {
                continue;
            }

            n++;
            var hit = p.Label == label;
            nLabel += hit ? 1 : 0;
            foreach (var t in p.Terms)
            {
                overall[t] = overall.GetValueOrDefault(t) + 1;
                if (hit)
                {
                    inLabel[t] = inLabel.GetValueOrDefault(t) + 1;
                }
            }
        }

        if (nLabel == 0)
        {
            return [];
        }

        var rate = nLabel / (double)n;
        var ranked = inLabel.Where(kv => kv.Value >= options.MinSupport)
            .Select(kv =>
            {
                var expected = overall[kv.Key] * rate;
                // A phrase says more than either of its words, so it gets a small boost at equal counts.
                var phrase = kv.Key.Contains(' ', StringComparison.Ordinal) ? 1.15 : 1.0;
                return (Term: kv.Key, Count: kv.Value, Score: phrase * kv.Value * Math.Log((kv.Value + 0.5) / (expected + 0.5)));
            })
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score).ThenBy(x => x.Term, StringComparer.Ordinal);

        var chosen = new List<(string Term, int Count, double Score)>();
        var usedWords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var x in ranked)
        {
            var words = x.Term.Split(' ');
            if (words.Any(usedWords.Contains))
            {
                continue;
            }

            chosen.Add(x);
            usedWords.UnionWith(words);
            if (chosen.Count == options.TopN)
            {
                break;
            }
        }

        var refs = chosen.ToDictionary(c => c.Term, _ => new List<PostFacts>(), StringComparer.Ordinal);
        foreach (var p in posts)
        {
            if (p.Label != label)
            {
                continue;
            }

            foreach (var t in p.Terms)
            {
                if (refs.TryGetValue(t, out var list))
                {
                    list.Add(p);
                }
            }
        }

        return chosen.Select(c => new EvidenceItem(
            $"{prefix}:{Slug(c.Term)}", kind, c.Term, c.Count, Math.Round(c.Score, 3), Best(refs[c.Term], options.RefsPerItem))).ToList();
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
                if (tag.Length == 0 || own.Contains(tag))
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

        return byTag.Keys
            .Select(tag =>
            {
                var l = late.GetValueOrDefault(tag);
                var e = early.GetValueOrDefault(tag);
                var growth = (l + 1.0) / ((e / 3.0) + 1.0);
                return (Tag: tag, Count: l + e, Score: growth * Math.Log(1 + l + e));
            })
            .Where(x => x.Count >= options.MinSupport)
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
