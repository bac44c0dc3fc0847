using System.Text;

namespace Marketing.Analysis.Sentiment;

/// <summary>
/// A predicted valence for every word of a <see cref="WordVectors"/> table: a ridge regression from the word's vector
/// to its lexicon valence, fitted on the table's words (lexicon words take their valence / 4; every other word 0, at
/// a lower weight). It is fitted on the lexicon, not on labelled texts, so it carries no topic: a political name that
/// was mostly negative in the training tweets is not negative here. Words the lexicon lacks ("dreadfully", slang)
/// get the valence of the lexicon words near them. Read-only after construction.
/// </summary>
public sealed class WordValence
{
    private const int Magic = 0x314C5657; // "WVL1"

    public WordValence(float[] values) => Values = values;

    /// <summary>Predicted valence per row of the word-vector table, on the lexicon's scale / 4 (about -1..1).</summary>
    public float[] Values { get; }

    /// <summary>
    /// Fits the regression. <paramref name="ridge"/> is the L2 penalty on the weights (the intercept is not
    /// penalized); <paramref name="otherWeight"/> is the weight of the words the lexicon lacks (target 0). The
    /// predictions are rescaled by the least-squares slope of the lexicon valences on them, so a lexicon word's
    /// prediction is on the lexicon's scale rather than shrunk toward 0.
    /// </summary>
    /// <param name="extra">Optional vectors of more lexicon words (not scored, only fitted on): its words that are in the
    /// lexicon and not in <paramref name="vectors"/> join the regression.</param>
    public static WordValence Fit(WordVectors vectors, SentimentLexicon lexicon, float ridge = 1f, float otherWeight = 0.25f, WordVectors? extra = null)
    {
        var dim = vectors.Dimension;
        var p = dim + 1;
        var a = new double[p * p];
        var b = new double[p];
        var x = new double[p];
        var target = new float[vectors.Count];
        var isLex = new bool[vectors.Count];
        for (var w = 0; w < vectors.Count; w++)
        {
            isLex[w] = lexicon.TryGetValence(vectors.Words[w], out var v);
            target[w] = isLex[w] ? v / 4f : 0f;
            var weight = isLex[w] ? 1.0 : otherWeight;
            if (weight == 0)
            {
                continue;
            }

            Accumulate(vectors.Vector(w), weight, target[w]);
        }

        for (var i = 0; i < dim; i++)
        {
            a[(i * p) + i] += ridge;
        }

        if (extra is not null)
        {
            if (extra.Dimension != dim)
            {
                throw new ArgumentException($"the extra vectors have dimension {extra.Dimension}; the table has {dim}");
            }

            for (var w = 0; w < extra.Count; w++)
            {
                if (vectors.IndexOf(extra.Words[w]) >= 0 || !lexicon.TryGetValence(extra.Words[w], out var v))
                {
                    continue;
                }

                Accumulate(extra.Vector(w), 1.0, v / 4f);
            }
        }

        // Adds one example (its vector with a constant 1 appended, its weight and target) to the normal equations
        // (the lower triangle of a, and b).
        void Accumulate(ReadOnlySpan<float> vec, double weight, double y)
        {
            for (var j = 0; j < dim; j++)
            {
                x[j] = vec[j];
            }

            x[dim] = 1;
            for (var i = 0; i < p; i++)
            {
                var wi = weight * x[i];
                if (wi == 0)
                {
                    continue;
                }

                b[i] += wi * y;
                var row = a.AsSpan(i * p, i + 1);
                for (var j = 0; j <= i; j++)
                {
                    row[j] += wi * x[j];
                }
            }
        }

        a[(dim * p) + dim] += 1e-6;
        var beta = SolveSymmetric(a, b, p);

        var values = new float[vectors.Count];
        double py = 0, pp = 0;
        for (var w = 0; w < vectors.Count; w++)
        {
            var vec = vectors.Vector(w);
            var s = beta[dim];
            for (var j = 0; j < dim; j++)
            {
                s += beta[j] * vec[j];
            }

            values[w] = (float)s;
            if (isLex[w])
            {
                py += s * target[w];
                pp += s * s;
            }
        }

        var slope = pp > 0 && py > 0 ? (float)(py / pp) : 1f;
        for (var w = 0; w < values.Length; w++)
        {
            values[w] *= slope;
        }

        return new WordValence(values);
    }

    /// <summary>Cholesky solve of A·x = b for a symmetric positive-definite A given by its lower triangle.</summary>
    private static double[] SolveSymmetric(double[] a, double[] b, int n)
    {
        var l = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var s = a[(i * n) + j];
                for (var k = 0; k < j; k++)
                {
                    s -= l[(i * n) + k] * l[(j * n) + k];
                }

                if (i == j)
                {
                    if (s <= 0)
                    {
                        throw new InvalidOperationException("the valence regression's matrix is not positive definite");
                    }

                    l[(i * n) + i] = Math.Sqrt(s);
                }
                else
                {
                    l[(i * n) + j] = s / l[(j * n) + j];
                }
            }
        }

        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            var s = b[i];
            for (var k = 0; k < i; k++)
            {
                s -= l[(i * n) + k] * y[k];
            }

            y[i] = s / l[(i * n) + i];
        }

        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var s = y[i];
            for (var k = i + 1; k < n; k++)
            {
                s -= l[(k * n) + i] * x[k];
            }

            x[i] = s / l[(i * n) + i];
        }

        return x;
    }

    public void Write(Stream stream)
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(Values.Length);
        foreach (var v in Values)
        {
            w.Write(v);
        }
    }

    /// <summary>Reads a table written by <see cref="Write"/>; it must have one value per word of <paramref name="vectors"/>.</summary>
    public static WordValence Read(Stream stream, WordVectors vectors)
    {
        using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (r.ReadInt32() != Magic)
        {
            throw new InvalidDataException("not a word-valence table");
        }

        var count = r.ReadInt32();
        if (count != vectors.Count)
        {
            throw new InvalidDataException($"the word-valence table has {count} values for {vectors.Count} words");
        }

        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = r.ReadSingle();
        }

        return new WordValence(values);
    }
}
