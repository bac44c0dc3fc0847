using Marketing.Embeddings;
using NUnit.Framework;

namespace Marketing.Cli.Tests.Commands;

/// <summary>The word vectors <c>mkt train</c> uses by default (src/Embeddings, carried by the CLI only).</summary>
public class MiniLmWordEmbedderTests
{
    [Test]
    public void MiniLm_puts_a_positive_word_nearer_another_positive_word_than_a_negative_one()
    {
        using var embedder = new MiniLmWordEmbedder();
        var v = embedder.Embed(["great", "awesome", "terrible"]);
        Assert.That(v.Select(x => x.Length), Has.All.EqualTo(embedder.Dimension));
        static float Dot(float[] a, float[] b) => a.Zip(b).Sum(p => p.First * p.Second);
        Assert.That(Dot(v[0], v[0]), Is.EqualTo(1f).Within(1e-3), "unit length");
        Assert.That(Dot(v[0], v[1]), Is.GreaterThan(Dot(v[0], v[2])));
    }
}
