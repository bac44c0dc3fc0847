using System.Text;
using Marketing.Ingest.Normalization;
using NUnit.Framework;

namespace Marketing.Ingest.Tests.Normalization;

/// <summary>
/// The normalization fast paths (ASCII tables, vectorized searches, no string per token, lists made only when needed)
/// must give exactly what the plain code before them gave (<see cref="ReferenceNormalization"/>), on hand-picked
/// tricky texts and on random ones built from the pieces that make texts tricky.
/// </summary>
public class FastPathTests
{
    private static readonly string[] Tricky =
    [
        "", " ", "  \t\n ", "plain ascii text", "  padded  ", "Fish &amp; chips &lt;3 &quot;yum&quot; &#39;ok&#39; &eacute;t&eacute;",
        "&", "&&amp;amp;", "a\0b", "\0", " \0 x \0 ", "Caf\u00e9 cr\u00e8me", "Cafe\u0301 cre\u0300me", "e\u0301\u0301\u0327",
        "\u212B ngstr\u00f6m", "\u1100\u1161\u11A8 hangul jamo", "ǅemal ǈ ǋ", "ÿ ß ſ İ ı K", "x\u00a0", "\u2003em space\u2003",
        "👍🏽 emoji 🎉 #tag🎉 @me🎉", "\ud83d\udc4d", "Hi @Acme_Help and @bob! #Launch #launch #2026 #Été https://acme.example/a?x=1. mail me a@b.com, see www.acme.example/p (http://x.co/y)",
        "#", "@", "##a", "@@b", "a#b #c_d #e\u0301t\u00e9 #٣ #١٢ #abc١", "x@y @z. @_under @1234 @" + new string('a', 60), "#" + new string('b', 101),
        "#" + new string('b', 100), "&#a #b /#c", "HTTP://UPPER.EXAMPLE/x HtTpS://mixed.example www.ok.example WWW.Up.Example",
        "xhttp://no.example ahttps://no.example 1www.no.example /www.no.example .www.no.example _www.yes.example",
        "http://a.b http://a.b. https://dup.example https://dup.example (https://p.example/x), \"https://q.example/y\" <http://r.example>",
        "wwww.example.com www.www.example.com http http:/ https:// http://", "https://x.example/…", "RT @someone: Win a free phone today, follow and share!",
        "RT @x", "RT@x: not a retweet prefix", "text\u0085next\u2028line\u2029para", "Ich bin sehr zufrieden, aber der Akku ist nicht gut.",
        "c’est vraiment très bien et je l’aime", "C'EST LE MEILLEUR ET LA PIRE", "The the THE and AND is is are",
        "Ελληνικά κείμενο #ετικέτα @χρήστης", "Русский текст #тег @пользователь", "中文 #标签 @用户 https://例子.测试/路径", "عربي #وسم",
        // Link starts the near-duplicate key's "ht" prefilter must not miss (long s upper-cases to S), and every
        // Latin-1 character (lower-cased from a table there).
        "httpſ://long-s.example hTTPſ://x ht htt http htp hxttp hthttp://a.example Ht", string.Concat(Enumerable.Range(128, 128).Select(c => (char)c)) + " ÀÉÎÕÜ Ÿ µ ÿ",
    ];

    private static readonly string[] Pieces =
    [
        "a", "Z", "h", "H", "t", "p", "w", "W", "x", "1", "0", "_", "-", ".", ",", ":", "/", "?", "!", "'", "’", "\"", "(", ")", "]", "<", ">", "…",
        " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u2003", "\0", "#", "@", "&", "&amp;", "&lt;", "&#39;", "&eacute;", "&bogus;", "&#x1F600;",
        "http://", "https://", "HTTP://", "http:/", "www.", "WWW.", "http", "example.com", "RT @u:", "RT @", "e\u0301", "\u0301", "\u0308", "\u0327",
        "é", "É", "À", "Ö", "Þ", "ß", "ſ", "İ", "ı", "K", "\u212B", "Å", "ǅ", "ÿ", "ø", "ñ", "ü", "\u1100", "\u1161", "\u11A8", "한", "👍", "🏽", "🎉", "\ud83d",
        "\ude00", "α", "Ω", "ж", "中", "ع", "١", "٣", "the", "and", "le", "la", "est", "der", "und", "el", "que", "de", "het", "è", "não", "c'est",
        "j’ai", "very", "texte", "acme", "Acme", "brand", "promo",
    ];

    private static IEnumerable<string> RandomTexts(int count, int seed)
    {
        var random = new Random(seed);
        for (var n = 0; n < count; n++)
        {
            var sb = new StringBuilder();
            var parts = random.Next(0, 40);
            for (var k = 0; k < parts; k++)
            {
                sb.Append(Pieces[random.Next(Pieces.Length)]);
            }

            yield return sb.ToString();
        }
    }

    private static IEnumerable<string> AllInputs() => Tricky.Concat(RandomTexts(20_000, 7));

