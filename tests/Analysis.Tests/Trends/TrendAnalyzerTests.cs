using Marketing.Analysis.Trends;
using Marketing.Core.Domain;
using Marketing.Core.Storage;
using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Analysis.Tests.Trends;

/// <summary>End to end on a real SQLite store: two brands for 14 days and one injected incident.</summary>
public class TrendAnalyzerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
    private const int SpikeHour = 250;
    private IPostStore _store = null!;

    private static readonly string[] Chatter =
    [
        "loving my morning coffee with the new app", "the store was busy but staff were friendly", "price seems fair for what you get",
        "delivery came on time again", "not sure about the latest update", "great weekend deal on headphones", "customer service answered quickly",
    ];

    [OneTimeSetUp]
    public async Task Fill()
    {
        _store = await TestStores.OpenNewAsync(StoreKind.Sqlite);
        var rng = new Random(42);
        var posts = new List<SocialPost>();
        var id = 0;
        for (var h = 0; h < 14 * 24; h++)
        {
            foreach (var brand in new[] { "acme", "globex" })
            {
                var n = (int)SyntheticCounts.Draw(rng, 8);
                for (var k = 0; k < n; k++)
                {
                    var label = rng.NextDouble() < 0.2 ? SentimentLabel.Negative : rng.NextDouble() < 0.5 ? SentimentLabel.Positive : SentimentLabel.Neutral;
                    posts.Add(Posts.Make("p" + id++, $"{brand} {Chatter[rng.Next(Chatter.Length)]}", Start.AddHours(h).AddMinutes(rng.Next(60)),
                        author: "u" + rng.Next(400), brands: [brand], sentiment: label, likes: rng.Next(20)));
                }
            }

            if (h is >= SpikeHour - 1 and <= SpikeHour + 1)
            {
                var extra = h == SpikeHour ? 70 : 25;
                for (var k = 0; k < extra; k++)
                {
                    posts.Add(Posts.Make("p" + id++, "acme battery explosion reported, phone caught fire #acmefire", Start.AddHours(h).AddMinutes(rng.Next(60)),
                        author: "w" + rng.Next(300), brands: ["acme"], sentiment: SentimentLabel.Negative, hashtags: ["acmefire"], likes: 50 + k));
                }
            }
        }

        await _store.UpsertPostsAsync(posts);
    }

    [OneTimeTearDown]
    public async Task Close() => await _store.DisposeAsync();

    private Task<TrendReport> Run(TrendQuery? q = null) => TrendAnalyzer.AnalyzeAsync(_store, q ?? new TrendQuery
    {
        MinHashtagCount = 10,
        Competitors = new Dictionary<string, IReadOnlyList<string>> { ["acme"] = ["globex"] },
    });

    [Test]
    public async Task The_incident_is_one_brand_burst_at_its_peak_hour_explained_by_its_terms_hashtag_and_sentiment()
    {
        var report = await Run();
        var brandBursts = report.Bursts.Where(b => b.SeriesKind == "brand").ToList();
        Assert.That(brandBursts, Has.Count.EqualTo(1));
        var b = brandBursts[0];
        Assert.Multiple(() =>
        {
            Assert.That(b.Key, Is.EqualTo("acme"));
            Assert.That(b.Peak, Is.EqualTo(Start.AddHours(SpikeHour)));
            Assert.That(b.TopTerms.Select(t => t.Term), Has.Some.Contains("battery explosion"));
            Assert.That(b.TopHashtags.Select(t => t.Term), Does.Contain("#acmefire"));
            Assert.That(b.Sentiment!.Verdict, Is.EqualTo("more negative"));
            Assert.That(b.SamplePostIds, Has.Count.EqualTo(5));
            Assert.That(b.ExplanationSource, Is.EqualTo(TrendExplainer.OfflineSource));
            Assert.That(b.Explanation, Does.Contain("acme").And.Contain("#acmefire"));
        });
        Assert.That(report.Bursts.Where(x => x.SeriesKind == "hashtag").Select(x => x.Key), Is.EqualTo(new[] { "acmefire" }).Or.Empty,
            "the hashtag is new, so it is reported as new rather than as a burst");
        Assert.That(report.NewSeries.Select(n => n.Key), Does.Contain("acmefire"));
    }

    [Test]
    public async Task Series_share_of_voice_and_authors_are_reported()
    {
        var report = await Run();
        var acme = report.Series.Single(s => s is { Kind: "brand", Key: "acme" });
        Assert.Multiple(() =>
        {
            Assert.That(acme.Points, Has.Count.EqualTo(14 * 24));
            Assert.That(acme.Points[SpikeHour].Volume, Is.GreaterThan(70));
            Assert.That(acme.Points.Sum(p => p.Negative), Is.GreaterThan(0));
            var sov = report.ShareOfVoice.Single();
            Assert.That(sov.Group, Is.EqualTo(new[] { "acme", "globex" }));
            Assert.That(sov.Overall["acme"] + sov.Overall["globex"], Is.EqualTo(1).Within(1e-3));
            Assert.That(sov.Shares[SpikeHour].Shares["acme"], Is.GreaterThan(0.8));
            Assert.That(report.TopAuthors, Is.Not.Empty);
            Assert.That(report.TopAuthors.Select(a => a.Influence), Is.Ordered.Descending);
        });
    }

    [Test]
    public async Task Daily_buckets_in_a_time_zone_keep_every_post()
    {
        var hourly = await Run(new TrendQuery { Bucket = BucketSize.Hour, MaxHashtags = 0 });
        var daily = await Run(new TrendQuery { Bucket = BucketSize.Day, TimeZone = "America/New_York", MaxHashtags = 0 });
        Assert.That(daily.Series.Where(s => s.Kind == "brand").Sum(s => s.Total), Is.EqualTo(hourly.Series.Where(s => s.Kind == "brand").Sum(s => s.Total)));
        // The window starts 2026-11-02 00:00Z = Nov 1 19:00 in New York, whose local midnight was still EDT (the clocks went back at 02:00).
        Assert.That(daily.Series[0].Points[0].Start, Is.EqualTo(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(-4))));
        Assert.That(daily.Series[0].Points[1].Start.Offset, Is.EqualTo(TimeSpan.FromHours(-5)));
    }

    [Test]
    public async Task A_term_gets_its_own_series()
    {
        var report = await Run(new TrendQuery { Terms = ["explosion"], MaxHashtags = 0 });
        var term = report.Series.Single(s => s.Kind == "term");
        Assert.That(term.Total, Is.EqualTo(120));
        Assert.That(report.Bursts.Any(b => b is { SeriesKind: "term", Key: "explosion" }) || report.NewSeries.Any(n => n.Key == "explosion"), Is.True);
    }

    [Test]
    public async Task The_saved_report_is_the_latest_run()
    {
        var analyzer = new TrendAnalyzer(_store);
        var report = await analyzer.AnalyzeAsync(new TrendQuery { MinHashtagCount = 10 });
        await analyzer.SaveAsync(report);
        var loaded = await TrendAnalyzer.LoadLatestAsync(_store);
        Assert.That(loaded, Is.Not.Null);
        Assert.That(loaded!.Bursts.Select(b => b.Id), Is.EqualTo(report.Bursts.Select(b => b.Id)));
        Assert.That(loaded.Series.All(s => s.Kind == "brand"), Is.True);
        var burst = report.Bursts.First(b => b.ExplanationSource is not null);
        Assert.That(await _store.GetArtifactAsync(TrendAnalyzer.BurstKind, burst.Id), Does.Contain(burst.Key));
    }
}
