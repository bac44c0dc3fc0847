using Marketing.Analysis.Topics;
using Marketing.Analysis.Trends;
using Marketing.Synth;
using Marketing.Synth.Catalog;
using NUnit.Framework;

namespace Marketing.Analysis.Tests.Topics;

public class TopicLabelTests
{
    [Test]
    public void A_label_names_what_people_talk_about_not_how_they_feel()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TopicModeler.LabelOf(["awful", "regret", "mobile app", "choosing", "checkout", "delivery"]), Is.EqualTo("mobile app / checkout / delivery"));
            Assert.That(TopicModeler.LabelOf(["mobile", "mobile app", "app", "roaming"]), Is.EqualTo("mobile app / roaming"), "a phrase covers its words");
            Assert.That(TopicModeler.LabelOf(["love", "amazing", "great"]), Is.EqualTo("mood: love / amazing / great"), "a topic of feelings says so");
            Assert.That(TopicModeler.LabelOf([]), Is.Empty);
        });
    }

    [TestCase(3)]
    [TestCase(7)]
    public void Topics_of_a_synthetic_stream_are_named_by_brand_aspects_without_opinion_words(int seed)
    {
        var generator = new SynthGenerator(new SynthOptions { Posts = 20_000, Days = 14, Seed = seed });
        var posts = SynthData.Posts(generator);
        var (model, _) = new TopicModeler(new TopicOptions { Seed = 7 }).Fit(posts, posts.Max(p => p.CreatedAt));

        var labels = model.Topics.Select(t => t.Label).ToList();
        var subjects = labels.Where(l => !l.StartsWith(TopicModeler.MoodPrefix, StringComparison.Ordinal)).ToList();
        var known = SynthCatalog.Brands.SelectMany(b => b.Aspects.SelectMany(a => a.Split(' ')).Concat(b.Brand.Name.Split(' ')).Append(b.Handle).Append(b.Hashtag))
            .Select(w => w.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var why = string.Join(" | ", labels);
        Assert.That(subjects, Has.Count.GreaterThanOrEqualTo(labels.Count * 2 / 3), why);
        Assert.That(subjects.SelectMany(l => l.Split(" / ")), Has.None.Matches<string>(t => OpinionWords.ContainsOpinion(t!)), why);
        // Most subjects are the brands, their handles and hashtags, and their aspects.
        Assert.That(subjects.Count(l => l.Split(" / ").SelectMany(t => t.TrimStart('#').Split(' ')).Any(known.Contains)), Is.GreaterThanOrEqualTo(subjects.Count / 2), why);
    }
}
