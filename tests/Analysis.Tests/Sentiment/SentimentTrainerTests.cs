using Marketing.Analysis.Sentiment;
using Marketing.Core.Domain;
using NUnit.Framework;

namespace Marketing.Analysis.Tests.Sentiment;

public sealed class SentimentTrainerTests
{
    private static readonly SentimentLabel[] Labels = [SentimentLabel.Negative, SentimentLabel.Neutral, SentimentLabel.Positive];

    /// <summary>Clean examples, then (at the end of the "file") rows whose labels the text cannot predict.</summary>
    private static List<SentimentExample> CleanThenNoise()
    {
        var data = SmallCorpus.Examples(80, seed: 9);
        data.AddRange(Enumerable.Range(0, 60).Select(i => new SentimentExample(Labels[i % 3], $"zqx{i % 7} wvk{i % 5}")));
        return data;
    }

    [Test]
    public void Holding_out_the_newest_rows_measures_the_model_on_the_end_of_the_file()
    {
        var data = CleanThenNoise();
        var options = SmallCorpus.Options with { Refit = false, HoldoutFraction = 60.0 / data.Count };
        var newest = new SentimentTrainer().Train(data, options with { HoldoutNewest = true });
        var random = new SentimentTrainer().Train(data, options);
        Assert.That(newest.Holdout.N, Is.EqualTo(60));
        Assert.That(newest.Holdout.MacroRecall, Is.LessThan(0.5), "measured on the unpredictable last rows only");
        Assert.That(random.Holdout.MacroRecall, Is.GreaterThan(0.6), "a random share is mostly clean rows");
    }

    [Test]
    public void Tuned_offsets_keep_neutral_as_reference_and_survive_save_and_load()
    {
        var data = SmallCorpus.Examples(60, seed: 4);
        var model = new SentimentTrainer().Train(data, SmallCorpus.Options with { TuneOffsets = true, HoldoutFraction = 0.4 }).Model;
        Assert.That(model.Info.LogPriorOffsets, Has.Length.EqualTo(3));
        Assert.That(model.Info.LogPriorOffsets[1], Is.Zero, "neutral is the reference class");
        var path = Path.Combine(Marketing.TestSupport.TestPaths.NewTempDir("offsets"), "m.zip");
        model.Save(path);
        Assert.That(SentimentModel.Load(path).Info.LogPriorOffsets, Is.EqualTo(model.Info.LogPriorOffsets));
    }
}
