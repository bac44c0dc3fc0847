using Marketing.Analysis.Sentiment;
using NUnit.Framework;

namespace Marketing.Analysis.Tests.Sentiment;

/// <summary>The fast scorer's one promise to the tests: it computes what ML.NET's own transform computes.</summary>
internal static class ScoringAssert
{
    /// <summary>Each text gets the same label and, within 1e-4, the same three probabilities from both paths.</summary>
    public static void AgreesWithMlNet(SentimentModel model, IReadOnlyList<string> texts)
    {
        var direct = model.PredictBatch(texts);
        var mlnet = model.PredictWithMlNet(texts);
        Assert.That(direct, Has.Length.EqualTo(texts.Count));
        for (var i = 0; i < texts.Count; i++)
        {
            Assert.That(direct[i].Label, Is.EqualTo(mlnet[i].Label), texts[i]);
            Assert.That(direct[i].Negative, Is.EqualTo(mlnet[i].Negative).Within(1e-4), texts[i]);
            Assert.That(direct[i].Neutral, Is.EqualTo(mlnet[i].Neutral).Within(1e-4), texts[i]);
            Assert.That(direct[i].Positive, Is.EqualTo(mlnet[i].Positive).Within(1e-4), texts[i]);
        }
    }
}
