using System.Globalization;
using Marketing.Analysis.Topics;
using Marketing.Core.Domain;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Marketing.Analysis.Segments;

/// <summary>
/// Audience segments: ML.NET k-means (k-means++, one thread, seeded, so runs repeat) over one vector per author —
/// region, follower band and platform one-hot, topic shares, mean polarity toward each brand, log engagement — then
/// each segment described by its dominant traits and its likes and dislikes against all authors.
/// </summary>
public sealed class SegmentModeler
{
    // Feature weights: who someone is (region, reach) separates audiences most; platform, topics, brand feelings and
    // engagement refine within that. Weights scale one-hot blocks so that no block swamps the distance.
    private const float RegionWeight = 2.0f;
    private const float BandWeight = 0.7f;
    private const float PlatformWeight = 0.3f;
    private const float TopicWeight = 0.6f;
    private const float BrandWeight = 0.5f;
    private const float EngagementWeight = 0.2f;
    private const int MinBrandPosts = 5;

    // k-means++ starts per run (the best partition is kept); see Cluster. Six were not always enough on 30,000 synthetic
    // posts read back from the store (Spain and Brazil merged, US-West split); twelve were.
    private const int Restarts = 12;

    public SegmentReport Build(
        IReadOnlyList<SocialPost> posts,
        int? k,
        int seed,
        IReadOnlyDictionary<string, string>? topicOf = null,
        IReadOnlyDictionary<string, string>? topicLabels = null)
    {
        var authors = posts.GroupBy(p => p.Platform + "/" + p.Author.Id, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Key: g.Key, Posts: g.ToList()))
            .ToList();
        if (authors.Count < 2)
        {
            return new SegmentReport { Seed = seed, Authors = authors.Count, PostsRead = posts.Count };
        }

        var region = authors.Select(a => a.Posts[^1].Author.Location is { Length: > 0 } l ? l.Trim() : "unknown").ToList();
        var regions = Frequent(region, 0.01);
        var platforms = Frequent(authors.Select(a => a.Posts[0].Platform).ToList(), 0.01);
        var brands = posts.SelectMany(p => p.Brands).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var topics = topicOf is null ? [] : topicOf.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var autoK = Frequent(region, 0.03).Count(r => r != "other");
        var clusters = Math.Clamp(k ?? autoK, 2, Math.Min(12, authors.Count));

        var dim = regions.Count + FollowerBands.All.Length + platforms.Count + topics.Count + brands.Count + 1;
        var rows = new List<AuthorVector>(authors.Count);
        var maxEng = authors.Max(a => Math.Log(1 + a.Posts.Average(p => (double)p.Engagement.Total)));
        for (var i = 0; i < authors.Count; i++)
        {
            var (_, ps) = authors[i];
            var f = new float[dim];
            var o = 0;
            f[o + IndexOr(regions, region[i])] = RegionWeight;
            o += regions.Count;
            f[o + Array.IndexOf(FollowerBands.All, FollowerBands.Of(ps.Max(p => p.Author.Followers)))] = BandWeight;
            o += FollowerBands.All.Length;
            f[o + IndexOr(platforms, ps[0].Platform)] = PlatformWeight;
            o += platforms.Count;
            if (topicOf is not null)
            {
                foreach (var p in ps)
                {
                    if (topicOf.TryGetValue(p.Platform + "/" + p.PostId, out var t))
                    {
                        f[o + topics.BinarySearch(t, StringComparer.Ordinal)] += TopicWeight / ps.Count;
                    }
                }
            }

            o += topics.Count;
            foreach (var (b, pol) in Polarities(ps))
            {
                f[o + brands.BinarySearch(b, StringComparer.Ordinal)] = (float)(BrandWeight * pol.Average());
            }

            o += brands.Count;
            f[o] = maxEng <= 0 ? 0 : (float)(EngagementWeight * Math.Log(1 + ps.Average(p => (double)p.Engagement.Total)) / maxEng);
            rows.Add(new AuthorVector { Features = f });
        }

