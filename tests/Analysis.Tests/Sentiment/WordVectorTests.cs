using Marketing.Analysis.Sentiment;
using Marketing.Core.Domain;
using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Analysis.Tests.Sentiment;

public sealed class WordVectorTests
{
    private static readonly Lazy<SentimentModel> VectorModel = new(() =>
        new SentimentTrainer().Train(SmallCorpus.Examples(), SmallCorpus.Options with { WordEmbedder = new HashEmbedder(16) }).Model);

    private static readonly string[] Probes =
    [
        "the phone is good", "the phone is not good", "I hate the app", "the camera ships on monday",
        "new phone 😍", "new phone 😡", "#NotHappy with the delivery", "sooo gooood!!!", "", "@bob https://x.y ok",
        "words the table never saw",
    ];

    [Test]
    public void The_block_is_the_scaled_mean_of_the_word_vectors_with_negated_words_multiplied()
    {
        var vectors = new WordVectors(["good", "phone"], [1, 0, 0, 3], 2);
        var settings = new FeaturizerSettings { WordBits = 8, CharBits = 8, LexiconScale = 0, EmbeddingDim = 2, EmbeddingScale = 2, EmbeddingNegation = -1, ValenceScale = 0, EmbeddingFocus = 0 };
        var featurizer = new TextFeaturizer(settings, new SocialTextNormalizer(SentimentLexicon.Empty), null, vectors);
        var offset = settings.HashedSlots + LexiconFeatures.Count;

        float[] Block(string text)
        {
            var f = featurizer.Featurize(text);
            var block = new float[2];
            for (var k = 0; k < f.Indices.Length; k++)
            {
                if (f.Indices[k] >= offset)
                {
                    block[f.Indices[k] - offset] = f.Values[k];
                }
            }

            return block;
        }

        Assert.That(Block("good phone"), Is.EqualTo(new[] { 1f, 3f }), "mean (0.5, 1.5) times 2");
        Assert.That(Block("not good, phone"), Is.EqualTo(new[] { -1f, 3f }), "'good' is negated and flips; 'not' has no vector");
        Assert.That(Block("unknown words only"), Is.EqualTo(new[] { 0f, 0f }));
    }

    [Test]
    public void Settings_that_need_vectors_are_refused_without_them()
    {
        var settings = new FeaturizerSettings { WordBits = 8, CharBits = 8, EmbeddingDim = 4 };
        var normalizer = new SocialTextNormalizer(SentimentLexicon.Empty);
        Assert.That(() => new TextFeaturizer(settings, normalizer, null), Throws.TypeOf<InvalidDataException>().With.Message.Contains("dimension 4"));
        Assert.That(() => new TextFeaturizer(settings, normalizer, null, new WordVectors(["a"], [1, 2], 2)), Throws.TypeOf<InvalidDataException>());
    }

    [Test]
    public void A_table_survives_a_write_and_read_exactly_and_other_bytes_are_refused()
    {
        var table = WordVectors.FromEmbeddings(["good", "bad", "😍"], [[0.1f, 0.2f], [-0.3f, 1e-3f], [0.7f, -0.9f]], 2);
        using var stream = new MemoryStream();
        table.Write(stream);
        stream.Position = 0;
        var back = WordVectors.Read(stream);
        Assert.That(back.Words, Is.EqualTo(table.Words));
        for (var i = 0; i < table.Count; i++)
        {
            Assert.That(back.Vector(i).ToArray(), Is.EqualTo(table.Vector(i).ToArray()), table.Words[i]);
        }

        Assert.That(table.Vector(0)[0], Is.EqualTo(0.1f).Within(1e-3), "rounded to half precision, close");
        Assert.That(() => WordVectors.Read(new MemoryStream(new byte[16])), Throws.TypeOf<InvalidDataException>());
        Assert.That(() => new WordVectors(["a", "a"], [1, 2], 1), Throws.ArgumentException.With.Message.Contains("twice"));
    }

    [Test]
    public void A_model_with_word_vectors_reloads_to_identical_predictions_and_agrees_with_mlnet()
    {
        var model = VectorModel.Value;
        Assert.That(model.Featurizer.Vectors, Is.Not.Null);
        Assert.That(model.Featurizer.Vectors!.IndexOf("phone"), Is.GreaterThanOrEqualTo(0), "a training word has a vector");
        var copy = Path.Combine(TestPaths.NewTempDir("vector-model"), "copy.zip");
        model.Save(copy);
        var reloaded = SentimentModel.Load(copy);
        Assert.That(reloaded.Featurizer.Vectors!.Count, Is.EqualTo(model.Featurizer.Vectors.Count));
        Assert.That(reloaded.PredictBatch(Probes), Is.EqualTo(model.PredictBatch(Probes)));

        ScoringAssert.AgreesWithMlNet(reloaded, Probes);

        Assert.That(reloaded.Predict("the phone is good").Label, Is.EqualTo(SentimentLabel.Positive));
        Assert.That(reloaded.Predict("the phone is terrible").Label, Is.EqualTo(SentimentLabel.Negative));
    }

