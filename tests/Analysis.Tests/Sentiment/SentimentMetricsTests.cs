using Marketing.Analysis.Sentiment;
using Marketing.Core.Domain;
using NUnit.Framework;

namespace Marketing.Analysis.Tests.Sentiment;

public sealed class SentimentMetricsTests
{
    [Test]
    public void Metrics_follow_the_semeval_formulas_on_a_hand_made_confusion()
    {
        // gold rows: negative 10 (8 right, 2 neutral), neutral 20 (4 neg, 12 right, 4 pos), positive 10 (1 neu, 9 right).
        var m = new SentimentMetrics([[8, 2, 0], [4, 12, 4], [0, 1, 9]]);
        var negP = 8.0 / 12;
        var negR = 8.0 / 10;
        var neuP = 12.0 / 15;
        var neuR = 12.0 / 20;
        var posP = 9.0 / 13;
        var posR = 9.0 / 10;
        double F1(double p, double r) => 2 * p * r / (p + r);
        Assert.That(m.N, Is.EqualTo(40));
        Assert.That(m.Accuracy, Is.EqualTo(29.0 / 40).Within(1e-12));
        Assert.That(m.MacroRecall, Is.EqualTo((negR + neuR + posR) / 3).Within(1e-12));
        Assert.That(m.MacroF1, Is.EqualTo((F1(negP, negR) + F1(neuP, neuR) + F1(posP, posR)) / 3).Within(1e-12));
        Assert.That(m.F1Pn, Is.EqualTo((F1(negP, negR) + F1(posP, posR)) / 2).Within(1e-12));
        Assert.That(m.PerClass[1].Precision, Is.EqualTo(neuP).Within(1e-12));
    }

    [Test]
    public void Compute_counts_pairs_into_the_confusion_and_reads_unscored_predictions_as_neutral()
    {
        var m = SentimentMetrics.Compute(
        [
            (SentimentLabel.Negative, SentimentLabel.Negative),
            (SentimentLabel.Negative, SentimentLabel.Unscored),
            (SentimentLabel.Positive, SentimentLabel.Neutral),
            (SentimentLabel.Neutral, SentimentLabel.Neutral),
        ]);
        Assert.That(m.Confusion[0], Is.EqualTo(new[] { 1, 1, 0 }));
        Assert.That(m.Confusion[2], Is.EqualTo(new[] { 0, 1, 0 }));
        Assert.That(m.PerClass[2].Recall, Is.Zero);
        Assert.That(m.MacroRecall, Is.EqualTo((0.5 + 1 + 0) / 3).Within(1e-12));
    }
}
