using Marketing.Core.Domain;
using Marketing.Core.Storage;

namespace Marketing.Analysis.Trends;

/// <summary>
/// Explains a burst by what made it: the terms, phrases and hashtags that set its posts apart from the week before
/// (log-odds z), who posted them, their sentiment against the baseline, and the most engaging posts near the peak.
/// </summary>
public static class BurstEvidence
{
    private const int FocusLimit = 2000;
    private const int BaselineLimit = 2000;
    private static readonly TimeSpan BaselineSpan = TimeSpan.FromDays(7);

    /// <summary>Fills the evidence fields of <paramref name="burst"/> and returns the sample posts (for an explainer).</summary>
    public static async Task<List<SocialPost>> ExplainAsync(IPostStore store, Burst burst, BucketSize bucket, CancellationToken ct)
    {
        var filter = Filter(burst);
        var focusRange = new TimeRange(burst.Start, burst.End);
        var (focus, _) = await PostSampler.SampleAsync(store, focusRange, filter, FocusLimit, Math.Min(12, burst.Buckets), ct);
        focus = focus.Where(p => Matches(burst, p)).ToList();
        var baseRange = new TimeRange(burst.Start - BaselineSpan, burst.Start);
        var (baseline, _) = await PostSampler.SampleAsync(store, baseRange, filter, BaselineLimit, 14, ct);
        baseline = baseline.Where(p => Matches(burst, p)).ToList();
        if (baseline.Count < 20)
        {
            // A new hashtag or term has no history of its own: compare with the conversation at large instead.
            (baseline, _) = await PostSampler.SampleAsync(store, baseRange, new PostQuery(), BaselineLimit, 14, ct);
        }

        burst.TopTerms = LogOdds.Score(CountTerms(focus), CountTerms(baseline), focus.Count, baseline.Count, minCount: 3, top: 8);
        burst.TopHashtags = LogOdds.Score(CountHashtags(focus), CountHashtags(baseline), focus.Count, baseline.Count, minCount: 3, top: 5);
        burst.TopAuthors = focus.GroupBy(p => (p.Platform, p.Author.Id))
            .Select(g => new AuthorShare(g.Key.Id, g.First().Author.Handle, g.Count(), Math.Round(g.Count() / (double)focus.Count, 4), g.Max(p => p.Author.Followers)))
            .OrderByDescending(a => a.Posts).ThenByDescending(a => a.Followers).ThenBy(a => a.AuthorId, StringComparer.Ordinal)
            .Take(5).ToList();
        burst.Sentiment = Compare(focus, baseline, burst.SeriesKind == "brand" ? burst.Key : null);
        var width = TimeBuckets.NominalWidth(bucket);
        var samples = focus.Where(p => p.CreatedAt >= burst.Peak - width && p.CreatedAt < burst.Peak + (2 * width)).ToList();
        if (samples.Count == 0)
        {
            samples = focus;
        }

        samples = samples.OrderByDescending(p => p.Engagement.Total).ThenBy(p => p.PostId, StringComparer.Ordinal).Take(5).ToList();
        burst.SamplePostIds = samples.Select(p => p.Platform + "/" + p.PostId).ToList();
        return samples;
    }

    public static SentimentComparison Compare(IReadOnlyList<SocialPost> focus, IReadOnlyList<SocialPost> baseline, string? brand)
    {
        var (fn, fneg, fpos) = Tally(focus, brand);
        var (bn, bneg, bpos) = Tally(baseline, brand);
        var z = TrendStatistics.TwoProportionZ(fneg, fn, bneg, bn);
        return new SentimentComparison(
            fn,
            fn == 0 ? 0 : Math.Round(fneg / (double)fn, 4),
            fn == 0 ? 0 : Math.Round((fpos - fneg) / (double)fn, 4),
            bn,
            bn == 0 ? 0 : Math.Round(bneg / (double)bn, 4),
            bn == 0 ? 0 : Math.Round((bpos - bneg) / (double)bn, 4),
            Math.Round(z, 2),
            TrendStatistics.TwoSidedP(z));
    }

    /// <summary>Scored posts, negatives and positives; toward <paramref name="brand"/> when the post says how it feels about it.</summary>
    private static (long Scored, long Negative, long Positive) Tally(IEnumerable<SocialPost> posts, string? brand)
    {
        long n = 0, neg = 0, pos = 0;
        foreach (var p in posts)
        {
            var label = brand is null ? p.Sentiment?.Label : (p.BrandSentiments.FirstOrDefault(b => b.Brand == brand)?.Label ?? p.Sentiment?.Label);
            if (label is null or SentimentLabel.Unscored)
            {
                continue;
            }

            n++;
            neg += label == SentimentLabel.Negative ? 1 : 0;
            pos += label == SentimentLabel.Positive ? 1 : 0;
        }

        return (n, neg, pos);
    }

    public static Dictionary<string, long> CountTerms(IEnumerable<SocialPost> posts, int maxN = 3)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var p in posts)
        {
            foreach (var t in TextTerms.Terms(p.Text, maxN))
            {
                counts[t] = counts.GetValueOrDefault(t) + 1;
            }
        }

        return counts;
    }

    public static Dictionary<string, long> CountHashtags(IEnumerable<SocialPost> posts)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var p in posts)
        {
            foreach (var t in p.Hashtags.Select(h => "#" + h.TrimStart('#').ToLowerInvariant()).Distinct(StringComparer.Ordinal))
            {
                counts[t] = counts.GetValueOrDefault(t) + 1;
            }
        }

        return counts;
    }

    private static PostQuery Filter(Burst burst) => burst.SeriesKind switch
    {
        "brand" => new PostQuery { Brand = burst.Key },
        "hashtag" => new PostQuery { Text = "#" + burst.Key.TrimStart('#') },
        "term" => new PostQuery { Text = burst.Key },
        _ => new PostQuery(),
    };

    private static bool Matches(Burst burst, SocialPost p) => burst.SeriesKind switch
    {
        "hashtag" => p.Hashtags.Any(h => string.Equals(h.TrimStart('#'), burst.Key.TrimStart('#'), StringComparison.OrdinalIgnoreCase)),
        "term" => TextTerms.Terms(p.Text).Contains(burst.Key.ToLowerInvariant()),
        _ => true,
    };
}