    [Test]
    public void A_model_with_a_second_stage_reloads_to_identical_predictions_and_the_stage_changes_the_scores()
    {
        var options = SmallCorpus.Options with { WordEmbedder = new HashEmbedder(16), SecondStage = new SecondStageSettings { Hidden = 8, Epochs = 3 } };
        var model = new SentimentTrainer().Train(SmallCorpus.Examples(), options).Model;
        Assert.That(model.SecondStage, Is.Not.Null);
        Assert.That(model.Info.SecondStage, Is.EqualTo(options.SecondStage));
        var again = new SentimentTrainer().Train(SmallCorpus.Examples(), options).Model;
        Assert.That(again.PredictBatch(Probes), Is.EqualTo(model.PredictBatch(Probes)), "training is seeded and deterministic");

        var copy = Path.Combine(TestPaths.NewTempDir("stage-model"), "copy.zip");
        model.Save(copy);
        var reloaded = SentimentModel.Load(copy);
        Assert.That(reloaded.SecondStage, Is.Not.Null);
        Assert.That(reloaded.Info.SecondStage, Is.EqualTo(options.SecondStage));
        Assert.That(reloaded.PredictBatch(Probes), Is.EqualTo(model.PredictBatch(Probes)));

        ScoringAssert.AgreesWithMlNet(reloaded, Probes);
        var linearOnly = VectorModel.Value.PredictBatch(Probes); // the same linear model (same data, seed and settings) alone
        var direct = reloaded.PredictBatch(Probes);
        Assert.That(Enumerable.Range(0, Probes.Length).Any(i => MathF.Abs(direct[i].Positive - linearOnly[i].Positive) > 1e-3), "the second stage moves the probabilities");
    }

    [Test]
    public void A_stacked_second_stage_reads_the_linear_log_probabilities_and_reloads_to_identical_predictions()
    {
        var options = SmallCorpus.Options with { WordEmbedder = new HashEmbedder(16), SecondStage = new SecondStageSettings { Hidden = 8, Epochs = 3, Folds = 2 } };
        var model = new SentimentTrainer().Train(SmallCorpus.Examples(), options).Model;
        Assert.That(model.SecondStage!.Stacked, Is.True);
        var copy = Path.Combine(TestPaths.NewTempDir("stacked-model"), "copy.zip");
        model.Save(copy);
        var reloaded = SentimentModel.Load(copy);
        Assert.That(reloaded.SecondStage!.Stacked, Is.True);
        Assert.That(reloaded.PredictBatch(Probes), Is.EqualTo(model.PredictBatch(Probes)));
        ScoringAssert.AgreesWithMlNet(reloaded, Probes);
    }

    [Test]
    public void A_model_whose_info_names_a_second_stage_without_its_weights_is_refused_with_a_clear_message()
    {
        var dir = TestPaths.NewTempDir("stage-missing");
        var path = Path.Combine(dir, "m.zip");
        var options = SmallCorpus.Options with { WordEmbedder = new HashEmbedder(16), SecondStage = new SecondStageSettings { Hidden = 4, Epochs = 1 } };
        new SentimentTrainer().Train(SmallCorpus.Examples(), options).Model.Save(path);
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Update))
        {
            zip.GetEntry("stage2.bin")!.Delete();
        }

        Assert.That(() => SentimentModel.Load(path), Throws.TypeOf<InvalidDataException>().With.Message.Contains("stage2.bin"));
    }

    /// <summary>Deterministic pseudo-random unit vectors per word: enough to exercise the block end to end.</summary>
    internal sealed class HashEmbedder(int dimension) : IWordEmbedder
    {
        public string Name => "hash";

        public int Dimension => dimension;

        public float[][] Embed(IReadOnlyList<string> words, CancellationToken ct = default) =>
            words.Select(w =>
            {
                var rng = new Random(w.Aggregate(17, (h, c) => (h * 31) + c));
                var v = Enumerable.Range(0, dimension).Select(_ => (float)((rng.NextDouble() * 2) - 1)).ToArray();
                var norm = MathF.Sqrt(v.Sum(x => x * x));
                return v.Select(x => x / norm).ToArray();
            }).ToArray();
    }
}
