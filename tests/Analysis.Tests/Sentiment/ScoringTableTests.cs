using Marketing.Analysis.Sentiment;
using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Analysis.Tests.Sentiment;

/// <summary>The scorer's 16-bit weight table and its managed tanh / exp / log.</summary>
public sealed class ScoringTableTests
{
    [Test]
    public void The_quantized_table_is_within_half_a_step_of_the_float_weights_with_one_scale_per_block_and_class()
    {
        const int slots = 8, charOffset = 4;
        float[] idf = [1.5f, 0f, 10.4f, 2f, 1.05f, 3f, 0f, 7f];
        var weights = new float[slots * 3];
        var rng = new Random(7);
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)((rng.NextDouble() * 2) - 1) * (i < charOffset * 3 ? 0.3f : 4f);
        }

        weights[5] = -0.3f; // the word block's largest |w| of class 2
        var (packed, scales) = SentimentModel.Quantize(weights, idf, slots, charOffset);
        Assert.That(packed, Has.Length.EqualTo((slots * 4) + 4));
        Assert.That(scales[2], Is.EqualTo(0.3f / short.MaxValue).Within(1e-9), "the block's largest weight maps to 32767");
        Assert.That(packed[(1 * 4) + 3], Is.EqualTo(-short.MaxValue));
        var idfScale = 10.4f / short.MaxValue;
        for (var i = 0; i < slots; i++)
        {
            Assert.That(packed[i * 4] * idfScale, Is.EqualTo(idf[i]).Within(idfScale / 2), $"idf of slot {i}");
            Assert.That(packed[i * 4] == 0, Is.EqualTo(idf[i] == 0), "a slot without weight stays exactly 0");
            var block = i < charOffset ? 0 : 3;
            for (var c = 0; c < 3; c++)
            {
                var scale = scales[block + c];
                Assert.That(packed[(i * 4) + 1 + c] * scale, Is.EqualTo(weights[(i * 3) + c]).Within((scale / 2) + 1e-9), $"slot {i} class {c}");
            }
        }
    }

    [Test]
    public void Managed_tanh_is_within_1e_6_of_MathF_Tanh_and_odd()
    {
        for (var x = -12f; x <= 12f; x += 0.0137f)
        {
            var t = ScoringMath.Tanh(System.Runtime.Intrinsics.Vector128.Create(x, -x, x / 4, 0f));
            Assert.That(t[0], Is.EqualTo(MathF.Tanh(x)).Within(1e-6), $"tanh({x})");
            Assert.That(t[1], Is.EqualTo(-t[0]), $"tanh(-{x})");
            Assert.That(t[2], Is.EqualTo(MathF.Tanh(x / 4)).Within(1e-6), $"tanh({x / 4})");
            Assert.That(t[3], Is.EqualTo(0f));
        }

        var big = ScoringMath.Tanh(System.Runtime.Intrinsics.Vector128.Create(1e30f, -1e30f, 50f, 1e-8f));
        Assert.That(big[0], Is.EqualTo(1f));
        Assert.That(big[1], Is.EqualTo(-1f));
        Assert.That(big[2], Is.EqualTo(1f));
        Assert.That(big[3], Is.EqualTo(1e-8f).Within(1e-7));
    }

    [Test]
    public void The_sublinear_term_frequency_is_one_plus_the_log()
    {
        foreach (var tf in new[] { 1, 2, 3, 17, 255, 256, 1000, 123456 })
        {
            Assert.That(ScoringMath.SublinearTf(tf), Is.EqualTo(1f + MathF.Log(tf)), $"tf {tf}");
        }
    }

    [Test]
    public void On_the_SemEval_test_tweets_the_fast_scorer_agrees_with_mlnet_on_labels_and_within_the_tolerance()
    {
        if (!File.Exists(TestPaths.SemEvalTest))
        {
            Assert.Ignore($"SemEval test set absent ({TestPaths.SemEvalTest})");
        }

        var texts = SentimentData.ReadLabelled(TestPaths.SemEvalTest).Select(e => e.Text).Take(4000).ToList();
        var model = SmallCorpus.Model;
        var direct = model.PredictBatch(texts);
        var mlnet = model.PredictWithMlNet(texts);
        var agree = 0;
        var worst = 0f;
        for (var i = 0; i < texts.Count; i++)
        {
            agree += direct[i].Label == mlnet[i].Label ? 1 : 0;
            worst = MathF.Max(worst, MathF.Max(MathF.Abs(direct[i].Negative - mlnet[i].Negative), MathF.Max(MathF.Abs(direct[i].Neutral - mlnet[i].Neutral), MathF.Abs(direct[i].Positive - mlnet[i].Positive))));
        }

        Assert.That(worst, Is.LessThanOrEqualTo(ScoringAssert.Tolerance), "largest probability difference");
        Assert.That(agree / (double)texts.Count, Is.GreaterThanOrEqualTo(0.999), "labels agreeing");
    }
}
