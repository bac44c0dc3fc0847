using System.Collections.Immutable;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marketing.Core.Domain;
using Marketing.Core.Threading;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Marketing.Analysis.Sentiment;

/// <summary>
/// A trained sentiment model: the featurizer (settings, IDF table, lexicon) and the ML.NET multiclass linear model.
/// The file is a zip holding the ML.NET model (<c>mlnet.zip</c>) beside <c>featurizer.json</c>, <c>idf.bin</c> and
/// the lexicon, so it scores identically anywhere. Scoring reads the linear weights out of the ML.NET model once and
/// computes softmax(W·x + b) directly: a sparse dot product per class, allocation-light and thread-safe, which is
/// what lets one process score far more than 50k posts/s. <see cref="PredictWithMlNet"/> runs the same rows through
/// ML.NET's own Transform and must agree (a test checks it).
/// </summary>
public sealed class SentimentModel
{
    private const string MlNetEntry = "mlnet.zip";
    private const string InfoEntry = "featurizer.json";
    private const string IdfEntry = "idf.bin";
    private const string LexiconEntry = "lexicon/valence.tsv";
    private const string EmojiEntry = "lexicon/emoji.tsv";
    private const string VectorsEntry = "vectors.bin";
    private const string SecondStageEntry = "stage2.bin";
    private const string ValenceEntry = "valence.bin";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly float[] _biases;

    // The scoring table: per hashed slot (idf, w_negative, w_neutral, w_positive) as 16-bit integers, 8 bytes a slot:
    // 1 MB for 2^17 slots, so it stays in a core's 2 MB L2 beside the rest of the pipeline's data (as float32 it was
    // 2 MB and missed). Each block's class weights have their own scale (_packScales: word block c0..c2, then char
    // block); the idf's scale cancels in the per-block L2 normalization. Then the lexicon block's class weights.
    private readonly short[] _packed;
    private readonly float[] _packScales;
    private readonly float[] _lexWeights;

    // Per word of the word-vector table: its vector's dot product with each class's weights for the embedding block.
    private readonly float[] _wordScores;

    // The word-valence block's class weights (3 per feature), empty when the model has no such block.
    private readonly float[] _valenceWeights;

    internal SentimentModel(MLContext ml, ITransformer transformer, DataViewSchema inputSchema, TextFeaturizer featurizer, SentimentModelInfo info, string version, SecondStage? secondStage = null)
    {
        if ((info.SecondStage is null) != (secondStage is null))
        {
            throw new InvalidDataException(info.SecondStage is null ? "a second stage was given but the model info has no settings for it" : "the model info names a second stage but its weights are missing");
        }

        if (secondStage is not null && featurizer.Vectors is null)
        {
            throw new InvalidDataException("the second stage needs the model's word vectors");
        }

        SecondStage = secondStage;
        Ml = ml;
        Transformer = transformer;
        InputSchema = inputSchema;
        Featurizer = featurizer;
        Info = info;
        Version = version;
        float[] weights;
        (weights, _biases) = ExtractLinear(transformer, featurizer.Dimension);
        (_packed, _packScales, _lexWeights, _wordScores) = Pack(weights, featurizer);
        var valStart = (featurizer.Settings.HashedSlots + LexiconFeatures.Count + featurizer.Settings.EmbeddingDim) * 3;
        _valenceWeights = weights[valStart..(valStart + (featurizer.Settings.ValenceDim * 3))];
    }

    /// <summary>
    /// Quantizes the hashed blocks' (idf, w0, w1, w2) to 16-bit integers: idf on one scale for the whole table (it
    /// cancels in each block's L2 normalization), each class's weights on one scale per block, rounded to nearest.
    /// </summary>
    internal static (short[] Packed, float[] Scales) Quantize(float[] weights, float[] idf, int slots, int charOffset)
    {
        const float Max = short.MaxValue;
        var idfMax = 0f;
        Span<float> wMax = stackalloc float[6];
        for (var i = 0; i < slots; i++)
        {
            idfMax = MathF.Max(idfMax, idf.Length == 0 ? 1f : idf[i]);
            var block = i < charOffset ? 0 : 3;
            for (var c = 0; c < 3; c++)
            {
                wMax[block + c] = MathF.Max(wMax[block + c], MathF.Abs(weights[(i * 3) + c]));
            }
        }

        var scales = new float[6];
        for (var k = 0; k < 6; k++)
        {
            scales[k] = wMax[k] > 0 ? wMax[k] / Max : 1f;
        }

        var idfScale = idfMax > 0 ? idfMax / Max : 1f;

        // 4 more entries: the scorer loads 8 shorts (two slots) at a time.
        var packed = new short[(slots * 4) + 4];
        for (var i = 0; i < slots; i++)
        {
            var block = i < charOffset ? 0 : 3;
            packed[i * 4] = (short)MathF.Round((idf.Length == 0 ? 1f : idf[i]) / idfScale);
            for (var c = 0; c < 3; c++)
            {
                packed[(i * 4) + 1 + c] = (short)Math.Clamp(MathF.Round(weights[(i * 3) + c] / scales[block + c]), -Max, Max);
            }
        }

        return (packed, scales);
    }

