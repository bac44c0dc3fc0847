using Marketing.Analysis.Sentiment;
using Marketing.Core.Domain;
using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Analysis.Tests.Sentiment;

public sealed class SentimentModelTests
{
    private static readonly string[] Probes =
    [
        "the phone is good", "the phone is not good", "I hate the app", "the camera ships on monday",
        "new phone 😍", "new phone 😡", "#NotHappy with the delivery", "sooo gooood!!!", "", "@bob https://x.y ok",
    ];

    [Test]
    public void A_saved_and_reloaded_model_gives_identical_predictions()
    {
        var model = SmallCorpus.Model;
        var copy = Path.Combine(TestPaths.NewTempDir("model"), "copy.zip");
        model.Save(copy);
        var reloaded = SentimentModel.Load(copy);
        Assert.That(reloaded.Version, Is.EqualTo(model.Version), "same bytes, same version");
        Assert.That(reloaded.PredictBatch(Probes), Is.EqualTo(model.PredictBatch(Probes)));
    }

    [Test]
    public void Direct_linear_scoring_agrees_with_the_mlnet_transform()
    {
        var model = SmallCorpus.Model;
        ScoringAssert.AgreesWithMlNet(model, Probes);
    }

    [Test]
    public void Negation_turns_a_positive_phrase_negative()
    {
        var model = SmallCorpus.Model;
        Assert.That(model.Predict("the laptop is good").Label, Is.EqualTo(SentimentLabel.Positive));
        Assert.That(model.Predict("the laptop is not good").Label, Is.EqualTo(SentimentLabel.Negative));
        Assert.That(model.Predict("the laptop is not bad at all").Polarity, Is.GreaterThan(model.Predict("the laptop is bad").Polarity));
    }

    [Test]
    public void Emoji_carry_their_sentiment()
    {
        var model = SmallCorpus.Model;
        var love = model.Predict("my order 😍");
        var rage = model.Predict("my order 😡");
        Assert.That(love.Label, Is.EqualTo(SentimentLabel.Positive));
        Assert.That(rage.Label, Is.EqualTo(SentimentLabel.Negative));
    }

    [Test]
    public void Results_carry_probabilities_that_sum_to_one_and_the_model_version()
    {
        var r = SmallCorpus.Model.Predict("the camera ships on monday");
        Assert.That(r.Negative + r.Neutral + r.Positive, Is.EqualTo(1f).Within(1e-4));
        Assert.That(r.Label, Is.EqualTo(SentimentLabel.Neutral));
        Assert.That(r.Scorer, Is.EqualTo("model"));
        Assert.That(r.ModelVersion, Is.EqualTo(SmallCorpus.Model.Version).And.Length.EqualTo(16));
    }

    [Test]
    public void Parallel_batch_scoring_gives_the_same_results_as_sequential_scoring()
    {
        var model = SmallCorpus.Model;
        var texts = SmallCorpus.Examples(400, seed: 11).Select(e => e.Text).ToArray();
        var sequential = texts.Select(model.Predict).ToArray();
        var results = new SentimentResult[4][];
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, k => results[k] = model.PredictBatch(texts));
        Assert.That(results, Has.All.EqualTo(sequential));
    }

    [Test]
    public void Training_with_the_same_seed_gives_the_same_model_predictions()
    {
        var data = SmallCorpus.Examples(60, seed: 5);
        var a = new SentimentTrainer().Train(data, SmallCorpus.Options).Model;
        var b = new SentimentTrainer().Train(data, SmallCorpus.Options).Model;
        Assert.That(b.PredictBatch(Probes), Is.EqualTo(a.PredictBatch(Probes)));
    }

    [Test]
    public void Training_without_all_three_labels_is_refused_with_a_reason()
    {
        var data = SmallCorpus.Examples(20).Where(e => e.Label != SentimentLabel.Neutral).ToList();
        var ex = Assert.Throws<InvalidOperationException>(() => new SentimentTrainer().Train(data, SmallCorpus.Options));
        Assert.That(ex!.Message, Does.Contain("all three labels"));
    }

    [Test]
    public void Loading_a_missing_model_says_how_to_train_one()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => SentimentModel.Load(Path.Combine(TestPaths.NewTempDir("m"), "none.zip")));
        Assert.That(ex!.Message, Does.Contain("mkt train"));
    }

    [Test]
    public void A_file_that_is_not_a_model_is_refused_clearly()
    {
        var path = Path.Combine(TestPaths.NewTempDir("m"), "bad.zip");
        File.WriteAllText(path, "not a zip");
        Assert.That(() => SentimentModel.Load(path), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("not a sentiment model"));
    }
}