        var labels = Cluster(rows, dim, clusters, seed);
        return Describe(authors, region, labels, brands, topicOf, topicLabels, seed, clusters, posts.Count);
    }

    /// <summary>
    /// k-means from several k-means++ starts (seeds <paramref name="seed"/>, +1, …), keeping the partition with the least
    /// within-cluster sum of squares. One start can settle in a local optimum that splits one region on brand feelings
    /// and merges two others (a fan and a hostile audience averaged into "neutral"); the better optimum is found by
    /// restarting, as scikit-learn's n_init does. Deterministic: the starts and the tie-break are fixed.
    /// </summary>
    private static uint[] Cluster(List<AuthorVector> rows, int dim, int k, int seed)
    {
        uint[]? best = null;
        var bestCost = double.PositiveInfinity;
        for (var r = 0; r < Restarts; r++)
        {
            var (labels, cost) = ClusterOnce(rows, dim, k, seed + r);
            if (cost < bestCost - 1e-9)
            {
                (best, bestCost) = (labels, cost);
            }
        }

        return best!;
    }

    private static (uint[] Labels, double Cost) ClusterOnce(List<AuthorVector> rows, int dim, int k, int seed)
    {
        var ml = new MLContext(seed);
        var schema = SchemaDefinition.Create(typeof(AuthorVector));
        schema[nameof(AuthorVector.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dim);
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var trainer = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            FeatureColumnName = nameof(AuthorVector.Features),
            NumberOfClusters = k,
            InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            // One thread: k-means++ and the updates then run in one order, so the same seed gives the same segments.
            NumberOfThreads = 1,
            MaximumNumberOfIterations = 200,
        });
        var model = trainer.Fit(data);
        var scored = model.Transform(data);
        var labels = scored.GetColumn<uint>("PredictedLabel").ToArray();
        // Score holds each row's squared distance to every centroid; its own cluster's is the smallest.
        var cost = scored.GetColumn<float[]>("Score").Sum(d => (double)d.Min());
        return (labels, cost);
    }

    private static SegmentReport Describe(
        List<(string Key, List<SocialPost> Posts)> authors,
        List<string> region,
        uint[] labels,
        List<string> brands,
        IReadOnlyDictionary<string, string>? topicOf,
        IReadOnlyDictionary<string, string>? topicLabels,
        int seed,
        int k,
        int postCount)
    {
        var overallPol = Polarities(authors.SelectMany(a => a.Posts)).ToDictionary(kv => kv.Key, kv => kv.Value.Average(), StringComparer.Ordinal);
        var allPosts = authors.Sum(a => a.Posts.Count);
        var overallTopic = TopicShares(authors.SelectMany(a => a.Posts), topicOf);
        var groups = Enumerable.Range(0, authors.Count).GroupBy(i => labels[i])
            .Select(g => g.ToList())
            .OrderByDescending(g => g.Count).ThenBy(g => authors[g[0]].Key, StringComparer.Ordinal)
            .ToList();
        var segments = new List<Segment>();
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        var ci = CultureInfo.InvariantCulture;
        for (var s = 0; s < groups.Count; s++)
        {
            var g = groups[s];
            var id = "s" + (s + 1).ToString("00", ci);
            var ps = g.SelectMany(i => authors[i].Posts).ToList();
            var (topRegion, regionShare) = Dominant(g.Select(i => region[i]));
            var (band, _) = Dominant(g.Select(i => FollowerBands.Of(authors[i].Posts.Max(p => p.Author.Followers))));
            var (platform, platformShare) = Dominant(g.Select(i => authors[i].Posts[0].Platform));
            var pol = Polarities(ps).Where(kv => kv.Value.Count >= MinBrandPosts).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            var brandPrefs = pol.Select(kv => new SegmentPreference("brand", kv.Key, kv.Key, Math.Round(kv.Value.Average(), 3),
                    Math.Round(overallPol[kv.Key], 3), Math.Round(kv.Value.Average() - overallPol[kv.Key], 3), kv.Value.Count))
                .ToList();
            var topicShare = TopicShares(ps, topicOf);
            var interests = topicShare.Where(kv => overallTopic.GetValueOrDefault(kv.Key) > 0)
                .Select(kv => new SegmentPreference("topic", kv.Key, topicLabels?.GetValueOrDefault(kv.Key) ?? kv.Key, Math.Round(kv.Value, 4),
                    Math.Round(overallTopic[kv.Key], 4), Math.Round(kv.Value / overallTopic[kv.Key], 2), 0))
                .Where(t => t.Lift >= 1.3).OrderByDescending(t => t.Lift).ThenBy(t => t.Key, StringComparer.Ordinal).Take(3).ToList();
            var segment = new Segment
            {
                Id = id,
                Authors = g.Count,
                Posts = ps.Count,
                Region = topRegion,
                RegionShare = Math.Round(regionShare, 3),
                FollowerBand = band,
                Platform = platformShare >= 0.5 ? platform : "mixed",
                BrandPolarity = pol.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value.Average(), 3), StringComparer.Ordinal),
                Likes = brandPrefs.Where(b => b.Lift >= 0.1).OrderByDescending(b => b.Lift).ThenBy(b => b.Key, StringComparer.Ordinal).Take(3).ToList(),
                Dislikes = brandPrefs.Where(b => b.Lift <= -0.1).OrderBy(b => b.Lift).ThenBy(b => b.Key, StringComparer.Ordinal).Take(3).ToList(),
                Interests = interests,
                MeanEngagement = Math.Round(ps.Average(p => (double)p.Engagement.Total), 1),
            };
            var pct = (regionShare * 100).ToString("0", ci) + "%";
            var where = regionShare >= 0.5 ? $"{topRegion} ({pct})" : $"mixed regions (mostly {topRegion}, {pct})";
            // A mood (a topic of feelings, not a subject) is kept as an interest but does not describe the segment.
            var subjects = interests.Where(t => !t.Label.StartsWith(Topics.TopicModeler.MoodPrefix, StringComparison.Ordinal)).Take(2).ToList();
            var into = subjects.Count > 0 ? ", into " + string.Join(" & ", subjects.Select(t => t.Label)) : "";
            segment.Description = $"{where}, {band} followers, {(segment.Platform == "mixed" ? "several platforms" : "mostly " + platform)}{into}";
            segments.Add(segment);
            foreach (var i in g)
            {
                members[authors[i].Key] = id;
            }
        }

        var ranking = brands.ToDictionary(
            b => b,
            b => segments.Where(s => s.BrandPolarity.ContainsKey(b)).OrderByDescending(s => s.BrandPolarity[b]).ThenBy(s => s.Id, StringComparer.Ordinal).Select(s => s.Id).ToList(),
            StringComparer.Ordinal);
        return new SegmentReport
        {
            K = k,
            Seed = seed,
            Authors = authors.Count,
            PostsRead = postCount,
            Segments = segments,
            BrandRanking = ranking,
            OverallPolarity = overallPol.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value, 3), StringComparer.Ordinal),
            Members = members,
        };
    }

    /// <summary>Per brand, the polarities of the posts about it: the post's sentiment toward that brand when known.</summary>
    public static Dictionary<string, List<double>> Polarities(IEnumerable<SocialPost> posts)
    {
        var d = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var p in posts)
        {
            foreach (var b in p.Brands)
            {
                var bs = p.BrandSentiments.FirstOrDefault(x => x.Brand == b);
                double? pol = bs is not null ? bs.Polarity : p.Sentiment is { Label: not SentimentLabel.Unscored } s ? s.Polarity : null;
                if (pol is { } v)
                {
                    if (!d.TryGetValue(b, out var list))
                    {
                        d[b] = list = [];
                    }

                    list.Add(v);
                }
            }
        }

        return d;
    }

    private static Dictionary<string, double> TopicShares(IEnumerable<SocialPost> posts, IReadOnlyDictionary<string, string>? topicOf)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        if (topicOf is null)
        {
            return counts;
        }

        var n = 0;
        foreach (var p in posts)
        {
            n++;
            if (topicOf.TryGetValue(p.Platform + "/" + p.PostId, out var t))
            {
                counts[t] = counts.GetValueOrDefault(t) + 1;
            }
        }

        return counts.ToDictionary(kv => kv.Key, kv => kv.Value / Math.Max(1, n), StringComparer.Ordinal);
    }

    private static (string Value, double Share) Dominant(IEnumerable<string> values)
    {
        var list = values.ToList();
        var top = list.GroupBy(v => v, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First();
        return (top.Key, top.Count() / (double)list.Count);
    }

    /// <summary>Values held by at least <paramref name="share"/> of the items, in order, plus "other".</summary>
    private static List<string> Frequent(List<string> values, double share)
    {
        var min = share * values.Count;
        var list = values.GroupBy(v => v, StringComparer.Ordinal).Where(g => g.Count() >= min).Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
        list.Add("other");
        return list;
    }

    private static int IndexOr(List<string> list, string value)
    {
        var i = list.IndexOf(value);
        return i >= 0 ? i : list.Count - 1;
    }
}