    private static (short[] Packed, float[] Scales, float[] Lex, float[] WordScores) Pack(float[] weights, TextFeaturizer featurizer)
    {
        var slots = featurizer.Settings.HashedSlots;
        var (packed, scales) = Quantize(weights, featurizer.Idf, slots, 1 << featurizer.Settings.WordBits);

        var lexEnd = (slots + LexiconFeatures.Count) * 3;
        var wordScores = Array.Empty<float>();
        if (featurizer.Vectors is { } vectors)
        {
            var emb = weights.AsSpan(lexEnd);
            wordScores = new float[vectors.Count * 3];
            for (var w = 0; w < vectors.Count; w++)
            {
                var v = vectors.Vector(w);
                float s0 = 0, s1 = 0, s2 = 0;
                for (var j = 0; j < v.Length; j++)
                {
                    s0 += v[j] * emb[j * 3];
                    s1 += v[j] * emb[(j * 3) + 1];
                    s2 += v[j] * emb[(j * 3) + 2];
                }

                // The focus weight (1 unless EmbeddingFocus is set) folds into the word's scores.
                var a = featurizer.EmbeddingWeight(w);
                wordScores[w * 3] = s0 * a;
                wordScores[(w * 3) + 1] = s1 * a;
                wordScores[(w * 3) + 2] = s2 * a;
            }
        }

        return (packed, scales, weights[(slots * 3)..lexEnd], wordScores);
    }

    public MLContext Ml { get; }

    public ITransformer Transformer { get; }

    public DataViewSchema InputSchema { get; }

    public TextFeaturizer Featurizer { get; }

    public SentimentModelInfo Info { get; }

    /// <summary>The network whose log-probabilities are added to the linear model's, or null.</summary>
    public SecondStage? SecondStage { get; }

    /// <summary>First 16 hex digits of the SHA-256 of the model file: stored with every label it gives.</summary>
    public string Version { get; private set; }

    /// <summary>Whether the model reads <paramref name="language"/> (its first two letters, any case); unknown (null or blank) counts as yes.</summary>
    public bool SupportsLanguage(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return true;
        }

