using Marketing.Analysis.Trends;
using Marketing.Core.Domain;

namespace Marketing.Analysis.Topics;

/// <summary>
/// Clusters posts into topics: binary TF-IDF over words, two-word phrases and hashtags, spherical k-means seeded with
/// k-means++, topics labelled with class-based TF-IDF terms (BERTopic's c-TF-IDF). <see cref="Update"/> assigns new
/// posts to the existing topics first and clusters only the posts that fit none into new topics.
/// </summary>
public sealed class TopicModeler(TopicOptions? options = null)
{
    public TopicOptions Options { get; } = options ?? new TopicOptions();

    public static string PostKey(SocialPost p) => p.Platform + "/" + p.PostId;

    /// <summary>The terms a post is clustered on (a set: each counts once).</summary>
    public static HashSet<string> DocumentTerms(SocialPost p)
    {
        var terms = TextTerms.Terms(p.Text, maxN: 2);
        foreach (var h in p.Hashtags)
        {
            terms.Add("#" + h.TrimStart('#').ToLowerInvariant());
        }

        return terms;
    }

    public (TopicModel Model, TopicAssignment Assignment) Fit(IReadOnlyList<SocialPost> posts, DateTimeOffset now)
    {
        var ordered = Order(posts);
        var docs = ordered.Select(DocumentTerms).ToList();
        var idf = InverseDocumentFrequencies(docs);
        var model = new TopicModel { Seed = Options.Seed, CreatedAt = now, UpdatedAt = now, Documents = docs.Count, Idf = idf };
        var topicOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var made = Cluster(model, ordered, docs, Enumerable.Range(0, docs.Count).ToList(), Options.K, new Random(Options.Seed), now, topicOf);
        return (model, new TopicAssignment(topicOf, ordered.Count - topicOf.Count, made));
    }

    /// <summary>Assigns posts to the model's topics without changing it.</summary>
    public TopicAssignment Assign(TopicModel model, IReadOnlyList<SocialPost> posts)
    {
        var topicOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var ordered = Order(posts);
        foreach (var p in ordered)
        {
            if (Nearest(model, DocumentTerms(p)) is { } t)
            {
                topicOf[PostKey(p)] = t;
            }
        }

        return new TopicAssignment(topicOf, ordered.Count - topicOf.Count, []);
    }

    /// <summary>
    /// Assigns posts to existing topics (cosine to a centroid of at least <see cref="TopicOptions.AssignThreshold"/>),
    /// then, when at least <see cref="TopicOptions.MinNewTopicPosts"/> posts fit none, clusters those into new topics with
    /// the next ids. Existing topics keep their ids, terms and centroids.
    /// </summary>
    public TopicAssignment Update(TopicModel model, IReadOnlyList<SocialPost> posts, DateTimeOffset now)
    {
        var ordered = Order(posts);
        var docs = ordered.Select(DocumentTerms).ToList();
        var topicOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var leftover = new List<int>();
        for (var i = 0; i < ordered.Count; i++)
        {
            if (Nearest(model, docs[i]) is { } t)
            {
                topicOf[PostKey(ordered[i])] = t;
                model.Topics.First(x => x.Id == t).Size++;
            }
            else
            {
                leftover.Add(i);
            }
        }

        var made = new List<string>();
        if (leftover.Count >= Options.MinNewTopicPosts)
        {
            // New words get IDF weights from this batch; known words keep theirs so old centroids stay comparable.
            // No upper document share here: the leftovers are one new subject, whose words are in most of them.
            foreach (var (term, w) in InverseDocumentFrequencies(leftover.Select(i => docs[i]).ToList(), maxShare: 1))
            {
                model.Idf.TryAdd(term, w);
            }

            var k = Math.Clamp(leftover.Count / (Options.MinNewTopicPosts * 2), 1, 5);
            made = Cluster(model, ordered, docs, leftover, k, new Random(Options.Seed + model.Topics.Count), now, topicOf);
        }

        model.Documents += ordered.Count;
        model.UpdatedAt = now;
        return new TopicAssignment(topicOf, ordered.Count - topicOf.Count, made);
    }