    [Test]
    public void Every_character_below_the_first_combining_mark_is_already_NFC()
    {
        // The premise of CleanText's fast path: a text made only of such characters needs no NFC pass.
        var notNfc = Enumerable.Range(0, 0x300).Select(c => (char)c).Where(c => !c.ToString().IsNormalized(NormalizationForm.FormC)).ToList();
        Assert.That(notNfc, Is.Empty);
    }

    [Test]
    public void CleanText_gives_what_the_general_path_and_the_reference_give()
    {
        foreach (var text in AllInputs())
        {
            var expected = Safe(() => ReferenceNormalization.CleanText(text));
            Assert.That(Safe(() => PostNormalizer.CleanText(text)), Is.EqualTo(expected), Describe(text));
            Assert.That(Safe(() => PostNormalizer.CleanTextGeneral(text)), Is.EqualTo(expected), Describe(text));
        }
    }

    [Test]
    public void CleanText_returns_a_text_with_nothing_to_change_as_it_is()
    {
        const string text = "Just tried the new Acme phone, très bien! #acme @shop https://x.example/1";
        Assert.That(PostNormalizer.CleanText(text), Is.SameAs(text), "no copy for the common case");
    }

    [Test]
    public void Hashtags_mentions_and_links_match_the_reference()
    {
        foreach (var raw in AllInputs())
        {
            // The normalizer scans cleaned text (no NUL); the scanners must agree on anything, though.
            var cleaned = Safe(() => ReferenceNormalization.CleanText(raw));
            foreach (var text in new[] { raw, cleaned })
            {
                Assert.That(TextEntities.Hashtags(text), Is.EqualTo(ReferenceNormalization.Hashtags(text)), "hashtags of " + Describe(text));
                Assert.That(TextEntities.Mentions(text), Is.EqualTo(ReferenceNormalization.Mentions(text)), "mentions of " + Describe(text));
                Assert.That(TextEntities.Links(text), Is.EqualTo(ReferenceNormalization.Links(text)), "links of " + Describe(text));
            }
        }
    }

    [Test]
    public void The_Add_forms_make_no_list_for_a_text_without_entities()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TextEntities.AddHashtags("no tags here, only a # sign and x#1", null), Is.Null);
            Assert.That(TextEntities.AddMentions("no mentions, a@b.com is an address", null), Is.Null);
            Assert.That(TextEntities.AddLinks("no links: http:/ nor www", null), Is.Null);
        });
    }

    [Test]
    public void Links_the_source_already_gave_are_not_repeated_and_short_links_are_skipped()
    {
        var given = new List<string> { "https://expanded.example/a" };
        var links = TextEntities.AddLinks("see https://t.co/abc and https://expanded.example/a and https://other.example/b", given, l => l == "https://t.co/abc");
        Assert.That(links, Is.EqualTo(new[] { "https://expanded.example/a", "https://other.example/b" }));
    }

    [Test]
    public void The_near_duplicate_keys_ASCII_table_is_what_its_rule_gives() =>
        Assert.That(NearDuplicateIndex.AsciiKind.ToArray(), Is.EqualTo(NearDuplicateIndex.BuildAsciiKinds()));

    [Test]
    public void Near_duplicate_keys_match_the_reference()
    {
        foreach (var text in AllInputs())
        {
            foreach (var minChars in new[] { 0, 5, 24 })
            {
                var expectedOk = ReferenceNormalization.TryNearDuplicateKey(text, minChars, out var expected);
                var ok = NearDuplicateIndex.TryKey(text, minChars, out var key);
                Assert.That((ok, key), Is.EqualTo((expectedOk, expected)), Describe(text));
            }
        }
    }

    [Test]
    public void The_stop_word_vote_matches_the_reference()
    {
        var languages = new IngestOptions().Languages;
        var detector = new LanguageDetector(languages);
        var sentences = new[]
        {
            "I really love this phone, the battery lasts for two days and the camera is great.",
            "Je trouve que le service client est vraiment très lent et ce n'est pas normal.",
            "Ich bin mit dem neuen Telefon sehr zufrieden, aber der Akku ist nicht gut.",
            "El servicio es muy lento y la aplicación no funciona como esperaba.",
            "Il nuovo telefono è molto bello ma la batteria non dura per niente.",
            "Eu não gosto muito do novo aplicativo, mas o atendimento foi rápido.",
            "Ik ben heel blij met de nieuwe telefoon maar de batterij is niet goed.",
            "C’EST LE MEILLEUR, J’AI DIT QUE C’EST très BIEN", "de de de la la la", "die die die das das das het het het",
        };
        foreach (var text in sentences.Concat(Tricky).Concat(RandomTexts(20_000, 11)))
        {
            Assert.That(detector.VoteByStopWords(text), Is.EqualTo(ReferenceNormalization.VoteByStopWords(text, languages)), Describe(text));
        }
    }

    // An exception is an answer too: both sides must throw the same kind.
    private static string Safe(Func<string> f)
    {
        try
        {
            return f();
        }
        catch (ArgumentException ex)
        {
            return "threw " + ex.GetType().Name;
        }
    }

    private static string Describe(string text) =>
        "\"" + string.Concat(text.Select(c => c is >= ' ' and < '\u007f' ? c.ToString() : $"\\u{(int)c:x4}")) + "\"";
}
