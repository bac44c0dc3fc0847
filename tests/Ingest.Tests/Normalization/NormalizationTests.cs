using Marketing.Core.Brands;
using Marketing.Ingest.Normalization;
using NUnit.Framework;
using static Marketing.Ingest.Tests.DecodeHelpers;

namespace Marketing.Ingest.Tests.Normalization;

public class NormalizationTests
{
    private static string Json(string id, string text, string extra = "") =>
        $$"""{"platform":"x","post_id":"{{id}}","text":{{System.Text.Json.JsonSerializer.Serialize(text)}},"created_at":"2026-10-01T08:00:00Z"{{extra}}}""";

    [Test]
    public void HTML_entities_are_decoded()
    {
        var post = Single(Json("1", "Fish &amp; chips &lt;3 &quot;yum&quot; &#39;ok&#39; &eacute;t&eacute;"));
        Assert.That(post.Text, Is.EqualTo("Fish & chips <3 \"yum\" 'ok' été"));
    }

    [Test]
    public void Text_is_brought_to_Unicode_NFC()
    {
        var decomposed = "Cafe\u0301 cre\u0300me";
        var post = Single(Json("1", decomposed));
        Assert.Multiple(() =>
        {
            Assert.That(post.Text, Is.EqualTo("Caf\u00e9 cr\u00e8me"));
            Assert.That(post.Text.IsNormalized(System.Text.NormalizationForm.FormC), Is.True);
        });
    }

    [Test]
    public void NUL_characters_are_removed_from_text()
    {
        var post = Single(Json("1", "a\u0000b"));
        Assert.That(post.Text, Is.EqualTo("ab"));
    }

    [Test]
    public void Hashtags_mentions_and_links_are_extracted_lower_case_distinct_and_in_order()
    {
        var post = Single(Json("1", "Hi @Acme_Help and @bob! #Launch #launch #2026 #Été https://acme.example/a?x=1. mail me a@b.com, see www.acme.example/p (http://x.co/y)"));
        Assert.Multiple(() =>
        {
            Assert.That(post.Hashtags, Is.EqualTo(new[] { "launch", "été" }), "a tag needs a letter; case variants are one tag");
            Assert.That(post.Mentions, Is.EqualTo(new[] { "acme_help", "bob" }), "an e-mail address is not a mention");
            Assert.That(post.Links, Is.EqualTo(new[] { "https://acme.example/a?x=1", "www.acme.example/p", "http://x.co/y" }));
        });
    }

    [Test]
    public void Tags_given_by_the_source_are_merged_with_the_ones_in_the_text()
    {
        var post = Single(Json("1", "new #phone", ""","hashtags":["#Promo"],"mentions":["@Shop"]"""));
        Assert.Multiple(() =>
        {
            Assert.That(post.Hashtags, Is.EqualTo(new[] { "phone", "promo" }));
            Assert.That(post.Mentions, Is.EqualTo(new[] { "shop" }));
        });
    }

    [Test]
    public void Brands_are_matched_from_the_watchlist_by_alias_handle_and_hashtag()
    {
        var watchlist = BrandWatchlist.Parse("""{"brands":[{"id":"acme","aliases":["Acme","Acme Mobile"],"handles":["@acme_help"],"hashtags":["#acmephone"]},{"id":"globex","aliases":["Globex"]}]}""");
        var matcher = new BrandMatcher(watchlist);
        var byAlias = Single(Json("1", "I think Acme Mobile is fine"), brands: matcher);
        var byHandle = Single(Json("2", "thanks @acme_help"), brands: matcher);
        var byTag = Single(Json("3", "#AcmePhone rocks, unlike globex"), brands: matcher);
        var none = Single(Json("4", "nothing to see"), brands: matcher);
        Assert.Multiple(() =>
        {
            Assert.That(byAlias.Brands, Is.EqualTo(new[] { "acme" }));
            Assert.That(byHandle.Brands, Is.EqualTo(new[] { "acme" }));
            Assert.That(byTag.Brands, Is.EqualTo(new[] { "acme", "globex" }));
            Assert.That(none.Brands, Is.Empty);
        });
    }

    [Test]
    public void Near_duplicates_point_at_the_first_post_with_the_same_text()
    {
        var decoder = RecordDecoders.Create(Options(), null);
        var text = "Win a free Acme phone today, just follow and share this post!";
        var first = decoder.Decode(Bytes(Json("1", text)), "s").Posts[0];
        var retweet = decoder.Decode(Bytes(Json("2", "RT @promo: " + text)), "s").Posts[0];
        var copy = decoder.Decode(Bytes(Json("3", "@friend WIN a free Acme phone today... just follow AND share this post! https://spam.example/x")), "s").Posts[0];
        var other = decoder.Decode(Bytes(Json("4", "Win a free Globex tablet today, just follow and share this post!")), "s").Posts[0];
        var again = decoder.Decode(Bytes(Json("1", text)), "s").Posts[0];
        var shortOne = decoder.Decode(Bytes(Json("5", "thanks!")), "s").Posts[0];
        var shortTwo = decoder.Decode(Bytes(Json("6", "Thanks!!")), "s").Posts[0];
        Assert.Multiple(() =>
        {
            Assert.That(first.NearDuplicateOf, Is.Null);
            Assert.That(retweet.NearDuplicateOf, Is.EqualTo("1"));
            Assert.That(copy.NearDuplicateOf, Is.EqualTo("1"), "links, mentions, case and punctuation do not make a copy new");
            Assert.That(other.NearDuplicateOf, Is.Null);
            Assert.That(again.NearDuplicateOf, Is.Null, "the same post again is a duplicate, not a near-duplicate of itself");
            Assert.That(shortOne.NearDuplicateOf, Is.Null);
            Assert.That(shortTwo.NearDuplicateOf, Is.Null, "short texts are too common to mean a campaign");
        });
    }

    [Test]
    public void The_near_duplicate_index_stays_bounded()
    {
        var index = new NearDuplicateIndex(capacity: 100, minChars: 5);
        for (var i = 0; i < 1000; i++)
        {
            index.Check($"distinct text number {i} here", "p" + i);
        }

        Assert.Multiple(() =>
        {
            Assert.That(index.Count, Is.LessThanOrEqualTo(100));
            Assert.That(index.Check("distinct text number 999 here", "q"), Is.EqualTo("p999"), "recent texts are remembered");
            Assert.That(index.Check("distinct text number 0 here", "q0"), Is.Null, "the oldest were forgotten");
        });
    }

    [Test]
    public void Source_language_is_kept_and_normalized()
    {
        var post = Single(Json("1", "bonjour", ""","language":"EN-gb" """));
        Assert.That(post.Language, Is.EqualTo("en"));
    }

    private static byte[] Bytes(string s) => System.Text.Encoding.UTF8.GetBytes(s);
}
