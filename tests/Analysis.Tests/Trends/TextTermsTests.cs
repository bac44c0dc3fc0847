using Marketing.Analysis.Trends;
using NUnit.Framework;

namespace Marketing.Analysis.Tests.Trends;

public class TextTermsTests
{
    [Test]
    public void Terms_are_words_and_phrases_without_stop_words_links_mentions_or_hashtags()
    {
        var terms = TextTerms.Terms("The battery drain is awful @acme https://x.co/abc #fail on my phone");
        Assert.That(terms, Is.SupersetOf(new[] { "battery", "drain", "awful", "battery drain", "drain is awful", "phone" }));
        Assert.That(terms, Has.None.Contains("acme").And.None.Contains("fail").And.None.Contains("https").And.None.EqualTo("the"));
        Assert.That(terms, Does.Not.Contain("drain is"), "a phrase does not end with a stop word");
    }

    [Test]
    public void Log_odds_ranks_the_term_that_sets_the_focus_apart()
    {
        var focus = new Dictionary<string, long> { ["outage"] = 40, ["coffee"] = 20, ["morning"] = 10 };
        var baseline = new Dictionary<string, long> { ["outage"] = 2, ["coffee"] = 200, ["morning"] = 100 };
        var top = LogOdds.Score(focus, baseline, focusDocs: 60, baselineDocs: 300, minCount: 3, top: 5);
        Assert.That(top.Select(t => t.Term), Is.EqualTo(new[] { "outage" }));
        Assert.That(top[0].Z, Is.GreaterThan(5));
    }

    [Test]
    public void A_word_inside_a_listed_phrase_of_about_the_same_count_is_collapsed()
    {
        var ranked = new List<TermScore>
        {
            new("battery drain", 30, 0, 3, 9),
            new("battery", 32, 2, 2.5, 8),
            new("screen", 20, 1, 2, 6),
        };
        Assert.That(LogOdds.Collapse(ranked).Select(t => t.Term), Is.EqualTo(new[] { "battery drain", "screen" }));
    }
}
