using Marketing.Analysis.Sentiment;
using NUnit.Framework;

namespace Marketing.Analysis.Tests.Sentiment;

public sealed class TextFeaturizerTests
{
    private static readonly FeaturizerSettings Plain = new() { WordBits = 12, CharBits = 12 };

    [Test]
    public void Supervised_term_weights_raise_words_that_separate_the_classes_and_leave_evenly_spread_ones()
    {
        var normalizer = new SocialTextNormalizer(SentimentLexicon.Empty);
        var texts = new List<string>();
        var labels = new List<int>();
        foreach (var (word, label) in new[] { ("great", 2), ("awful", 0), ("plain", 1) })
        {
            for (var i = 0; i < 5; i++)
            {
                texts.Add($"{word} phone");
                labels.Add(label);
            }
        }

        var docs = texts.Select(normalizer.Tokenize).ToList();
        var plain = TextFeaturizer.ComputeIdf(Plain, normalizer, docs, labels);
        var supervised = TextFeaturizer.ComputeIdf(Plain with { Supervised = 2 }, normalizer, docs, labels);
        var probe = new TextFeaturizer(Plain, normalizer, null);
        var great = probe.Featurize("great").Indices[0];
        var phone = probe.Featurize("phone").Indices[0];

        Assert.That(plain[great], Is.GreaterThan(0), "seen in 5 documents: above min-df");
        Assert.That(supervised[great] / plain[great], Is.GreaterThan(1.5).And.LessThanOrEqualTo(3), "only in positives: weighed up to 1 + α");
        Assert.That(supervised[phone], Is.EqualTo(plain[phone]).Within(1e-5), "in every class alike: unchanged");
        Assert.That(plain.Zip(supervised).Where(p => p.First > 0).Select(p => p.Second / p.First), Has.All.InRange(1f - 1e-5f, 3f + 1e-5f));
    }

    [Test]
    public void Without_labels_the_supervised_setting_gives_plain_idf()
    {
        var normalizer = new SocialTextNormalizer(SentimentLexicon.Empty);
        var docs = new[] { "good phone", "bad phone", "the phone", "good day", "bad day" }.Select(normalizer.Tokenize).ToList();
        Assert.That(TextFeaturizer.ComputeIdf(Plain with { Supervised = 2 }, normalizer, docs), Is.EqualTo(TextFeaturizer.ComputeIdf(Plain, normalizer, docs)));
    }
}
