using System.Numerics;
using System.Runtime.InteropServices;
using Marketing.Core.Domain;

namespace Marketing.Analysis.Sentiment;

/// <summary>
/// The second stage (see <see cref="SecondStageSettings"/>): input = [mean word vector | mean vector of the words in a
/// negation scope | lexicon features], standardized; one ReLU hidden layer; softmax over the three classes.
/// The first layer is linear in the mean vectors, so it folds like the linear model's word-vector block: at load each
/// word's vector is multiplied by the first layer once (two rows of <c>Hidden</c> floats per word), and scoring adds
/// those rows per word instead of doing 384-d arithmetic. Trained single-threaded with a seeded generator, so the same
/// data and seed give the same weights.
/// </summary>
public sealed class SecondStage
{
    private const int Magic = 0x31325353; // "SS21"

    private readonly int _dim;
    private readonly int _inputs;
    private readonly int _stacked;
    private readonly float[] _mean;
    private readonly float[] _scale;
    private readonly float[] _w1; // [hidden][inputs], on standardized inputs
    private readonly float[] _b1;
    private readonly float[] _w2; // [3][hidden]
    private readonly float[] _b2;

    // Folded for scoring: per word its first-layer contribution as part of the mean (all words) and of the negated mean.
    private readonly float[] _wordRows;
    private readonly float[] _negRows;
    private readonly float[] _lexRows; // [lexicon feature][hidden]
    private readonly float[] _bias; // b1 with the standardization folded in

    private SecondStage(int dim, int hidden, int stacked, float[] mean, float[] scale, float[] w1, float[] b1, float[] w2, float[] b2, WordVectors vectors)
    {
        if (vectors.Dimension != dim)
        {
            throw new InvalidDataException($"The second stage needs word vectors of dimension {dim}; the model has {vectors.Dimension}.");
        }

        if (stacked is not (0 or 3))
        {
            throw new InvalidDataException($"a second stage reads the linear model's 3 log-probabilities or none; got {stacked}");
        }

        _dim = dim;
        _stacked = stacked;
        _inputs = (2 * dim) + LexiconFeatures.Count + stacked;
        Hidden = hidden;
        if (mean.Length != _inputs || scale.Length != _inputs || w1.Length != hidden * _inputs || b1.Length != hidden || w2.Length != 3 * hidden || b2.Length != 3)
        {
            throw new InvalidDataException("second-stage weights have the wrong shape");
        }

        (_mean, _scale, _w1, _b1, _w2, _b2) = (mean, scale, w1, b1, w2, b2);
        var folded = new float[hidden * _inputs];
        _bias = new float[hidden];
        for (var h = 0; h < hidden; h++)
        {
            var b = b1[h];
            for (var i = 0; i < _inputs; i++)
            {
                var w = w1[(h * _inputs) + i] / scale[i];
                folded[(i * hidden) + h] = w;
                b -= w * mean[i];
            }

            _bias[h] = b;
        }

        _lexRows = folded.AsSpan(2 * dim * hidden).ToArray(); // the lexicon rows, then the stacked log-probability rows
        _wordRows = new float[vectors.Count * hidden];
        _negRows = new float[vectors.Count * hidden];
        for (var w = 0; w < vectors.Count; w++)
        {
            var v = vectors.Vector(w);
            var row = _wordRows.AsSpan(w * hidden, hidden);
            var neg = _negRows.AsSpan(w * hidden, hidden);
            for (var j = 0; j < dim; j++)
            {
                Axpy(v[j], folded.AsSpan(j * hidden, hidden), row);
                Axpy(v[j], folded.AsSpan((dim + j) * hidden, hidden), neg);
            }
        }
    }

    public int Hidden { get; }

    /// <summary>True when the network also reads the linear model's log-probabilities (stacking).</summary>
    public bool Stacked => _stacked > 0;

