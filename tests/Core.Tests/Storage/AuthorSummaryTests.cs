using Marketing.Core.Domain;
using Marketing.Core.Storage;
using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Core.Tests.Storage;

/// <summary>GetAuthorSummaryAsync (added for reports): distinct authors and top authors by engagement, on both backends.</summary>
[TestFixture(StoreKind.Sqlite)]
[TestFixture(StoreKind.Postgres)]
public sealed class AuthorSummaryTests(StoreKind kind)
{
    private IPostStore _store = null!;

    [SetUp]
    public async Task SetUp()
    {
        _store = await TestStores.OpenNewAsync(kind);
        await _store.UpsertPostsAsync(
        [
            Posts.Make("1", at: Posts.Epoch, author: "ann", brands: ["acme"], sentiment: SentimentLabel.Positive, likes: 10),
            Posts.Make("2", at: Posts.Epoch.AddHours(1), author: "ann", brands: ["acme"], sentiment: SentimentLabel.Negative, likes: 10),
            Posts.Make("3", at: Posts.Epoch.AddHours(2), author: "bob", brands: ["globex"], sentiment: SentimentLabel.Positive, likes: 100),
            Posts.Make("4", at: Posts.Epoch.AddHours(3), author: "cid", brands: ["acme"], likes: 0),
            Posts.Make("5", at: Posts.Epoch.AddDays(2), author: "dan", brands: ["acme"], likes: 1000),
        ]);
    }

    [TearDown]
    public async Task TearDown()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    private static TimeRange FirstDay => new(Posts.Epoch, Posts.Epoch.AddDays(1));

    [Test]
    public async Task Authors_in_the_range_are_counted_once_and_ranked_by_engagement()
    {
        var summary = await _store.GetAuthorSummaryAsync(FirstDay, 10);

        Assert.That(summary.DistinctAuthors, Is.EqualTo(3), "dan posted outside the range");
        Assert.That(summary.Top.Select(a => a.AuthorId), Is.EqualTo(new[] { "bob", "ann", "cid" }));
        var ann = summary.Top.Single(a => a.AuthorId == "ann");
        // Posts.Make adds 1 share and 2 replies to every post.
        Assert.That((ann.Posts, ann.Engagement, ann.Positive, ann.Negative, ann.Scored, ann.Handle), Is.EqualTo((2L, 26L, 1L, 1L, 2L, "ann_h")));
        Assert.That(summary.Top.Single(a => a.AuthorId == "cid").Scored, Is.EqualTo(0));
    }

    [Test]
    public async Task A_brand_restricts_the_authors_to_those_who_mentioned_it()
    {
        var summary = await _store.GetAuthorSummaryAsync(FirstDay, 10, "ACME");

        Assert.That(summary.DistinctAuthors, Is.EqualTo(2));
        Assert.That(summary.Top.Select(a => a.AuthorId), Is.EqualTo(new[] { "ann", "cid" }));
    }

    [Test]
    public async Task Top_zero_counts_authors_without_listing_them()
    {
        var summary = await _store.GetAuthorSummaryAsync(FirstDay, 0);

        Assert.That((summary.DistinctAuthors, summary.Top.Count), Is.EqualTo((3L, 0)));
    }
}
