using System.IO.Compression;
using System.Text.Json.Nodes;
using Marketing.Analysis.Sentiment;
using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Analysis.Tests.Sentiment;

public sealed class WordValenceTests
{
    private static readonly string[] Probes =
    [
        "the phone is good", "the phone is not good", "I hate the app", "the camera ships on monday",
        "new phone 😍", "new phone 😡", "#NotHappy with the delivery", "sooo gooood!!!", "", "@bob https://x.y ok",
        "words the table never saw",
    ];

    // Valence lies along the first axis; the other axes are "topics".
    private static WordVectors Table() => new(
        ["good", "great", "bad", "awful", "phone", "table", "superb", "dreadful", "chair"],
        [
            1, 0, 0, /**/ 0.9f, 0.1f, 0, /**/ -1, 0, 0, /**/ -0.9f, 0, 0.1f, /**/ 0, 1, 0, /**/ 0, 0, 1,
            0.95f, 0.05f, 0, /**/ -0.95f, 0, 0.05f, /**/ 0, 0.7f, 0.7f,
        ],
        3);

    private static SentimentLexicon Lexicon() => new(
        new Dictionary<string, float> { ["good"] = 2, ["great"] = 3, ["bad"] = -2, ["awful"] = -3 },
        new Dictionary<string, string>());

    [Test]
    public void Words_outside_the_lexicon_get_the_valence_of_the_lexicon_words_near_them()
    {
        var vectors = Table();
        var valence = WordValence.Fit(vectors, Lexicon(), ridge: 0.01f, otherWeight: 1f);
        float V(string w) => valence.Values[vectors.IndexOf(w)];
        Assert.That(V("superb"), Is.GreaterThan(0.3f));
        Assert.That(V("dreadful"), Is.LessThan(-0.3f));
        Assert.That(MathF.Abs(V("chair")), Is.LessThan(0.1f), "a topic word without sentiment stays near 0");
        Assert.That(V("good"), Is.EqualTo(0.5f).Within(0.15f), "lexicon words keep about their valence / 4");
    }

    [Test]
    public void The_features_sum_count_and_bound_the_predicted_valences_and_negation_flips_them()
    {
        var vectors = new WordVectors(["good", "bad", "phone"], [1, 0, 0, 1, 0, 0], 2);
        var valence = new WordValence([0.5f, -0.4f, 0f]);
        var normalizer = new SocialTextNormalizer(SentimentLexicon.Empty);
        float[] F(string text)
        {
            var f = new float[ValenceFeatures.Count];
            ValenceFeatures.Compute(normalizer.Tokenize(text), vectors, valence, f);
            return f;
        }

        var plain = F("good phone bad");
        Assert.That(plain[0], Is.EqualTo(MathF.Tanh(0.5f)).Within(1e-6));
        Assert.That(plain[1], Is.EqualTo(MathF.Tanh(0.4f)).Within(1e-6));
        Assert.That(plain[2], Is.EqualTo(0.1f / 3).Within(1e-6), "mean over the three words with a vector");
        Assert.That(plain[3], Is.EqualTo(0.5f));
        Assert.That(plain[4], Is.EqualTo(0.4f));
        Assert.That(plain[7], Is.EqualTo(-0.4f), "the last word's valence");

        var negated = F("not good");
        Assert.That(negated[0], Is.Zero);
        Assert.That(negated[4], Is.EqualTo(0.5f * 0.74f).Within(1e-6), "'not good' counts as negative");
        Assert.That(F("nothing known here"), Is.All.Zero);
    }