    /// <summary>Adds weight × log-softmax of the network's output to <paramref name="logits"/>.</summary>
    /// <remarks><paramref name="logits"/> holds the linear model's log-probabilities on entry (read when stacked).</remarks>
    internal void AddLogProbabilities(TokenBuffer tokens, WordVectors vectors, ReadOnlySpan<float> lex, float weight, Span<float> logits)
    {
        var hidden = Hidden;
        Span<float> acc = hidden <= 256 ? stackalloc float[hidden] : new float[hidden];
        Span<float> neg = hidden <= 256 ? stackalloc float[hidden] : new float[hidden];
        acc.Clear();
        neg.Clear();
        int n = 0, nNeg = 0;
        foreach (ref readonly var tok in tokens.Tokens)
        {
            var row = TextFeaturizer.VectorRow(in tok, tokens, vectors);
            if (row < 0)
            {
                continue;
            }

            Add(_wordRows.AsSpan(row * hidden, hidden), acc);
            n++;
            if (tok.Negated)
            {
                Add(_negRows.AsSpan(row * hidden, hidden), neg);
                nNeg++;
            }
        }

        if (n > 0)
        {
            Scale(acc, 1f / n);
        }

        if (nNeg > 0)
        {
            Axpy(1f / nNeg, neg, acc);
        }

        Add(_bias, acc);
        for (var k = 0; k < LexiconFeatures.Count; k++)
        {
            if (lex[k] != 0)
            {
                Axpy(lex[k], _lexRows.AsSpan(k * hidden, hidden), acc);
            }
        }

        for (var c = 0; c < _stacked; c++)
        {
            Axpy(logits[c], _lexRows.AsSpan((LexiconFeatures.Count + c) * hidden, hidden), acc);
        }

        Span<float> out3 = [_b2[0], _b2[1], _b2[2]];
        for (var h = 0; h < hidden; h++)
        {
            var a = acc[h];
            if (a > 0)
            {
                out3[0] += a * _w2[h];
                out3[1] += a * _w2[hidden + h];
                out3[2] += a * _w2[(2 * hidden) + h];
            }
        }

        LogSoftmax(out3);
        for (var c = 0; c < 3; c++)
        {
            logits[c] += weight * out3[c];
        }
    }

    /// <summary>The unfolded network input of one text (before standardization).</summary>
    internal static void Input(List<SocialToken> tokens, WordVectors vectors, SentimentLexicon lexicon, Span<float> x)
    {
        var buffer = TokenBuffer.RentLoaded(tokens);
        Input(buffer, vectors, lexicon, x);
        TokenBuffer.Return(buffer);
    }

    private static void Input(TokenBuffer tokens, WordVectors vectors, SentimentLexicon lexicon, Span<float> x)
    {
        var dim = vectors.Dimension;
        x.Clear();
        var all = x[..dim];
        var neg = x.Slice(dim, dim);
        int n = 0, nNeg = 0;
        foreach (ref readonly var tok in tokens.Tokens)
        {
            var row = TextFeaturizer.VectorRow(in tok, tokens, vectors);
            if (row < 0)
            {
                continue;
            }

            Add(vectors.Vector(row), all);
            n++;
            if (tok.Negated)
            {
                Add(vectors.Vector(row), neg);
                nNeg++;
            }
        }

        if (n > 0)
        {
            Scale(all, 1f / n);
        }

        if (nNeg > 0)
        {
            Scale(neg, 1f / nNeg);
        }

        LexiconFeatures.Compute(tokens, lexicon, x[(2 * dim)..]);
    }

