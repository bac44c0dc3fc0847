using Marketing.Core.Brands;
using NUnit.Framework;

namespace Marketing.Core.Tests.Brands;

public sealed class BrandMatcherTests
{
    private const string Json = """
        { "brands": [
            { "id": "acme", "name": "Acme Mobile", "aliases": ["acme", "acme mobile"], "handles": ["@AcmeHelp"], "hashtags": ["#AcmeLaunch"], "competitors": ["globex"] },
            { "id": "globex", "name": "Globex", "aliases": ["globex", "globex telecom"], "competitors": ["acme"] }
        ] }
        """;

    private static readonly BrandMatcher Matcher = new(BrandWatchlist.Parse(Json));

    [TestCase("I love ACME phones", new[] { "acme" })]
    [TestCase("acme mobile vs Globex Telecom", new[] { "acme", "globex" })]
    [TestCase("thanks @acmehelp", new[] { "acme" })]
    [TestCase("so ready #AcmeLaunch", new[] { "acme" })]
    [TestCase("#acmemobile is great", new[] { "acme" })]
    [TestCase("acmes and globexian are not brands", new string[0])]
    [TestCase("", new string[0])]
    public void Matches_whole_word_aliases_handles_and_hashtags(string text, string[] expected) =>
        Assert.That(Matcher.Match(text), Is.EqualTo(expected));

    [Test]
    public void Matches_mentions_and_hashtags_given_separately() =>
        Assert.That(Matcher.Match("nothing here", mentions: ["AcmeHelp"], hashtags: ["globex"]), Is.EqualTo(new[] { "acme", "globex" }));

    [Test]
    public void A_watchlist_with_an_unknown_competitor_is_rejected_with_its_name()
    {
        var ex = Assert.Throws<FormatException>(() => BrandWatchlist.Parse("""{"brands":[{"id":"a","competitors":["zzz"]}]}"""));
        Assert.That(ex!.Message, Does.Contain("zzz"));
    }

    [TestCase("not json")]
    [TestCase("{}")]
    [TestCase("""{"brands":[{"name":"no id"}]}""")]
    [TestCase("""{"brands":[{"id":"a"},{"id":"A"}]}""")]
    public void Bad_watchlists_get_a_clear_error(string json) =>
        Assert.That(() => BrandWatchlist.Parse(json, "w.json"), Throws.TypeOf<FormatException>().With.Message.StartsWith("w.json:"));
}
