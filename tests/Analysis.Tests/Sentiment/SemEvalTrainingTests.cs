using Marketing.Analysis.Sentiment;
using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Analysis.Tests.Sentiment;

/// <summary>
/// Training on real labelled tweets (../shared/data/semeval2017-4a) reaches a stated bar on the official test set.
/// CI cost is bounded by training on the first 15,000 training tweets; the full-data figure is in bench/ and the README.
/// </summary>
public sealed class SemEvalTrainingTests
{
    [Test]
    public void A_model_trained_on_a_semeval_subset_beats_vader_on_the_semeval_test_set()
    {
        var train = TestPaths.RequireShared(TestPaths.SemEvalTrain);
        var test = TestPaths.RequireShared(TestPaths.SemEvalTest);
        var lexicon = TestPaths.RequireShared(TestPaths.VaderLexicon);
        var data = SentimentData.ReadLabelled(train).Take(15_000).ToList();
        var result = new SentimentTrainer().Train(data, new SentimentTrainingOptions { LexiconPath = lexicon, Refit = false });
        var metrics = SentimentModelFiles.Evaluate(result.Model, SentimentData.ReadLabelled(test));
        TestContext.Out.WriteLine($"macro-recall {metrics.MacroRecall:0.0000} macro-F1 {metrics.MacroF1:0.0000} accuracy {metrics.Accuracy:0.0000} (n={metrics.N})");
        Assert.That(metrics.N, Is.EqualTo(12284));
        // Measured 0.610 with 15k tweets (0.636 with all 49.6k); the bar leaves room for SDCA thread scheduling.
        Assert.That(metrics.MacroRecall, Is.GreaterThan(0.59), "VADER scores 0.560 on this test set");
        Assert.That(metrics.PerClass.Select(c => c.Recall), Has.All.GreaterThan(0.45), "no class is given up");
    }
}