    /// <summary>Trains the network on the rows' token lists, class-balanced, seeded.</summary>
    /// <param name="linearLogProbabilities">With stacking: per row the out-of-fold linear log-probabilities (3 floats).</param>
    public static SecondStage Train(IReadOnlyList<List<SocialToken>> docs, IReadOnlyList<SentimentLabel> labels, WordVectors vectors, SentimentLexicon lexicon, SecondStageSettings s, int seed, float[]? linearLogProbabilities = null, CancellationToken ct = default)
    {
        var dim = vectors.Dimension;
        var stacked = linearLogProbabilities is null ? 0 : 3;
        var own = (2 * dim) + LexiconFeatures.Count;
        var inputs = own + stacked;
        var hidden = s.Hidden;
        var n = docs.Count;
        var x = new float[(long)n * inputs];
        Parallel.For(0, n, new ParallelOptions { CancellationToken = ct }, i =>
        {
            Input(docs[i], vectors, lexicon, x.AsSpan(i * inputs, own));
            for (var c = 0; c < stacked; c++)
            {
                x[(i * inputs) + own + c] = linearLogProbabilities![(i * 3) + c];
            }
        });

        // Standardize each input (zero mean, unit variance over the training rows).
        var mean = new float[inputs];
        var scale = new float[inputs];
        var sum = new double[inputs];
        var sq = new double[inputs];
        for (var i = 0; i < n; i++)
        {
            var row = x.AsSpan(i * inputs, inputs);
            for (var j = 0; j < inputs; j++)
            {
                sum[j] += row[j];
                sq[j] += (double)row[j] * row[j];
            }
        }

        for (var j = 0; j < inputs; j++)
        {
            var m = sum[j] / n;
            var sd = Math.Sqrt(Math.Max(0, (sq[j] / n) - (m * m)));
            mean[j] = (float)m;
            scale[j] = sd > 1e-6 ? (float)sd : 1f;
        }

        for (var i = 0; i < n; i++)
        {
            var row = x.AsSpan(i * inputs, inputs);
            for (var j = 0; j < inputs; j++)
            {
                row[j] = (row[j] - mean[j]) / scale[j];
            }
        }

        var counts = new int[3];
        foreach (var l in labels)
        {
            counts[(int)l]++;
        }

        var classWeight = counts.Select(c => c > 0 ? n / (3f * c) : 0f).ToArray();

        var rng = new Random(seed);
        var w1 = new float[hidden * inputs];
        var b1 = new float[hidden];
        var w2 = new float[3 * hidden];
        var b2 = new float[3];
        var a1 = MathF.Sqrt(6f / (inputs + hidden));
        for (var i = 0; i < w1.Length; i++)
        {
            w1[i] = ((float)rng.NextDouble() * 2 - 1) * a1;
        }

        var a2 = MathF.Sqrt(6f / (hidden + 3));
        for (var i = 0; i < w2.Length; i++)
        {
            w2[i] = ((float)rng.NextDouble() * 2 - 1) * a2;
        }

        float[][] param = [w1, b1, w2, b2];
        var grad = param.Select(p => new float[p.Length]).ToArray();
        var m1 = param.Select(p => new float[p.Length]).ToArray();
        var m2 = param.Select(p => new float[p.Length]).ToArray();
        var h = new float[hidden];
        var dh = new float[hidden];
        Span<float> p3 = stackalloc float[3];
        var order = Enumerable.Range(0, n).ToArray();
        const float Beta1 = 0.9f, Beta2 = 0.999f, Eps = 1e-8f;
        var step = 0;
        var keep = 1f - s.Dropout;
        for (var epoch = 0; epoch < s.Epochs; epoch++)
        {
            ct.ThrowIfCancellationRequested();
            rng.Shuffle(order);
            for (var start = 0; start < n; start += s.BatchSize)
            {
                var end = Math.Min(n, start + s.BatchSize);
                foreach (var g in grad)
                {
                    Array.Clear(g);
                }

                for (var k = start; k < end; k++)
                {
                    var i = order[k];
                    var xi = x.AsSpan(i * inputs, inputs);
                    for (var u = 0; u < hidden; u++)
                    {
                        var z = b1[u] + Dot(w1.AsSpan(u * inputs, inputs), xi);
                        var dropped = s.Dropout > 0 && rng.NextSingle() >= keep;
                        h[u] = z > 0 && !dropped ? z / keep : 0f;
                    }

                    for (var c = 0; c < 3; c++)
                    {
                        p3[c] = b2[c] + Dot(w2.AsSpan(c * hidden, hidden), h);
                    }

                    LogSoftmax(p3);
                    var y = (int)labels[i];
                    var wt = classWeight[y];
                    Array.Clear(dh);
                    for (var c = 0; c < 3; c++)
                    {
                        var d = wt * (MathF.Exp(p3[c]) - (c == y ? 1f : 0f));
                        grad[3][c] += d;
                        Axpy(d, h, grad[2].AsSpan(c * hidden, hidden));
                        Axpy(d, w2.AsSpan(c * hidden, hidden), dh);
                    }

                    for (var u = 0; u < hidden; u++)
                    {
                        if (h[u] > 0)
                        {
                            var d = dh[u] / keep;
                            grad[1][u] += d;
                            Axpy(d, xi, grad[0].AsSpan(u * inputs, inputs));
                        }
                    }
                }

                step++;
                var inv = 1f / (end - start);
                var lr = s.LearningRate * MathF.Sqrt(1 - MathF.Pow(Beta2, step)) / (1 - MathF.Pow(Beta1, step));
                for (var p = 0; p < param.Length; p++)
                {
                    var w = param[p];
                    var g = grad[p];
                    var mm = m1[p];
                    var vv = m2[p];
                    var decay = p is 0 or 2 ? s.LearningRate * s.WeightDecay : 0f;
                    for (var j = 0; j < w.Length; j++)
                    {
                        var gj = g[j] * inv;
                        mm[j] = (Beta1 * mm[j]) + ((1 - Beta1) * gj);
                        vv[j] = (Beta2 * vv[j]) + ((1 - Beta2) * gj * gj);
                        w[j] -= (lr * mm[j] / (MathF.Sqrt(vv[j]) + Eps)) + (decay * w[j]);
                    }
                }
            }
        }

        return new SecondStage(dim, hidden, stacked, mean, scale, w1, b1, w2, b2, vectors);
    }

