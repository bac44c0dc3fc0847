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

    // Keys that the matcher's prefilter (length, ASCII first character) must not lose: non-ASCII first letters, a
    // first letter that only lower-casing makes ASCII (the Kelvin sign K lower-cases to 'k'), digits, '_', a
    // one-letter alias, an alias of 64+ characters, handles and hashtags with Unicode.
    private const string TrickyJson = """
        { "brands": [
            { "id": "elan", "aliases": ["Élan Vital", "élan", "ÉLAN_2"], "handles": ["@ÜberCo"], "hashtags": ["#Straße"] },
            { "id": "kilo", "aliases": ["kilo", "k k", "x"], "handles": ["@k_"], "hashtags": ["#k9"] },
            { "id": "se7en", "aliases": ["7eleven", "seven eleven store"] },
            { "id": "long", "aliases": ["supercalifragilisticexpialidocious_and_then_some_more_letters_to_pass_64 now"] },
            { "id": "acme", "aliases": ["acme", "acme mobile"], "handles": ["@AcmeHelp"], "hashtags": ["#AcmeLaunch"] }
        ] }
        """;

    private static readonly BrandMatcher Tricky = new(BrandWatchlist.Parse(TrickyJson));

    [TestCase("ends with acme", new[] { "acme" })]
    [TestCase("ends with a phrase cut short: seven eleven", new string[0])]
    [TestCase("SEVEN ELEVEN STORE", new[] { "se7en" })]
    [TestCase("élan vital", new[] { "elan" })]
    [TestCase("ÉLAN VITAL and Élan_2", new[] { "elan" })]
    [TestCase("\u212Ailo", new[] { "kilo" })]
    [TestCase("\u212A \u212A", new[] { "kilo" })]
    [TestCase("#STRASSE #straße", new[] { "elan" })]
    [TestCase("@überco", new[] { "elan" })]
    [TestCase("X", new[] { "kilo" })]
    [TestCase("7ELEVEN@acmehelp", new[] { "acme", "se7en" })]
    public void Matches_unicode_case_digits_and_phrases_at_the_end(string text, string[] expected) =>
        Assert.That(Tricky.Match(System.Text.RegularExpressions.Regex.Unescape(text)), Is.EqualTo(expected).And.EqualTo(ByTokens(Tricky, System.Text.RegularExpressions.Regex.Unescape(text))));

    [Test]
    public void Every_ASCII_character_ends_or_continues_a_token_as_Tokenize_says()
    {
        // Tokenize keeps the Unicode definition; the matcher decides ASCII by arithmetic.
        for (var c = (char)0; c < 128; c++)
        {
            var text = $"acme{c}acme {c}globex x{c}";
            Assert.That(Matcher.Match(text), Is.EqualTo(ByTokens(text)), $"U+{(int)c:X4}");
        }
    }

    [Test]
    public void Matches_as_the_tokens_say_over_random_texts()
    {
        // Words of the keys in several cases and spellings, glued by separators that end, lead or join tokens.
        string[] words =
        [
            "acme", "ACME", "Acme", "mobile", "MOBILE", "élan", "ÉLAN", "Élan", "vital", "VİTAL", "élan_2", "kilo", "\u212Ailo",
            "k", "K", "\u212A", "x", "X", "k9", "7eleven", "se7en", "seven", "eleven", "store", "überco", "ÜBERCO", "straße", "acmehelp",
            "acmelaunch", "acmemobile", "supercalifragilisticexpialidocious_and_then_some_more_letters_to_pass_64", "now",
            "the", "phone", "i", "İ", "ß", "e\u0301", "😀", "a1_", "__",
        ];
        string[] glue = [" ", "  ", ", ", ".", "@", "#", "_", "-", "\u0301", "'", "\n", "😀", "@@", "##", "#@", ""];
        words = words.Select(System.Text.RegularExpressions.Regex.Unescape).ToArray();
        glue = glue.Select(System.Text.RegularExpressions.Regex.Unescape).ToArray();
        var random = new Random(5);
        for (var n = 0; n < 20_000; n++)
        {
            var text = new System.Text.StringBuilder();
            for (var w = random.Next(0, 12); w > 0; w--)
            {
                text.Append(glue[random.Next(glue.Length)]).Append(words[random.Next(words.Length)]);
            }

            if (random.Next(3) == 0)
            {
                text.Append(glue[random.Next(glue.Length)]);
            }

            var s = text.ToString();
            Assert.That(Tricky.Match(s), Is.EqualTo(ByTokens(Tricky, s)), s);
        }
    }

    [Test]
    public void Mentions_and_hashtags_given_separately_are_looked_up_whatever_their_case_and_signs()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Tricky.Match("", mentions: ["@@ÜBERCO"], hashtags: ["STRASSE"]), Is.EqualTo(new[] { "elan" }));
            Assert.That(Tricky.Match("", mentions: new HashSet<string> { "K_" }, hashtags: new HashSet<string> { "#K9", "##acmelaunch" }), Is.EqualTo(new[] { "acme", "kilo" }));
            Assert.That(Tricky.Match("", mentions: ["", "@", "nobody"], hashtags: ["#", new string('k', 300)]), Is.Empty);
        });
    }

    [Test]
    public void A_post_naming_one_brand_gets_the_same_one_element_result_each_time()
    {
        var first = Matcher.Match("acme again");
        Assert.That(Matcher.Match("and acme"), Is.SameAs(first).And.EqualTo(new[] { "acme" }));
    }

    private static string[] ByTokens(string text) => ByTokens(Matcher, text);

    /// <summary>The definition: whole tokens of <see cref="BrandMatcher.Tokenize"/> against the aliases, handles and hashtags.</summary>
    private static string[] ByTokens(BrandMatcher matcher, string text)
    {
        var watchlist = matcher.Watchlist;
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