    [Test]
    public void Valence_settings_without_predicted_valences_are_refused()
    {
        var vectors = new WordVectors(["good"], [1, 0], 2);
        var settings = new FeaturizerSettings { WordBits = 8, CharBits = 8, EmbeddingDim = 2, ValenceScale = 1 };
        var normalizer = new SocialTextNormalizer(SentimentLexicon.Empty);
        Assert.That(() => new TextFeaturizer(settings, normalizer, null, vectors), Throws.TypeOf<InvalidDataException>().With.Message.Contains("valences"));
        Assert.That(() => new TextFeaturizer(settings, normalizer, null, vectors, new WordValence([1f, 2f])), Throws.TypeOf<InvalidDataException>());
        Assert.That(settings.Dimension, Is.EqualTo(settings.HashedSlots + LexiconFeatures.Count + 2 + ValenceFeatures.Count));
        Assert.That((settings with { EmbeddingDim = 0 }).ValenceDim, Is.Zero, "no vectors, no valence block");
    }

    [TestCase(1f, 0f)]
    [TestCase(1f, 1f)]
    [TestCase(0f, 0.5f)]
    public void A_model_with_word_valences_reloads_to_identical_predictions_and_agrees_with_mlnet(float valenceScale, float focus)
    {
        var options = SmallCorpus.Options with
        {
            WordEmbedder = new WordVectorTests.HashEmbedder(16),
            Featurizer = SmallCorpus.Settings with { ValenceScale = valenceScale, EmbeddingFocus = focus },
        };
        var model = new SentimentTrainer().Train(SmallCorpus.Examples(), options).Model;
        Assert.That(model.Featurizer.Valence, Is.Not.Null);
        Assert.That(model.Info.Featurizer.ValenceDim, Is.EqualTo(valenceScale == 0 ? 0 : ValenceFeatures.Count));
        var copy = Path.Combine(TestPaths.NewTempDir("valence-model"), "copy.zip");
        model.Save(copy);
        var reloaded = SentimentModel.Load(copy);
        Assert.That(reloaded.Featurizer.Valence!.Values, Is.EqualTo(model.Featurizer.Valence!.Values));
        Assert.That(reloaded.PredictBatch(Probes), Is.EqualTo(model.PredictBatch(Probes)));

        ScoringAssert.AgreesWithMlNet(reloaded, Probes);

        Assert.That(reloaded.Predict("the phone is terrible").Label, Is.EqualTo(Marketing.Core.Domain.SentimentLabel.Negative));
    }

    [Test]
    public void The_default_recipe_uses_the_valence_block_and_the_focused_word_vector_mean()
    {
        var defaults = new SentimentTrainingOptions().Featurizer;
        Assert.That(defaults.ValenceScale, Is.GreaterThan(0));
        Assert.That(defaults.EmbeddingFocus, Is.GreaterThan(0));
        Assert.That(new FeaturizerSettings(), Is.EqualTo(defaults), "mkt train builds its settings from FeaturizerSettings' own defaults");

        var options = SmallCorpus.Options with
        {
            WordEmbedder = new WordVectorTests.HashEmbedder(16),
            Featurizer = new FeaturizerSettings { WordBits = 14, CharBits = 14 },
        };
        var model = new SentimentTrainer().Train(SmallCorpus.Examples(), options).Model;
        Assert.That(model.Featurizer.Valence, Is.Not.Null);
        Assert.That(model.Info.Featurizer.ValenceDim, Is.EqualTo(ValenceFeatures.Count));
        Assert.That(model.Info.FormatVersion, Is.EqualTo(SentimentModelInfo.CurrentFormat));
    }