    public void Write(Stream stream)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(_dim);
        w.Write(Hidden);
        w.Write(_stacked);
        foreach (var a in new[] { _mean, _scale, _w1, _b1, _w2, _b2 })
        {
            w.Write(a.Length);
            w.Write(MemoryMarshal.AsBytes(a.AsSpan()));
        }
    }

    public static SecondStage Read(Stream stream, WordVectors vectors)
    {
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (r.ReadInt32() != Magic)
        {
            throw new InvalidDataException("not a second-stage table");
        }

        var dim = r.ReadInt32();
        var hidden = r.ReadInt32();
        var stacked = r.ReadInt32();
        if (dim <= 0 || dim > 4096 || hidden <= 0 || hidden > 4096)
        {
            throw new InvalidDataException($"second stage of dimension {dim} and {hidden} hidden units is out of range");
        }

        var arrays = new float[6][];
        for (var k = 0; k < arrays.Length; k++)
        {
            var len = r.ReadInt32();
            if (len < 0 || len > 64_000_000)
            {
                throw new InvalidDataException("second-stage array length out of range");
            }

            arrays[k] = new float[len];
            var bytes = r.ReadBytes(len * sizeof(float));
            if (bytes.Length != len * sizeof(float))
            {
                throw new InvalidDataException("second-stage table is truncated");
            }

            MemoryMarshal.Cast<byte, float>(bytes).CopyTo(arrays[k]);
        }

        return new SecondStage(dim, hidden, stacked, arrays[0], arrays[1], arrays[2], arrays[3], arrays[4], arrays[5], vectors);
    }

    private static void LogSoftmax(Span<float> z)
    {
        var max = MathF.Max(z[0], MathF.Max(z[1], z[2]));
        var lse = max + MathF.Log(MathF.Exp(z[0] - max) + MathF.Exp(z[1] - max) + MathF.Exp(z[2] - max));
        for (var c = 0; c < 3; c++)
        {
            z[c] -= lse;
        }
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var i = 0;
        var acc = Vector<float>.Zero;
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        for (; i < va.Length; i++)
        {
            acc += va[i] * vb[i];
        }

        var sum = Vector.Sum(acc);
        for (i *= Vector<float>.Count; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static void Axpy(float alpha, ReadOnlySpan<float> x, Span<float> y)
    {
        var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
        var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
        var i = 0;
        for (; i < vx.Length; i++)
        {
            vy[i] += alpha * vx[i];
        }

        for (i *= Vector<float>.Count; i < x.Length; i++)
        {
            y[i] += alpha * x[i];
        }
    }

    private static void Add(ReadOnlySpan<float> x, Span<float> y) => Axpy(1f, x, y);

    private static void Scale(Span<float> y, float f)
    {
        var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
        var i = 0;
        for (; i < vy.Length; i++)
        {
            vy[i] *= f;
        }

        for (i *= Vector<float>.Count; i < y.Length; i++)
        {
            y[i] *= f;
        }
    }
}