    private string? Nearest(TopicModel model, HashSet<string> terms)
    {
        var weights = terms.Where(model.Idf.ContainsKey).Select(t => (t, w: model.Idf[t])).ToList();
        // Words the model has never seen count in the norm with the weight of a term of document frequency zero: a post
        // made mostly of new words is far from every old topic, instead of being judged by its few generic known words.
        var unseen = Math.Log(1.0 + model.Documents) + 1;
        var unknown = terms.Count(t => !t.Contains(' ', StringComparison.Ordinal) && !model.Idf.ContainsKey(t));
        var norm = Math.Sqrt(weights.Sum(x => x.w * x.w) + (unknown * unseen * unseen));
        if (weights.Count == 0 || norm <= 0)
        {
            return null;
        }

        string? best = null;
        var bestSim = Options.AssignThreshold;
        foreach (var topic in model.Topics)
        {
            var sim = weights.Sum(x => x.w * topic.Centroid.GetValueOrDefault(x.t)) / norm;
            if (sim >= bestSim && (best is null || sim > bestSim))
            {
                (best, bestSim) = (topic.Id, sim);
            }
        }

        return best;
    }

    private List<string> Cluster(
        TopicModel model,
        List<SocialPost> posts,
        List<HashSet<string>> docs,
        List<int> members,
        int k,
        Random rng,
        DateTimeOffset now,
        Dictionary<string, string> topicOf)
    {
        var vocabulary = model.Idf.Keys.Order(StringComparer.Ordinal).Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
        var terms = vocabulary.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray();
        var vectors = new List<SparseVector>();
        var index = new List<int>();
        foreach (var i in members)
        {
            var v = SparseVector.FromTerms(docs[i], vocabulary, t => model.Idf[t]);
            if (!v.IsEmpty)
            {
                vectors.Add(v);
                index.Add(i);
            }
        }

        if (vectors.Count == 0)
        {
            return [];
        }

        var (labels, centroids) = SphericalKMeans.Run(vectors, k, terms.Length, rng, Options.Iterations);
        var clusters = Enumerable.Range(0, centroids.Length)
            .Select(c => (c, members: Enumerable.Range(0, labels.Length).Where(j => labels[j] == c).ToList()))
            .Where(x => x.members.Count > 0)
            .OrderByDescending(x => x.members.Count).ThenBy(x => x.members[0])
            .ToList();
        // Labels weigh a cluster against every other post of the batch (the background), so that new topics made from
        // one leftover cluster are labelled by what sets them apart, not by the filler they share with everything.
        var memberSet = members.ToHashSet();
        var classes = clusters.Select(x => x.members.Select(j => docs[index[j]]).ToList()).ToList();
        classes.Add(Enumerable.Range(0, docs.Count).Where(i => !memberSet.Contains(i)).Select(i => docs[i]).ToList());
        var labelTerms = ClassTfIdf(classes, vocabulary);
        var made = new List<string>();
        for (var ci = 0; ci < clusters.Count; ci++)
        {
            var (c, clusterMembers) = clusters[ci];
            var topic = new Topic
            {
                Id = model.NextId(),
                CreatedAt = now,
                Size = clusterMembers.Count,
                Terms = labelTerms[ci],
                Label = LabelOf(labelTerms[ci]),
                Centroid = centroids[c].Select((w, t) => (w, t)).Where(x => x.w > 0)
                    .OrderByDescending(x => x.w).ThenBy(x => x.t).Take(Options.CentroidTerms)
                    .ToDictionary(x => terms[x.t], x => Math.Round(x.w, 6), StringComparer.Ordinal),
            };
            Renormalize(topic.Centroid);
            model.Topics.Add(topic);
            made.Add(topic.Id);
            foreach (var j in clusterMembers)
            {
                topicOf[PostKey(posts[index[j]])] = topic.Id;
            }
        }

        return made;
    }

