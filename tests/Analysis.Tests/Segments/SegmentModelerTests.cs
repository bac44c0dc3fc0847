using Marketing.Analysis.Segments;
using Marketing.Core.Domain;
using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Analysis.Tests.Segments;

public class SegmentModelerTests
{
    // Four audiences: where they live, their reach, and how they feel about acme and globex.
    private static readonly (string Region, long Followers, double Acme, double Globex)[] Audiences =
    [
        ("Paris, FR", 50_000, 0.8, -0.2),
        ("Berlin, DE", 500, -0.7, 0.3),
        ("Austin, US", 5_000, 0.1, 0.9),
        ("Leeds, UK", 50, 0.0, -0.8),
    ];

    private static List<SocialPost> Make(int seed)
    {
        var rng = new Random(seed);
        var posts = new List<SocialPost>();
        for (var a = 0; a < Audiences.Length; a++)
        {
            var aud = Audiences[a];
            for (var u = 0; u < 40; u++)
            {
                for (var k = 0; k < 6; k++)
                {
                    var brand = k % 2 == 0 ? "acme" : "globex";
                    var affinity = brand == "acme" ? aud.Acme : aud.Globex;
                    var r = rng.NextDouble() * 2 - 1;
                    var label = r < affinity - 0.3 ? SentimentLabel.Positive : r > affinity + 0.3 ? SentimentLabel.Negative : SentimentLabel.Neutral;
                    var p = Posts.Make($"a{a}u{u}k{k}", $"{brand} post", Posts.Epoch.AddHours(rng.Next(200)), author: $"a{a}-u{u}", brands: [brand], sentiment: label);
                    p.Author.Location = aud.Region;
                    p.Author.Followers = (long)(aud.Followers * (0.5 + rng.NextDouble()));
                    posts.Add(p);
                }
            }
        }

        return posts;
    }

    [Test]
    public void Segments_recover_the_audiences_and_who_likes_each_brand_most()
    {
        var report = new SegmentModeler().Build(Make(1), k: null, seed: 42);

        Assert.That(report.Segments, Has.Count.EqualTo(4), "one segment per region holding 3% of authors");
        Assert.That(report.Segments.Select(s => s.RegionShare), Is.All.GreaterThan(0.9));
        Assert.That(report.Segments.Select(s => s.Region), Is.EquivalentTo(Audiences.Select(a => a.Region)));
        var byRegion = report.Segments.ToDictionary(s => s.Region, s => s.Id);
        Assert.Multiple(() =>
        {
            Assert.That(report.BrandRanking["acme"][0], Is.EqualTo(byRegion["Paris, FR"]));
            Assert.That(report.BrandRanking["acme"][^1], Is.EqualTo(byRegion["Berlin, DE"]));
            Assert.That(report.BrandRanking["globex"][0], Is.EqualTo(byRegion["Austin, US"]));
            var paris = report.Segments.Single(s => s.Region == "Paris, FR");
            Assert.That(paris.Likes.Select(l => l.Key), Does.Contain("acme"));
            Assert.That(paris.FollowerBand, Is.EqualTo("10k-100k"));
            Assert.That(paris.Description, Does.StartWith("Paris, FR (100%), 10k-100k followers"));
            Assert.That(report.Segments.Single(s => s.Region == "Leeds, UK").Dislikes.Select(l => l.Key), Does.Contain("globex"));
        });
    }

    [Test]
    public void The_same_posts_and_seed_give_the_same_segments()
    {
        var posts = Make(2);
        var a = new SegmentModeler().Build(posts, k: 4, seed: 5);
        var b = new SegmentModeler().Build(posts, k: 4, seed: 5);
        Assert.That(b.Members, Is.EquivalentTo(a.Members));
        Assert.That(b.Segments.Select(s => s.Description), Is.EqualTo(a.Segments.Select(s => s.Description)));
    }
}
