namespace Marketing.Analysis.Topics;

/// <summary>
/// k-means on unit vectors with cosine similarity (spherical k-means), seeded by k-means++ from a given
/// <see cref="Random"/>. Every loop runs in input order and ties go to the lower index, so the same input and seed give
/// the same clusters on every run and machine. Written here rather than with ML.NET's KMeans because TF-IDF vectors are
/// sparse and ML.NET would densify thousands of dimensions per post.
/// </summary>
internal static class SphericalKMeans
{
    public static (int[] Labels, double[][] Centroids) Run(IReadOnlyList<SparseVector> docs, int k, int dim, Random rng, int iterations)
    {
        var m = docs.Count;
        k = Math.Min(k, m);
        var centroids = new double[k][];
        var best = new double[m];
        Array.Fill(best, double.NegativeInfinity);
        centroids[0] = Dense(docs[rng.Next(m)], dim);
        for (var c = 1; c < k; c++)
        {
            var weights = new double[m];
            var total = 0.0;
            for (var i = 0; i < m; i++)
            {
                best[i] = Math.Max(best[i], docs[i].Dot(centroids[c - 1]));
                var d = Math.Max(0, 1 - best[i]);
                weights[i] = d * d;
                total += weights[i];
            }

            var pick = 0;
            if (total > 0)
            {
                var r = rng.NextDouble() * total;
                for (pick = 0; pick < m - 1 && (r -= weights[pick]) > 0; pick++)
                {
                }
            }

            centroids[c] = Dense(docs[pick], dim);
        }

        var labels = new int[m];
        for (var it = 0; it < iterations; it++)
        {
            var changed = Assign(docs, centroids, labels, out var sims);
            centroids = Recompute(docs, labels, k, dim, sims);
            if (!changed && it > 0)
            {
                break;
            }
        }

        Assign(docs, centroids, labels, out _);
        return (labels, centroids);
    }

    private static bool Assign(IReadOnlyList<SparseVector> docs, double[][] centroids, int[] labels, out double[] sims)
    {
        var changed = false;
        sims = new double[docs.Count];
        for (var i = 0; i < docs.Count; i++)
        {
            var (bestC, bestS) = (0, double.NegativeInfinity);
            for (var c = 0; c < centroids.Length; c++)
            {
                var s = docs[i].Dot(centroids[c]);
                if (s > bestS)
                {
                    (bestC, bestS) = (c, s);
                }
            }

            changed |= labels[i] != bestC;
            labels[i] = bestC;
            sims[i] = bestS;
        }

        return changed;
    }

    private static double[][] Recompute(IReadOnlyList<SparseVector> docs, int[] labels, int k, int dim, double[] sims)
    {
        var sums = Enumerable.Range(0, k).Select(_ => new double[dim]).ToArray();
        var sizes = new int[k];
        for (var i = 0; i < docs.Count; i++)
        {
            sizes[labels[i]]++;
            var v = docs[i];
            for (var j = 0; j < v.Index.Length; j++)
            {
                sums[labels[i]][v.Index[j]] += v.Weight[j];
            }
        }

        for (var c = 0; c < k; c++)
        {
            if (sizes[c] == 0)
            {
                // An empty cluster restarts at the post its centroid explains worst (deterministic: lowest index on ties).
                var worst = Enumerable.Range(0, docs.Count).OrderBy(i => sims[i]).ThenBy(i => i).First();
                sums[c] = Dense(docs[worst], dim);
                sims[worst] = double.PositiveInfinity;
                continue;
            }

            Normalize(sums[c]);
        }

        return sums;
    }

    public static double[] Dense(SparseVector v, int dim)
    {
        var d = new double[dim];
        for (var j = 0; j < v.Index.Length; j++)
        {
            d[v.Index[j]] = v.Weight[j];
        }

        return d;
    }

    public static void Normalize(double[] v)
    {
        var norm = Math.Sqrt(v.Sum(x => x * x));
        if (norm > 0)
        {
            for (var i = 0; i < v.Length; i++)
            {
                v[i] /= norm;
            }
        }
    }
}
