using System.Numerics.Tensors;

namespace Marketing.Analysis.Sentiment;

/// <summary>
/// Topic clusters of texts for a dev split whose topics training never saw (as the 2017 SemEval test set's topics were
/// not in train): spherical k-means (seeded) of each text's mean word vector, then whole clusters, in a seeded random
/// order, are held out until a share of the rows are.
/// </summary>
public static class TopicClusters
{
    /// <summary>The cluster (0..k−1) of each text: spherical k-means, 15 rounds, seeded start from random texts.</summary>
    public static int[] Assign(IReadOnlyList<IReadOnlyList<SocialToken>> texts, WordVectors vectors, int k, int seed = 11)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var dim = vectors.Dimension;
        var n = texts.Count;
        var x = new float[n * dim];
        Parallel.For(0, n, i =>
        {
            var v = x.AsSpan(i * dim, dim);
            foreach (var t in texts[i])
            {
                var r = t.Kind is TokenKind.Word or TokenKind.Hashtag or TokenKind.Emoji ? vectors.IndexOf(t.Text) : -1;
                if (r >= 0)
                {
                    TensorPrimitives.Add(v, vectors.Vector(r), v);
                }
            }

            Normalize(v);
        });

        var rng = new Random(seed);
        var centers = new float[k * dim];
        for (var c = 0; c < k; c++)
        {
            x.AsSpan(rng.Next(n) * dim, dim).CopyTo(centers.AsSpan(c * dim, dim));
        }

        var assign = new int[n];
        for (var iter = 0; iter < 15; iter++)
        {
            Parallel.For(0, n, i =>
            {
                var v = x.AsSpan(i * dim, dim);
                var best = (-2f, 0);
                for (var c = 0; c < k; c++)
                {
                    var d = TensorPrimitives.Dot<float>(v, centers.AsSpan(c * dim, dim));
                    if (d > best.Item1)
                    {
                        best = (d, c);
                    }
                }

                assign[i] = best.Item2;
            });
            Array.Clear(centers);
            for (var i = 0; i < n; i++)
            {
                var center = centers.AsSpan(assign[i] * dim, dim);
                TensorPrimitives.Add(center, x.AsSpan(i * dim, dim), center);
            }

            for (var c = 0; c < k; c++)
            {
                Normalize(centers.AsSpan(c * dim, dim));
            }
        }

        return assign;
    }

    /// <summary>Clusters in a seeded random order, taken until at least <paramref name="share"/> of the rows are in them.</summary>
    public static HashSet<int> HoldOut(int[] assign, int k, double share, int seed = 12)
    {
        var sizes = new int[k];
        foreach (var a in assign)
        {
            sizes[a]++;
        }

        var order = Enumerable.Range(0, k).ToArray();
        new Random(seed).Shuffle(order);
        var held = new HashSet<int>();
        var count = 0;
        foreach (var c in order)
        {
            if (count >= share * assign.Length)
            {
                break;
            }

            held.Add(c);
            count += sizes[c];
        }

        return held;
    }

    private static void Normalize(Span<float> v)
    {
        var norm = MathF.Sqrt(TensorPrimitives.Dot<float>(v, v));
        if (norm > 0)
        {
            TensorPrimitives.Divide(v, norm, v);
        }
    }
}
