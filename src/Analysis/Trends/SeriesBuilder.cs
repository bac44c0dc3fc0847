using Marketing.Core.Domain;
using Marketing.Core.Storage;

namespace Marketing.Analysis.Trends;

/// <summary>Builds dense series from the store's UTC hourly buckets, or from posts for keys the store does not index.</summary>
public static class SeriesBuilder
{
    /// <summary>
    /// One dense series per brand from hourly UTC buckets, summed into the buckets of <paramref name="buckets"/>
    /// (local days and weeks across DST changes come out right because each UTC hour is placed by its own instant).
    /// </summary>
    public static List<TrendSeries> FromBrandHours(IEnumerable<BrandBucket> hourly, TimeBuckets buckets)
    {
        var acc = new Dictionary<string, long[,]>(StringComparer.Ordinal);
        foreach (var h in hourly)
        {
            var i = buckets.IndexOf(h.Start);
            if (i < 0)
            {
                continue;
            }

            if (!acc.TryGetValue(h.Brand, out var a))
            {
                acc[h.Brand] = a = new long[buckets.Count, 5];
            }

            a[i, 0] += h.Volume;
            a[i, 1] += h.Positive;
            a[i, 2] += h.Neutral;
            a[i, 3] += h.Negative;
            a[i, 4] += h.Engagement;
        }

        return acc.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new TrendSeries("brand", kv.Key, buckets.Size, ToPoints(kv.Value, buckets)))
            .ToList();
    }

    /// <summary>Dense volume-only series from the store's hashtag buckets (hourly UTC buckets in, local buckets out).</summary>
    public static List<TrendSeries> FromKeyHours(string kind, IEnumerable<KeyBucket> hourly, TimeBuckets buckets)
    {
        var acc = new Dictionary<string, long[,]>(StringComparer.Ordinal);
        foreach (var h in hourly)
        {
            var i = buckets.IndexOf(h.Start);
            if (i < 0)
            {
                continue;
            }

            if (!acc.TryGetValue(h.Key, out var a))
            {
                acc[h.Key] = a = new long[buckets.Count, 5];
            }

            a[i, 0] += h.Volume;
        }

        return acc.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new TrendSeries(kind, kv.Key, buckets.Size, ToPoints(kv.Value, buckets)))
            .ToList();
    }

    /// <summary>Dense series of posts grouped by keys a post may have several of (terms, topics, segments).</summary>
    public static List<TrendSeries> FromPosts(string kind, IEnumerable<SocialPost> posts, Func<SocialPost, IEnumerable<string>> keys, TimeBuckets buckets)
    {
        var acc = new Dictionary<string, long[,]>(StringComparer.Ordinal);
        foreach (var p in posts)
        {
            var i = buckets.IndexOf(p.CreatedAt);
            if (i < 0)
            {
                continue;
            }

            foreach (var key in keys(p).Distinct(StringComparer.Ordinal))
            {
                if (!acc.TryGetValue(key, out var a))
                {
                    acc[key] = a = new long[buckets.Count, 5];
                }

                a[i, 0]++;
                switch (p.Sentiment?.Label)
                {
                    case SentimentLabel.Positive: a[i, 1]++; break;
                    case SentimentLabel.Neutral: a[i, 2]++; break;
                    case SentimentLabel.Negative: a[i, 3]++; break;
                }

                a[i, 4] += p.Engagement.Total;
            }
        }

        return acc.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new TrendSeries(kind, kv.Key, buckets.Size, ToPoints(kv.Value, buckets)))
            .ToList();
    }

    private static List<SeriesPoint> ToPoints(long[,] a, TimeBuckets buckets)
    {
        var points = new List<SeriesPoint>(buckets.Count);
        for (var i = 0; i < buckets.Count; i++)
        {
            points.Add(new SeriesPoint(buckets.Start(i), a[i, 0], a[i, 1], a[i, 2], a[i, 3], a[i, 4]));
        }

        return points;
    }
}
