using Marketing.Analysis.Sentiment;
using Marketing.Core.Brands;
using Marketing.Core.Domain;
using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Analysis.Tests.Sentiment;

public sealed class SentimentScorerTests
{
    private static BrandMatcher Matcher() => new(new BrandWatchlist
    {
        Brands =
        [
            new Brand { Id = "acme", Name = "Acme", Aliases = ["acme", "acme phone"], Handles = ["@acme"] },
            new Brand { Id = "globex", Name = "Globex", Aliases = ["globex"], Handles = ["@globex"] },
        ],
    });

    private static SentimentScorer Scorer() => new(SmallCorpus.Model, Matcher());

    [Test]
    public async Task Enrich_sets_label_probabilities_scorer_and_model_version()
    {
        var post = Posts.Make("1", "the app is great", brands: ["acme"]);
        await Scorer().EnrichAsync([post], CancellationToken.None);
        Assert.That(post.Sentiment!.Label, Is.EqualTo(SentimentLabel.Positive));
        Assert.That(post.Sentiment.Scorer, Is.EqualTo("model"));
        Assert.That(post.Sentiment.ModelVersion, Is.EqualTo(SmallCorpus.Model.Version));
        Assert.That(post.BrandSentiments, Is.EqualTo(new[] { new BrandSentiment("acme", SentimentLabel.Positive, post.Sentiment.Polarity) }));
    }

    [Test]
    public async Task A_post_in_another_language_is_marked_unscored_never_scored_as_english()
    {
        var post = Posts.Make("1", "le téléphone est nul", brands: ["acme"]);
        post.Language = "fr";
        var english = Posts.Make("2", "the phone is terrible");
        english.Language = "en-GB";
        await Scorer().EnrichAsync([post, english], CancellationToken.None);
        Assert.That(post.Sentiment!.Label, Is.EqualTo(SentimentLabel.Unscored));
        Assert.That(post.Sentiment.ModelVersion, Is.EqualTo("language fr"));
        Assert.That(post.BrandSentiments.Single().Label, Is.EqualTo(SentimentLabel.Unscored));
        Assert.That(english.Sentiment!.Label, Is.EqualTo(SentimentLabel.Negative));
    }

    [Test]
    public async Task A_post_naming_two_brands_gets_a_sentiment_toward_each_clause_by_clause()
    {
        var post = Posts.Make("1", "I love the acme phone, so great! But globex is terrible", brands: ["acme", "globex"]);
        await Scorer().EnrichAsync([post], CancellationToken.None);
        var byBrand = post.BrandSentiments.ToDictionary(b => b.Brand);
        Assert.That(byBrand["acme"].Label, Is.EqualTo(SentimentLabel.Positive));
        Assert.That(byBrand["globex"].Label, Is.EqualTo(SentimentLabel.Negative));
    }

    [TestCase("acme is way better than globex", "acme", "globex")]
    [TestCase("globex is so much worse than acme", "acme", "globex")]
    [TestCase("I prefer @acme over @globex", "acme", "globex")]
    [TestCase("switched from globex to acme last week", "acme", "globex")]
    public async Task A_comparison_favours_one_brand_over_the_other(string text, string winner, string loser)
    {
        var post = Posts.Make("1", text, brands: ["acme", "globex"]);
        await Scorer().EnrichAsync([post], CancellationToken.None);
        var byBrand = post.BrandSentiments.ToDictionary(b => b.Brand);
        Assert.That(byBrand[winner].Label, Is.EqualTo(SentimentLabel.Positive), text);
        Assert.That(byBrand[loser].Label, Is.EqualTo(SentimentLabel.Negative), text);
    }

    [Test]
    public async Task Enrich_is_thread_safe_across_concurrent_batches()
    {
        var scorer = Scorer();
        var texts = SmallCorpus.Examples(100, seed: 9).Select(e => e.Text).ToArray();
        var expected = texts.Select(SmallCorpus.Model.Predict).ToArray();
        var batches = Enumerable.Range(0, 6).Select(b => texts.Select((t, i) => Posts.Make($"{b}-{i}", t)).ToList()).ToList();
        await Task.WhenAll(batches.Select(b => Task.Run(async () => await scorer.EnrichAsync(b, CancellationToken.None))));
        foreach (var batch in batches)
        {
            Assert.That(batch.Select(p => p.Sentiment), Is.EqualTo(expected));
        }
    }

    [Test]
    public void Clauses_split_at_sentences_and_contrast_words()
    {
        Assert.That(BrandSentimentAnalyzer.SplitClauses("A is fine. B is bad but C rocks; D whereas E"), Is.EqualTo(new[] { "A is fine", "B is bad", "C rocks", "D", "E" }));
    }
}
