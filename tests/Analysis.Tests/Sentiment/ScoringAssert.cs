using Marketing.Analysis.Sentiment;
using NUnit.Framework;

namespace Marketing.Analysis.Tests.Sentiment;

/// <summary>
/// The fast scorer's one promise to the tests: it computes what ML.NET's own transform computes, up to the rounding
/// of its 16-bit weight table (<see cref="SentimentModel.Quantize"/>): on SemEval's 61,854 tweets that moved no
/// probability by more than 3e-5.
/// </summary>
internal static class ScoringAssert
{
    /// <summary>How far a probability of the fast scorer may be from ML.NET's.</summary>
    public const float Tolerance = 1e-4f;

    /// <summary>
    /// Each text gets, within <see cref="Tolerance"/>, the same three probabilities from both paths, and the same
    /// label unless ML.NET's top two probabilities are within twice the tolerance (a tie the rounding may break).
    /// </summary>
    public static void AgreesWithMlNet(SentimentModel model, IReadOnlyList<string> texts)
    {
        var direct = model.PredictBatch(texts);
        var mlnet = model.PredictWithMlNet(texts);
        Assert.That(direct, Has.Length.EqualTo(texts.Count));
        for (var i = 0; i < texts.Count; i++)
        {
            Assert.That(direct[i].Negative, Is.EqualTo(mlnet[i].Negative).Within(Tolerance), texts[i]);
            Assert.That(direct[i].Neutral, Is.EqualTo(mlnet[i].Neutral).Within(Tolerance), texts[i]);
            Assert.That(direct[i].Positive, Is.EqualTo(mlnet[i].Positive).Within(Tolerance), texts[i]);
            if (!NearTie(mlnet[i]))
            {
                Assert.That(direct[i].Label, Is.EqualTo(mlnet[i].Label), texts[i]);
            }
        }
    }

    /// <summary>Whether the two highest probabilities are within twice <see cref="Tolerance"/>.</summary>
    public static bool NearTie(Marketing.Core.Domain.SentimentResult r)
    {
        float[] p = [r.Negative, r.Neutral, r.Positive];
        Array.Sort(p);
        return p[2] - p[1] <= 2 * Tolerance;
    }
}