    [Test]
    public void The_focused_mean_weighs_a_word_by_its_predicted_valence_and_still_divides_by_the_word_count()
    {
        var vectors = Table();
        var valence = WordValence.Fit(vectors, Lexicon(), ridge: 0.01f, otherWeight: 1f);
        var settings = new FeaturizerSettings { WordBits = 8, CharBits = 8, LexiconScale = 0, EmbeddingDim = 3, EmbeddingScale = 1, ValenceScale = 0, EmbeddingFocus = 1 };
        var featurizer = new TextFeaturizer(settings, new SocialTextNormalizer(SentimentLexicon.Empty), null, vectors, valence);
        float W(string w) => featurizer.EmbeddingWeight(vectors.IndexOf(w));
        Assert.That(W("superb"), Is.EqualTo(1f), "|valence| above 0.25 weighs fully");
        Assert.That(W("chair"), Is.LessThan(0.4f), "a topic word weighs little");
        Assert.That(W("chair"), Is.EqualTo(MathF.Abs(valence.Values[vectors.IndexOf("chair")]) / 0.25f).Within(1e-6));

        var f = featurizer.Featurize("chair superb");
        var offset = settings.HashedSlots + LexiconFeatures.Count;
        var block = new float[3];
        for (var k = 0; k < f.Indices.Length; k++)
        {
            if (f.Indices[k] >= offset)
            {
                block[f.Indices[k] - offset] = f.Values[k];
            }
        }

        var chair = vectors.Vector(vectors.IndexOf("chair"));
        var superb = vectors.Vector(vectors.IndexOf("superb"));
        for (var j = 0; j < 3; j++)
        {
            Assert.That(block[j], Is.EqualTo(((W("chair") * chair[j]) + superb[j]) / 2).Within(1e-6), $"dimension {j}");
        }
    }

    [Test]
    public void A_model_file_written_before_the_valence_settings_loads_with_them_off_and_predicts_as_before()
    {
        var options = SmallCorpus.Options with
        {
            WordEmbedder = new WordVectorTests.HashEmbedder(16),
            Featurizer = SmallCorpus.Settings with { ValenceScale = 0, EmbeddingFocus = 0 },
        };
        var model = new SentimentTrainer().Train(SmallCorpus.Examples(), options).Model;
        var path = Path.Combine(TestPaths.NewTempDir("format1-model"), "old.zip");
        model.Save(path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("featurizer.json")!;
            JsonObject info;
            using (var s = entry.Open())
            {
                info = JsonNode.Parse(s)!.AsObject();
            }

            info["formatVersion"] = 1;
            var featurizer = info["featurizer"]!.AsObject();
            foreach (var key in (string[])["valenceScale", "valenceRidge", "valenceOtherWeight", "embeddingFocus", "embeddingFocusAt", "valenceDim", "usesValence"])
            {
                Assert.That(featurizer.Remove(key), Is.True, key);
            }

            entry.Delete();
            using var w = new StreamWriter(zip.CreateEntry("featurizer.json").Open());
            w.Write(info.ToJsonString());
        }

        var old = SentimentModel.Load(path);
        Assert.That(old.Info.Featurizer.ValenceScale, Is.Zero);
        Assert.That(old.Info.Featurizer.EmbeddingFocus, Is.Zero);
        Assert.That(old.Featurizer.Valence, Is.Null);
        Assert.That(old.PredictBatch(Probes).Select(r => (r.Label, r.Negative, r.Neutral, r.Positive)), Is.EqualTo(model.PredictBatch(Probes).Select(r => (r.Label, r.Negative, r.Neutral, r.Positive))));
    }

    [Test]
    public void Without_a_lexicon_training_turns_the_valences_off_instead_of_emptying_the_focused_mean()
    {
        var options = SmallCorpus.Options with { LexiconPath = null, WordEmbedder = new WordVectorTests.HashEmbedder(16) };
        Assert.That(options.Featurizer.EmbeddingFocus, Is.Not.Zero);
        var model = new SentimentTrainer().Train(SmallCorpus.Examples(), options).Model;
        Assert.That(model.Featurizer.Vectors, Is.Not.Null, "the word-vector block stays");
        Assert.That(model.Featurizer.Valence, Is.Null);
        Assert.That(model.Info.Featurizer.EmbeddingFocus, Is.Zero);
        Assert.That(model.Info.Featurizer.ValenceScale, Is.Zero);
        Assert.That(model.Predict("the phone is terrible").Label, Is.EqualTo(Marketing.Core.Domain.SentimentLabel.Negative));
    }
}
