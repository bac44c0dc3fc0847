using Marketing.Analysis.Sentiment;
using Marketing.Core.Domain;
using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Analysis.Tests.Sentiment;

/// <summary>
/// Scoring tokenizes into a reusable per-thread <see cref="TokenBuffer"/> and reads tokens as spans; training and
/// the ML.NET reference path use <see cref="SocialToken"/> lists. Both must give the same probabilities to the bit.
/// </summary>
public sealed class ScoringPathTests
{
    // Every block: n-grams, lexicon, word vectors and a second stage. The tricky texts are in the training data (as
    // neutral) so their words have vectors.
    private static readonly Lazy<SentimentModel> FullModel = new(() =>
    {
        var data = SmallCorpus.Examples().Concat(TrickyTexts.All.Where(t => t.Trim().Length > 0).Select(t => new SentimentExample(SentimentLabel.Neutral, t))).ToList();
        var options = SmallCorpus.Options with
        {
            WordEmbedder = new WordVectorTests.HashEmbedder(16),
            SecondStage = new SecondStageSettings { Hidden = 8, Epochs = 3 },
        };
        return new SentimentTrainer().Train(data, options).Model;
    });

    private static IEnumerable<SentimentModel> Models()
    {
        yield return SmallCorpus.Model;
        yield return FullModel.Value;
    }

    /// <summary>The tricky texts, then the SemEval test tweets when the shared data set is there.</summary>
    private static string[] Texts()
    {
        var semEval = File.Exists(TestPaths.SemEvalTest) ? SentimentData.ReadLabelled(TestPaths.SemEvalTest).Select(e => e.Text) : [];
        return [.. TrickyTexts.All, .. semEval];
    }

    [Test]
    public void Scoring_from_the_token_buffer_is_bit_identical_to_scoring_the_token_list()
    {
        var texts = Texts();
        foreach (var model in Models())
        {
            Assert.That(model.Featurizer.Vectors is null || model.SecondStage is not null, "the full model has vectors and a second stage");
            var normalizer = model.Featurizer.Normalizer;
            for (var i = 0; i < texts.Length; i++)
            {
                var fromList = model.FromTokens(normalizer.Tokenize(texts[i]));
                var fromSpans = model.Predict(texts[i]);
                if (fromSpans != fromList)
                {
                    Assert.Fail($"text {i} '{texts[i]}': spans {fromSpans}, list {fromList}");
                }
            }
        }
    }

    [Test]
    public void Scoring_agrees_with_the_mlnet_transform_on_tricky_texts()
    {
        foreach (var model in Models())
        {
            ScoringAssert.AgreesWithMlNet(model, TrickyTexts.All);
        }
    }

    [Test]
    public void A_saved_and_reloaded_full_model_gives_identical_predictions_on_tricky_texts()
    {
        var model = FullModel.Value;
        var path = Path.Combine(TestPaths.NewTempDir("full-model"), "model.zip");
        model.Save(path);
        var reloaded = SentimentModel.Load(path);
        Assert.That(reloaded.PredictBatch(Texts()), Is.EqualTo(model.PredictBatch(Texts())));
    }

    [Test]
    public void A_reused_buffer_gives_the_same_tokens_as_a_fresh_one()
    {
        var normalizer = SmallCorpus.Model.Featurizer.Normalizer;
        var reused = new TokenBuffer();
        foreach (var text in TrickyTexts.All.Concat(TrickyTexts.All.Reverse()))
        {
            reused.Clear();
            normalizer.Tokenize(text, reused);
            var fresh = new TokenBuffer();
            normalizer.Tokenize(text, fresh);
            Assert.That(reused.ToList(), Is.EqualTo(fresh.ToList()), text);
            Assert.That(fresh.ToList(), Is.EqualTo(normalizer.Tokenize(text)), text);
        }
    }

    [Test]
    public void A_loaded_buffer_gives_back_the_tokens_it_was_given()
    {
        List<SocialToken> tokens =
        [
            new("not", TokenKind.Word, false, false, true), new("happy", TokenKind.Hashtag, true, false, false),
            new("soo", TokenKind.Word, false, true, false), new(":)", TokenKind.Emoticon, false, false, false),
            new("", TokenKind.Word, false, false, false), new("URL", TokenKind.Url, false, false, false),
        ];
        var buffer = new TokenBuffer();
        buffer.Add("left over", TokenKind.Word);
        buffer.Load(tokens);
        Assert.That(buffer.Count, Is.EqualTo(tokens.Count));
        Assert.That(buffer.ToList(), Is.EqualTo(tokens));
        Assert.That(buffer.Text(1).ToString(), Is.EqualTo("happy"));
    }

    [TestCase("en", true)]
    [TestCase("EN", true)]
    [TestCase(" en-US ", true)]
    [TestCase("eng", true)]
    [TestCase(null, true)]
    [TestCase("  ", true)]
    [TestCase("de", false)]
    [TestCase("e", false)]
    [TestCase("fr-CA", false)]
    public void A_language_is_matched_by_its_first_two_letters_in_any_case(string? language, bool supported)
    {
        Assert.That(SmallCorpus.Model.SupportsLanguage(language), Is.EqualTo(supported));
    }

    [Test]
    public void Scoring_a_text_allocates_nothing_but_its_result()
    {
        var model = FullModel.Value;
        var texts = TrickyTexts.All.Where(t => t.Length < 200).ToArray();
        foreach (var t in texts)
        {
            model.Predict(t); // sizes this thread's buffers
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        const int rounds = 20;
        for (var r = 0; r < rounds; r++)
        {
            foreach (var t in texts)
            {
                model.Predict(t);
            }
        }

        var perText = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)(rounds * texts.Length);

        // A SentimentResult is ~48 bytes; the token-list path made ~1 KB per tweet.
        Assert.That(perText, Is.LessThan(100), "bytes allocated per scored text");
    }
}
