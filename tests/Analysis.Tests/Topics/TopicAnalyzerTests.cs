using Marketing.Analysis.Topics;
using Marketing.Core.Domain;
using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Analysis.Tests.Topics;

public class TopicAnalyzerTests
{
    [Test]
    public async Task The_saved_model_keeps_topic_ids_across_runs_and_topics_are_tracked_over_time()
    {
        await using var store = await TestStores.OpenNewAsync(StoreKind.Sqlite);
        var rng = new Random(3);
        string[][] themes =
        [
            ["coffee", "espresso", "latte", "barista", "roast", "beans", "mug", "cappuccino"],
            ["battery", "charger", "phone", "screen", "cable", "usb", "charging", "drains"],
        ];
        var posts = Enumerable.Range(0, 400).Select(i =>
        {
            var t = themes[i % 2];
            var text = string.Join(' ', Enumerable.Range(0, 4).Select(_ => t[rng.Next(t.Length)]));
            return Posts.Make("p" + i, text, Posts.Epoch.AddHours(i / 4.0), sentiment: i % 3 == 0 ? SentimentLabel.Negative : SentimentLabel.Positive);
        }).ToList();
        await store.UpsertPostsAsync(posts);

        var analyzer = new TopicAnalyzer(store);
        var first = await analyzer.RunAsync(new TopicQuery { Options = new TopicOptions { K = 2 } });
        var second = await analyzer.RunAsync(new TopicQuery { Options = new TopicOptions { K = 2 } });

        Assert.Multiple(() =>
        {
            Assert.That(first.Mode, Is.EqualTo("fit"));
            Assert.That(second.Mode, Is.EqualTo("update"));
            Assert.That(second.Topics.Select(t => (t.Id, t.Posts)), Is.EquivalentTo(first.Topics.Select(t => (t.Id, t.Posts))));
            Assert.That(first.Topics.Sum(t => t.Posts), Is.EqualTo(400));
            Assert.That(first.Series.Select(s => s.Kind), Is.All.EqualTo("topic"));
            Assert.That(first.Series.Sum(s => s.Total), Is.EqualTo(400));
            Assert.That(first.Topics.Select(t => t.ExplanationSource), Is.All.EqualTo("offline-template"));
        });
        Assert.That(await TopicAnalyzer.LoadLatestAsync(store), Is.Not.Null);
    }
}
