using Marketing.Analysis.Topics;
using Marketing.Core.Domain;
using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Analysis.Tests.Topics;

public class TopicModelerTests
{
    private static readonly string[][] Themes =
    [
        ["coffee", "espresso", "latte", "barista", "beans", "roast", "cappuccino", "mug"],
        ["battery", "charger", "phone", "screen", "cable", "charging", "usb", "drains"],
        ["football", "goal", "match", "striker", "referee", "league", "penalty", "stadium"],
        ["pizza", "oven", "cheese", "crust", "dough", "pepperoni", "slice", "mozzarella"],
    ];

    private static readonly string[] Filler = ["honestly", "today", "again", "pretty", "thing", "guess", "really", "lately"];

    /// <summary>Posts drawn from the given themes: four theme words and two filler words each.</summary>
    private static List<SocialPost> Make(int perTheme, int seed, string prefix, params int[] themes)
    {
        var rng = new Random(seed);
        var posts = new List<SocialPost>();
        foreach (var t in themes)
        {
            for (var i = 0; i < perTheme; i++)
            {
                var words = Enumerable.Range(0, 4).Select(_ => Themes[t][rng.Next(Themes[t].Length)])
                    .Concat(Enumerable.Range(0, 2).Select(_ => Filler[rng.Next(Filler.Length)]));
                posts.Add(Posts.Make($"{prefix}{t}-{i}", string.Join(' ', words.OrderBy(_ => rng.Next())), Posts.Epoch.AddMinutes(rng.Next(60 * 24 * 7))));
            }
        }

        return posts;
    }

    private static int ThemeOf(string postKey) => int.Parse(postKey.Split('/')[1].Split('-')[0][1..], System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public void Same_posts_and_seed_give_identical_topic_ids_terms_and_assignments()
    {
        var posts = Make(80, 1, "a", 0, 1, 2);
        var options = new TopicOptions { K = 3, Seed = 7 };
        var (m1, a1) = new TopicModeler(options).Fit(posts, Posts.Epoch);
        var (m2, a2) = new TopicModeler(options).Fit(posts.AsEnumerable().Reverse().ToList(), Posts.Epoch);

        Assert.That(m2.Topics.Select(t => (t.Id, string.Join(",", t.Terms), t.Size)), Is.EqualTo(m1.Topics.Select(t => (t.Id, string.Join(",", t.Terms), t.Size))));
        Assert.That(a2.TopicOf, Is.EquivalentTo(a1.TopicOf));
    }

    [Test]
    public void Topics_separate_distinct_themes_and_are_labelled_by_their_words()
    {
        var posts = Make(80, 2, "a", 0, 1, 2);
        var (model, assignment) = new TopicModeler(new TopicOptions { K = 3, Seed = 7 }).Fit(posts, Posts.Epoch);

        Assert.That(model.Topics.Select(t => t.Id), Is.EqualTo(new[] { "t01", "t02", "t03" }));
        foreach (var topic in model.Topics)
        {
            var members = assignment.TopicOf.Where(kv => kv.Value == topic.Id).Select(kv => ThemeOf(kv.Key)).ToList();
            var theme = members.GroupBy(x => x).MaxBy(g => g.Count())!.Key;
            Assert.That(members.Count(x => x == theme) / (double)members.Count, Is.GreaterThan(0.95), $"purity of {topic.Id}");
            Assert.That(topic.Terms.Take(5), Is.SubsetOf(Themes[theme].Concat(Themes[theme].SelectMany(a => Themes[theme].Select(b => a + " " + b)))));
        }
    }

    [Test]
    public void New_posts_go_to_existing_topics_before_new_topics_are_made()
    {
        var modeler = new TopicModeler(new TopicOptions { K = 3, Seed = 7 });
        var (model, _) = modeler.Fit(Make(80, 3, "a", 0, 1, 2), Posts.Epoch);
        var before = model.Topics.ToDictionary(t => t.Id, t => string.Join(",", t.Terms));

        var same = modeler.Update(model, Make(40, 4, "b", 0, 1, 2), Posts.Epoch.AddDays(8));
        Assert.That(same.NewTopicIds, Is.Empty);
        Assert.That(same.Unassigned, Is.LessThan(5));
        Assert.That(model.Topics, Has.Count.EqualTo(3));

        var fresh = modeler.Update(model, Make(60, 5, "c", 3).Concat(Make(20, 6, "d", 1)).ToList(), Posts.Epoch.AddDays(9));
        Assert.That(fresh.NewTopicIds, Is.EqualTo(new[] { "t04" }));
        Assert.That(model.Topics.Take(3).ToDictionary(t => t.Id, t => string.Join(",", t.Terms)), Is.EqualTo(before), "existing topics keep ids and terms");
        Assert.That(model.Topics[3].Terms.Take(3), Is.SubsetOf(Themes[3].Concat(Themes[3].SelectMany(a => Themes[3].Select(b => a + " " + b)))));
        var phonePosts = fresh.TopicOf.Where(kv => kv.Key.StartsWith("x/d", StringComparison.Ordinal)).Select(kv => kv.Value).Distinct().ToList();
        Assert.That(phonePosts, Has.Count.EqualTo(1).And.None.EqualTo("t04"), "phone posts join the existing phone topic");
    }
}