    /// <summary>
    /// A topic's name: its three most distinctive terms that say what people talk about. Words of feeling or filler
    /// (<see cref="OpinionWords"/>: "awful", "choosing", "regret") and terms already covered by a chosen phrase
    /// ("app" after "mobile app") are skipped. A topic made only of feelings and filler says so: "mood: never /
    /// disappoints", so nobody mistakes it for a subject.
    /// </summary>
    /// <summary>The start of the label of a topic with no subject term (<see cref="LabelOf"/>).</summary>
    public const string MoodPrefix = "mood: ";

    public static string LabelOf(IReadOnlyList<string> terms)
    {
        var chosen = new List<string>();
        foreach (var term in terms.Where(t => !OpinionWords.ContainsOpinion(t)))
        {
            var words = term.Split(' ');
            if (chosen.Any(c => words.All(c.Split(' ').Contains)))
            {
                continue;
            }

            // A phrase replaces the single words it contains ("mobile" then "mobile app").
            chosen.RemoveAll(c => !c.Contains(' ') && words.Contains(c));
            chosen.Add(term);
            if (chosen.Count == 3)
            {
                break;
            }
        }

        return chosen.Count > 0 ? string.Join(" / ", chosen) : terms.Count > 0 ? MoodPrefix + string.Join(" / ", terms.Take(3)) : "";
    }

    /// <summary>
    /// Class-based TF-IDF: a term's frequency in the cluster's posts × log(1 + A / its frequency over all clusters),
    /// A the average number of term occurrences per cluster. Terms that mark one cluster rise; terms everywhere sink.
    /// </summary>
    private List<List<string>> ClassTfIdf(List<List<HashSet<string>>> clusters, IReadOnlyDictionary<string, int> vocabulary)
    {
        var counts = clusters.Select(cl =>
        {
            var d = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var t in cl.SelectMany(x => x).Where(vocabulary.ContainsKey))
            {
                d[t] = d.GetValueOrDefault(t) + 1;
            }

            return d;
        }).ToList();
        var overall = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (t, n) in counts.SelectMany(d => d))
        {
            overall[t] = overall.GetValueOrDefault(t) + n;
        }

        var average = counts.Count == 0 ? 0 : counts.Average(d => (double)d.Values.Sum());
        return counts.Select(d =>
        {
            var total = Math.Max(1, d.Values.Sum());
            return d.Select(kv => (term: kv.Key, w: kv.Value / (double)total * Math.Log(1 + (average / overall[kv.Key]))))
                .OrderByDescending(x => x.w).ThenBy(x => x.term, StringComparer.Ordinal)
                .Select(x => x.term).Take(Options.LabelTerms).ToList();
        }).ToList();
    }

    private Dictionary<string, double> InverseDocumentFrequencies(List<HashSet<string>> docs, double? maxShare = null)
    {
        var share = maxShare ?? Options.MaxDocumentShare;
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in docs.SelectMany(d => d))
        {
            df[t] = df.GetValueOrDefault(t) + 1;
        }

        var n = docs.Count;
        return df.Where(kv => kv.Value >= Options.MinDocumentFrequency && kv.Value <= share * n)
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(Options.MaxVocabulary)
            .ToDictionary(kv => kv.Key, kv => Math.Round(Math.Log((1.0 + n) / (1.0 + kv.Value)) + 1, 6), StringComparer.Ordinal);
    }

    private static void Renormalize(Dictionary<string, double> v)
    {
        var norm = Math.Sqrt(v.Values.Sum(x => x * x));
        if (norm > 0)
        {
            foreach (var key in v.Keys.ToList())
            {
                v[key] /= norm;
            }
        }
    }

    private static List<SocialPost> Order(IReadOnlyList<SocialPost> posts) =>
        posts.OrderBy(p => p.CreatedAt.UtcTicks).ThenBy(p => p.Platform, StringComparer.Ordinal).ThenBy(p => p.PostId, StringComparer.Ordinal).ToList();
}