        // Called for every post: no strings made.
        var code = language.AsSpan().Trim();
        code = code[..Math.Min(2, code.Length)];
        Span<char> lower = stackalloc char[2];
        var written = code.ToLowerInvariant(lower);
        foreach (var known in Info.Languages)
        {
            if (known.AsSpan().SequenceEqual(lower[..written]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Probabilities (negative, neutral, positive) after the prior offsets, and the label.</summary>
    /// <remarks>Tokenizes into this thread's <see cref="TokenBuffer"/>: no string per token, nothing allocated but the result.</remarks>
    public SentimentResult Predict(string text)
    {
        var tokens = TokenBuffer.Rent();
        Featurizer.Normalizer.Tokenize(text, tokens);
        var result = FromTokens(tokens, Info.SecondStage?.Weight ?? 0f);
        TokenBuffer.Return(tokens);
        return result;
    }

    internal SentimentResult FromTokens(List<SocialToken> tokens) => FromTokens(tokens, Info.SecondStage?.Weight ?? 0f);

    /// <summary>Scores tokenized text with the second stage at <paramref name="weight"/> (0 = the linear model alone).</summary>
    internal SentimentResult FromTokens(List<SocialToken> tokens, float weight)
    {
        var buffer = TokenBuffer.RentLoaded(tokens);
        var result = FromTokens(buffer, weight);
        TokenBuffer.Return(buffer);
        return result;
    }

    private SentimentResult FromTokens(TokenBuffer tokens, float weight)
    {
        Span<float> logits = [_biases[0], _biases[1], _biases[2]];
        Span<float> lex = stackalloc float[LexiconFeatures.Count];
        Featurizer.Score(tokens, _packed, _packScales, _lexWeights, _wordScores, _valenceWeights, logits, lex);
        if (SecondStage is { } stage && weight != 0)
        {
            LogSoftmax(logits);
            stage.AddLogProbabilities(tokens, Featurizer.Vectors!, lex, weight, logits);
        }

        return FromLogits(logits);
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

    /// <summary>Scores a batch, using every core for large batches. Results are in input order.</summary>
    public SentimentResult[] PredictBatch(IReadOnlyList<string> texts)
    {
        var results = new SentimentResult[texts.Count];
        ParallelRanges.For(texts.Count, i => results[i] = Predict(texts[i]));
        return results;
    }

    private SentimentResult FromLogits(Span<float> logits)
    {
        var off = Info.LogPriorOffsets;
        var max = float.NegativeInfinity;
        for (var c = 0; c < 3; c++)
        {
            logits[c] += off[c];
            max = MathF.Max(max, logits[c]);
        }

        // Managed exp (see ScoringMath); the fourth lane is e^-100, never read.
        var e = ScoringMath.Exp(Vector128.Create(logits[0] - max, logits[1] - max, logits[2] - max, -100f));
        var sum = e[0] + e[1] + e[2];
        float neg = e[0] / sum, neu = e[1] / sum, pos = e[2] / sum;
        var label = neg >= neu && neg >= pos ? SentimentLabel.Negative : (pos > neu ? SentimentLabel.Positive : SentimentLabel.Neutral);
        return new SentimentResult(label, neg, neu, pos, "model", Version);
    }

    /// <summary>Scores through ML.NET's Transform (the reference path); same answers as <see cref="PredictBatch"/>.</summary>
    public SentimentResult[] PredictWithMlNet(IReadOnlyList<string> texts)
    {
        var rows = texts.Select(t => new SentimentFeatureRow { Features = ToVBuffer(Featurizer.Featurize(t), Featurizer.Dimension) });
        var data = Ml.Data.LoadFromEnumerable(rows, RowSchema(Featurizer.Dimension));
        var scored = Transformer.Transform(data);
        var results = new List<SentimentResult>(texts.Count);
        Span<float> logits = stackalloc float[3];
        Span<float> lex = stackalloc float[LexiconFeatures.Count];
        var k = 0;
        foreach (var row in Ml.Data.CreateEnumerable<SentimentScoreRow>(scored, reuseRowObject: false))
        {
            for (var c = 0; c < 3; c++)
            {
                logits[c] = MathF.Log(MathF.Max(row.Score[c], 1e-30f));
            }

            if (SecondStage is { } stage && Info.SecondStage is { Weight: not 0 } s)
            {
                var tokens = TokenBuffer.Rent();
                Featurizer.Normalizer.Tokenize(texts[k], tokens);
                LexiconFeatures.Compute(tokens, Featurizer.Normalizer.Lexicon, lex);
                stage.AddLogProbabilities(tokens, Featurizer.Vectors!, lex, s.Weight, logits);
                TokenBuffer.Return(tokens);
            }

            results.Add(FromLogits(logits));
            k++;
        }

        return [.. results];
    }

    internal static VBuffer<float> ToVBuffer(SparseFeatures f, int dimension) => new(dimension, f.Indices.Length, f.Values, f.Indices);

    internal static SchemaDefinition RowSchema(int dimension)
    {
        var schema = SchemaDefinition.Create(typeof(SentimentFeatureRow));
        schema[nameof(SentimentFeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return schema;
    }

    public void Save(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        var tmp = path + ".tmp";
        using (var file = File.Create(tmp))
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            using (var s = zip.CreateEntry(MlNetEntry, CompressionLevel.Optimal).Open())
            {
                Ml.Model.Save(Transformer, InputSchema, s);
            }

            using (var s = zip.CreateEntry(InfoEntry).Open())
            {
                JsonSerializer.Serialize(s, Info, Json);
            }

            using (var s = zip.CreateEntry(IdfEntry, CompressionLevel.Optimal).Open())
            {
                s.Write(MemoryMarshal.AsBytes(Featurizer.Idf.AsSpan()));
            }

            using (var w = new StreamWriter(zip.CreateEntry(LexiconEntry, CompressionLevel.Optimal).Open(), Encoding.UTF8))
            {
                Featurizer.Normalizer.Lexicon.WriteValences(w);
            }

            using (var w = new StreamWriter(zip.CreateEntry(EmojiEntry, CompressionLevel.Optimal).Open(), Encoding.UTF8))
            {
                Featurizer.Normalizer.Lexicon.WriteEmoji(w);
            }

            if (Featurizer.Vectors is { } vectors)
            {
                using var s = zip.CreateEntry(VectorsEntry, CompressionLevel.Optimal).Open();
                vectors.Write(s);
            }

            if (Featurizer.Valence is { } valence)
            {
                using var s = zip.CreateEntry(ValenceEntry, CompressionLevel.Optimal).Open();
                valence.Write(s);
            }

            if (SecondStage is { } stage)
            {
                using var s = zip.CreateEntry(SecondStageEntry, CompressionLevel.Optimal).Open();
                stage.Write(s);
            }
        }

        File.Move(tmp, path, overwrite: true);
        Version = HashFile(path);
    }

    /// <summary>Loads a model file written by <see cref="Save"/>.</summary>
    public static SentimentModel Load(string path, int seed = 1)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No sentiment model at '{path}'. Train one with: mkt train --data labelled.tsv --out {path}", path);
        }

        try
        {
            using var zip = ZipFile.OpenRead(path);
            var info = JsonSerializer.Deserialize<SentimentModelInfo>(Read(zip, InfoEntry), Json)
                ?? throw new InvalidDataException("featurizer.json is empty");
            if (info.FormatVersion < 2)
            {
                // Written before the word-valence settings existed (their defaults now turn them on).
                info = info with { Featurizer = info.Featurizer with { ValenceScale = 0, EmbeddingFocus = 0 } };
            }

            var idfBytes = Read(zip, IdfEntry);
            var idf = MemoryMarshal.Cast<byte, float>(idfBytes).ToArray();
            SentimentLexicon lexicon;
            using (var lex = new StreamReader(new MemoryStream(Read(zip, LexiconEntry)), Encoding.UTF8))
            using (var emo = new StreamReader(new MemoryStream(Read(zip, EmojiEntry)), Encoding.UTF8))
            {
                lexicon = SentimentLexicon.Read(lex, emo, path);
            }

            var ml = new MLContext(seed);
            ITransformer transformer;
            DataViewSchema schema;
            using (var s = new MemoryStream(Read(zip, MlNetEntry)))
            {
                transformer = ml.Model.Load(s, out schema);
            }

            WordVectors? vectors = null;
            if (info.Featurizer.EmbeddingDim > 0)
            {
                using var s = new MemoryStream(Read(zip, VectorsEntry));
                vectors = WordVectors.Read(s);
            }

            WordValence? valence = null;
            if (info.Featurizer.UsesValence)
            {
                using var s = new MemoryStream(Read(zip, ValenceEntry));
                valence = WordValence.Read(s, vectors!);
            }

            SecondStage? stage = null;
            if (info.SecondStage is not null)
            {
                if (vectors is null)
                {
                    throw new InvalidDataException("the model names a second stage but has no word vectors");
                }

                using var s = new MemoryStream(Read(zip, SecondStageEntry));
                stage = SecondStage.Read(s, vectors);
            }

            var featurizer = new TextFeaturizer(info.Featurizer, new SocialTextNormalizer(lexicon), idf, vectors, valence);
            return new SentimentModel(ml, transformer, schema, featurizer, info, HashFile(path), stage);
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or KeyNotFoundException or FormatException)
        {
            throw new InvalidDataException($"'{path}' is not a sentiment model written by mkt train ({ex.Message}).", ex);
        }
    }

    public static string HashFile(string path)
    {
        using var s = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(s))[..16];
    }

    private static byte[] Read(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"missing entry {name}");
        using var s = entry.Open();
        using var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }

    private static (float[] Weights, float[] Biases) ExtractLinear(ITransformer transformer, int dimension)
    {
        var last = transformer is TransformerChain<ITransformer> chain ? chain.LastTransformer : transformer;
        if (last is not MulticlassPredictionTransformer<MaximumEntropyModelParameters> { Model: { } me })
        {
            throw new InvalidDataException($"expected a maximum-entropy (softmax) model, found {last.GetType().Name}");
        }

        VBuffer<float>[] weights = [];
        me.GetWeights(ref weights, out var classes);
        if (classes != 3)
        {
            throw new InvalidDataException($"expected 3 classes, found {classes}");
        }

        var dense = new float[dimension * 3];
        var row = new float[dimension];
        for (var c = 0; c < 3; c++)
        {
            weights[c].CopyTo(row);
            for (var i = 0; i < dimension; i++)
            {
                dense[(i * 3) + c] = row[i];
            }
        }

        ImmutableArray<float> biases = me.GetBiases().ToImmutableArray();
        return (dense, [.. biases]);
    }
}
