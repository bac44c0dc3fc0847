using Marketing.Analysis.Sentiment;
using Marketing.Core.Domain;
using NUnit.Framework;

namespace Marketing.Analysis.Tests.Sentiment;

public sealed class TopicHoldoutTests
{
    private static readonly string[] Topics = ["phone", "laptop", "update", "delivery", "support", "camera", "app", "order"];

    /// <summary>Each subject's noun points its own way; every other word is a short random vector.</summary>
    private static WordVectors TopicVectors(IEnumerable<List<SocialToken>> texts, int dim = 16)
    {
        var rng = new Random(5);
        var words = texts.SelectMany(t => t).Where(t => t.Kind is TokenKind.Word or TokenKind.Hashtag or TokenKind.Emoji)
            .Select(t => t.Text).Distinct().Order(StringComparer.Ordinal).ToArray();
        var vectors = words.Select(w =>
        {
            var v = new float[dim];
            var topic = Array.IndexOf(Topics, w);
            for (var j = 0; j < dim; j++)
            {
                v[j] = topic >= 0 ? (j == topic ? 3f : 0f) : (float)(rng.NextDouble() - 0.5) * 0.2f;
            }

            return v;
        }).ToList();
        return WordVectors.FromEmbeddings(words, vectors, dim);
    }

    [Test]
    public void Texts_about_different_subjects_fall_into_different_clusters()
    {
        var normalizer = new SocialTextNormalizer(SentimentLexicon.Empty);
        var texts = new[] { "the phone is great", "my phone broke", "love this phone", "the camera is blurry", "camera works", "what a camera" }
            .Select(normalizer.Tokenize).ToList();
        var assign = TopicClusters.Assign(texts, TopicVectors(texts), 2);
        Assert.That(assign[..3].Distinct().Count(), Is.EqualTo(1), "phone texts together");
        Assert.That(assign[3..].Distinct().Count(), Is.EqualTo(1), "camera texts together");
        Assert.That(assign[0], Is.Not.EqualTo(assign[3]));

        var held = TopicClusters.HoldOut(assign, 2, 0.2);
        Assert.That(held, Has.Count.EqualTo(1), "one whole cluster reaches 20% of the rows");
    }

    [Test]
    public void The_trainer_holds_out_whole_topic_clusters_and_tunes_halved_offsets_only_there()
    {
        // Plus more neutrals and 'ok' texts, half of them positive, so that macro-recall wants offsets.
        var data = SmallCorpus.Examples(400, seed: 5);
        data.AddRange(SmallCorpus.Examples(400, seed: 6).Where(e => e.Label == SentimentLabel.Neutral));
        data.AddRange(Enumerable.Range(0, 240).Select(i => new SentimentExample(i % 2 == 0 ? SentimentLabel.Positive : SentimentLabel.Neutral, $"{SmallCorpus.Subjects[i % 8]} is ok {(i % 3 == 0 ? "i guess" : "")}")));
        Assert.That(data, Has.Count.GreaterThanOrEqualTo(SentimentTrainer.MinTopicRows));
        var normalizer = new SocialTextNormalizer(SentimentLexicon.Load(SmallCorpus.LexiconPath));
        var tokens = data.Select(d => normalizer.Tokenize(d.Text)).ToArray();
        var vectors = TopicVectors(tokens);
        var options = SmallCorpus.Options with { WordVectors = vectors, HoldoutTopics = 8, Refit = false };
        var assign = TopicClusters.Assign(tokens, vectors, 8);
        var heldRows = assign.Count(TopicClusters.HoldOut(assign, 8, options.HoldoutFraction).Contains);

        var topics = new SentimentTrainer().Train(data, options);
        Assert.That(topics.TuneCount + topics.HoldoutCount, Is.EqualTo(heldRows), "whole clusters are held out");
        Assert.That(topics.TuneCount, Is.EqualTo(heldRows / 2), "by default the offsets are tuned on half of them");

        var full = new SentimentTrainer().Train(data, options with { OffsetScale = 1f });
        Assert.That(full.Model.Info.LogPriorOffsets.Count(o => o != 0), Is.GreaterThan(0), "this data needs offsets");
        Assert.That(topics.Model.Info.LogPriorOffsets, Is.EqualTo(full.Model.Info.LogPriorOffsets.Select(o => o * 0.5f)), "the default halves the tuned offsets");

        var random = new SentimentTrainer().Train(data, options with { HoldoutTopics = 0 });
        Assert.That(random.TuneCount, Is.Zero, "no offsets on a random split unless asked for");
        Assert.That(random.Model.Info.LogPriorOffsets, Is.All.Zero);
        Assert.That(random.HoldoutCount, Is.EqualTo((int)Math.Round(data.Count * options.HoldoutFraction)));
    }
}
