using System.Collections.Frozen;
using System.Text;

namespace Marketing.Analysis.Sentiment;

/// <summary>
/// Static word vectors: one dense vector per normalized word. The featurizer adds the mean vector of a text's words
/// as a dense block, which lets the linear model generalize from a training word to words it never saw with a label
/// ("dreadful" near "awful"). Values are kept at half precision (what the model file stores), so a saved and reloaded
/// table is bit-identical to the one the model was trained with. Read-only, so one instance serves every thread.
/// </summary>
public sealed class WordVectors
{
    private const int Magic = 0x31565753; // "SWV1"
    private const int HalfMagic = 0x32565753; // "SWV2": values stored as IEEE half floats

    private readonly FrozenDictionary<string, int> _index;
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _indexBySpan;
    private readonly float[] _data;

    public WordVectors(IReadOnlyList<string> words, float[] data, int dimension)
    {
        if (dimension <= 0 || data.Length != words.Count * dimension)
        {
            throw new ArgumentException($"{words.Count} words of dimension {dimension} need {words.Count * dimension} floats; got {data.Length}.");
        }

        var index = new Dictionary<string, int>(words.Count, StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++)
        {
            if (!index.TryAdd(words[i], i))
            {
                throw new ArgumentException($"word '{words[i]}' appears twice");
            }
        }

        _index = index.ToFrozenDictionary(StringComparer.Ordinal);
        _indexBySpan = _index.GetAlternateLookup<ReadOnlySpan<char>>();
        _data = data;
        Dimension = dimension;
        Words = [.. words];
    }

    public int Dimension { get; }

    /// <summary>A table from embedder output, rounded to half precision.</summary>
    public static WordVectors FromEmbeddings(IReadOnlyList<string> words, IReadOnlyList<float[]> vectors, int dimension)
    {
        if (vectors.Count != words.Count)
        {
            throw new ArgumentException($"{words.Count} words but {vectors.Count} vectors.");
        }

        var data = new float[words.Count * dimension];
        for (var i = 0; i < words.Count; i++)
        {
            if (vectors[i].Length != dimension)
            {
                throw new ArgumentException($"vector of '{words[i]}' has {vectors[i].Length} values, expected {dimension}.");
            }

            for (var j = 0; j < dimension; j++)
            {
                data[(i * dimension) + j] = (float)(Half)vectors[i][j];
            }
        }

        return new WordVectors(words, data, dimension);
    }

    public int Count => Words.Length;

    public string[] Words { get; }

    /// <summary>Row of <paramref name="word"/>, or -1.</summary>
    public int IndexOf(string word) => _index.TryGetValue(word, out var i) ? i : -1;

    /// <inheritdoc cref="IndexOf(string)"/>
    public int IndexOf(ReadOnlySpan<char> word) => _indexBySpan.TryGetValue(word, out var i) ? i : -1;

    public ReadOnlySpan<float> Vector(int index) => _data.AsSpan(index * Dimension, Dimension);

    /// <summary>Binary form: magic, count, dimension, then per word its UTF-8 string and its values as half floats.</summary>
    public void Write(Stream stream)
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(HalfMagic);
        w.Write(Count);
        w.Write(Dimension);
        for (var i = 0; i < Count; i++)
        {
            w.Write(Words[i]);
            foreach (var f in Vector(i))
            {
                w.Write((Half)f);
            }
        }
    }

    public static WordVectors Read(Stream stream)
    {
        using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        var magic = r.ReadInt32();
        if (magic is not (Magic or HalfMagic))
        {
            throw new InvalidDataException("not a word-vector table");
        }

        var count = r.ReadInt32();
        var dim = r.ReadInt32();
        if (count < 0 || dim <= 0 || (long)count * dim > 100_000_000)
        {
            throw new InvalidDataException($"word-vector table of {count} x {dim} is out of range");
        }

        var words = new string[count];
        var data = new float[count * dim];
        for (var i = 0; i < count; i++)
        {
            words[i] = r.ReadString();
            for (var j = 0; j < dim; j++)
            {
                data[(i * dim) + j] = magic == HalfMagic ? (float)r.ReadHalf() : r.ReadSingle();
            }
        }

        return new WordVectors(words, data, dim);
    }

    public static WordVectors Load(string path)
    {
        using var s = File.OpenRead(path);
        return Read(s);
    }
}
