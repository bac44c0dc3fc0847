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

    [TestCase("x@acme#globex", new[] { "acme", "globex" })]
    [TestCase("ACMEHELP @ACMEHELP #ACMELAUNCH ÀCME acme\u0301", new[] { "acme" })]
    [TestCase("acme_mobile acme-mobile acme, mobile", new[] { "acme" })]
    [TestCase("@ # @# #@ @@acme ##globex", new[] { "acme", "globex" })]
    public void Matches_as_the_tokens_of_Tokenize_say(string text, string[] expected) =>
        Assert.That(Matcher.Match(text), Is.EqualTo(expected).And.EqualTo(ByTokens(text)));

    [Test]
    public void A_text_longer_than_the_stack_buffers_is_matched_the_same_way()
    {
        // Over 512 characters the matcher rents its buffers; a phrase alias at the very end must still be found.
        var text = string.Concat(Enumerable.Repeat("nothing to see here, ", 40)) + "then @AcmeHelp and finally globex telecom";
        Assert.That(text, Has.Length.GreaterThan(800));
        Assert.That(Matcher.Match(text), Is.EqualTo(new[] { "acme", "globex" }).And.EqualTo(ByTokens(text)));
    }

    /// <summary>The definition: whole tokens of <see cref="BrandMatcher.Tokenize"/> against the aliases, handles and hashtags.</summary>
    private static string[] ByTokens(string text)
    {
        var watchlist = Matcher.Watchlist;
        var tokens = BrandMatcher.Tokenize(text).ToArray();
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var brand in watchlist.Brands)
        {
            var handles = brand.Handles.Select(h => h.TrimStart('@').ToLowerInvariant()).ToHashSet();
            var tags = brand.Hashtags.Select(h => h.TrimStart('#').ToLowerInvariant()).ToHashSet();
            var phrases = brand.Aliases.Append(brand.Id).Select(a => BrandMatcher.Tokenize(a).ToArray()).Where(a => a.Length > 0).ToList();
            tags.UnionWith(phrases.Select(p => string.Concat(p)));
            for (var i = 0; i < tokens.Length; i++)
            {
                var t = tokens[i];
                if ((t[0] == '@' && handles.Contains(t[1..])) || (t[0] == '#' && tags.Contains(t[1..])))
                {
                    found.Add(brand.Id);
                }

                var bare = t[0] is '@' or '#' ? t[1..] : t;
                if (phrases.Any(p => p[0] == bare && i + p.Length <= tokens.Length && p.Skip(1).SequenceEqual(tokens.Skip(i + 1).Take(p.Length - 1))))
                {
                    found.Add(brand.Id);
                }
            }
        }

        return found.ToArray();
    }

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
