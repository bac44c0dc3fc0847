using Marketing.Core.Domain;
using Marketing.Core.Storage;
using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Core.Tests.Storage;

/// <summary>One storage suite, run on both backends.</summary>
[TestFixture(StoreKind.Sqlite)]
[TestFixture(StoreKind.Postgres)]
public sealed class PostStoreTests(StoreKind kind)
{
    private IPostStore _store = null!;

    [SetUp]
    public async Task SetUp() => _store = await TestStores.OpenNewAsync(kind);

    [TearDown]
    public async Task TearDown()
    {
        // SetUp may have skipped the test before a store was opened.
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    [Test]
    public async Task Migrations_apply_on_open_and_are_idempotent()
    {
        var store = (DapperPostStore)_store;
        Assert.That(await store.GetSchemaVersionAsync(), Is.EqualTo(DapperPostStore.LatestSchemaVersion));
        Assert.That(_store.Backend, Is.EqualTo(kind == StoreKind.Sqlite ? "sqlite" : "postgres"));
    }

    [Test]
    public async Task Upserting_the_same_posts_twice_changes_neither_count_nor_content()
    {
        var posts = Posts.Many(50, ["acme"]);
        var first = await _store.UpsertPostsAsync(posts);
        var before = await _store.FindPostsAsync(new PostQuery { Limit = 100 });
        var second = await _store.UpsertPostsAsync(Posts.Many(50, ["acme"]));
        var after = await _store.FindPostsAsync(new PostQuery { Limit = 100 });

        Assert.That(first, Is.EqualTo(new UpsertResult(50, 0)));
        Assert.That(second, Is.EqualTo(new UpsertResult(0, 50)));
        Assert.That((await _store.GetStatsAsync()).Posts, Is.EqualTo(50));
        Assert.That(Describe(after), Is.EqualTo(Describe(before)));
    }

    [Test]
    public async Task A_batch_holding_the_same_post_twice_stores_it_once_with_the_last_copy()
    {
        var a = Posts.Make("dup", "first text");
        var b = Posts.Make("dup", "second text");
        var result = await _store.UpsertPostsAsync([a, b, Posts.Make("other")]);

        Assert.That(result, Is.EqualTo(new UpsertResult(2, 1)));
        Assert.That((await _store.GetPostAsync("x", "dup"))!.Text, Is.EqualTo("second text"));
    }

    [Test]
    public async Task Same_id_on_two_platforms_is_two_posts()
    {
        await _store.UpsertPostsAsync([Posts.Make("1", platform: "x"), Posts.Make("1", platform: "reddit")]);
        Assert.That((await _store.GetStatsAsync()).Posts, Is.EqualTo(2));
    }

    [Test]
    public async Task Every_field_round_trips_including_offset_and_analysis_results()
    {
        var post = new SocialPost
        {
            Platform = "x",
            PostId = "42",
            Author = new Author { Id = "u1", Handle = "ann", DisplayName = "Ann Ö", Followers = 12345, Location = "Lyon", Verified = true },
            Text = "Ünïcode ✓ 🚀 it's \"quoted\" ; DROP TABLE posts; --",
            Language = "fr",
            CreatedAt = new DateTimeOffset(2015, 2, 24, 11, 35, 52, TimeSpan.FromHours(-8)),
            Engagement = new Engagement { Likes = 1, Shares = 2, Replies = 3, Views = 4 },
            Url = "https://x.com/ann/status/42",
            Hashtags = ["launch", "acme"],
            Mentions = ["acme"],
            Links = ["https://acme.example/p?a=1&b=2"],
            ReplyToId = "41",
            QuoteOfId = "40",
            RepostOfId = "39",
            Brands = ["acme", "globex"],
            Campaign = "spring",
            NearDuplicateOf = "38",
            Sentiment = new SentimentResult(SentimentLabel.Positive, 0.1f, 0.2f, 0.7f, "model", "abc123"),
            BrandSentiments = [new BrandSentiment("acme", SentimentLabel.Positive, 0.6f), new BrandSentiment("globex", SentimentLabel.Negative, -0.5f)],
            Source = "file.jsonl:1",
        };
        await _store.UpsertPostsAsync([post]);
        var back = (await _store.GetPostAsync("x", "42"))!;

        Assert.Multiple(() =>
        {
            Assert.That(back.Text, Is.EqualTo(post.Text));
            Assert.That(back.CreatedAt, Is.EqualTo(post.CreatedAt));
            Assert.That(back.CreatedAt.Offset, Is.EqualTo(TimeSpan.FromHours(-8)));
            Assert.That(back.Author.DisplayName, Is.EqualTo("Ann Ö"));
            Assert.That(back.Author.Verified, Is.True);
            Assert.That(back.Author.Followers, Is.EqualTo(12345));
            Assert.That(back.Engagement.Views, Is.EqualTo(4));
            Assert.That(back.Hashtags, Is.EqualTo(post.Hashtags));
            Assert.That(back.Links, Is.EqualTo(post.Links));
            Assert.That(back.Brands, Is.EqualTo(post.Brands));
            Assert.That(back.ReplyToId, Is.EqualTo("41"));
            Assert.That(back.QuoteOfId, Is.EqualTo("40"));
            Assert.That(back.RepostOfId, Is.EqualTo("39"));
            Assert.That(back.Campaign, Is.EqualTo("spring"));
            Assert.That(back.NearDuplicateOf, Is.EqualTo("38"));
            Assert.That(back.Sentiment!.Label, Is.EqualTo(SentimentLabel.Positive));
            Assert.That(back.Sentiment.Positive, Is.EqualTo(0.7f).Within(1e-6));
            Assert.That(back.Sentiment.ModelVersion, Is.EqualTo("abc123"));
            Assert.That(back.BrandSentiments, Has.Count.EqualTo(2));
            Assert.That(back.BrandSentiments[1], Is.EqualTo(new BrandSentiment("globex", SentimentLabel.Negative, -0.5f)));
        });
    }

    [Test]
    public async Task Optional_fields_that_alternate_between_set_and_unset_within_a_batch_are_stored_row_by_row()
    {
        // Rows of one batch in turn with and without each optional field: the bulk path keeps bindings between rows
        // (and skips binding a NULL already in place), so a value of one row must never leak into the next.
        SocialPost Make(int i, bool set) => new()
        {
            Platform = "x",
            PostId = "alt" + i,
            Author = new Author { Id = "u" + i, Handle = set ? "h" + i : null, DisplayName = set ? "Name " + i : null, Location = set ? "Lyon" : null },
            Text = "alternating " + i,
            Language = set ? "fr" : null,
            CreatedAt = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i),
            Url = set ? "https://x.com/s/" + i : null,
            Hashtags = set ? ["t" + i] : [],
            Mentions = set ? ["m" + i] : [],
            Links = set ? ["https://l.example/" + i] : [],
            ReplyToId = set ? "r" + i : null,
            QuoteOfId = set ? "q" + i : null,
            RepostOfId = set ? "p" + i : null,
            Brands = set ? ["acme", "globex"] : [],
            Campaign = set ? "c" + i : null,
            NearDuplicateOf = set ? "n" + i : null,
            Sentiment = set ? new SentimentResult(SentimentLabel.Negative, 0.7f, 0.2f, 0.1f, "model", "v" + i) : null,
            BrandSentiments = set ? [new BrandSentiment("acme", SentimentLabel.Negative, -0.4f)] : [],
            Source = set ? "f.jsonl:" + i : null,
        };

        var posts = Enumerable.Range(0, 40).Select(i => Make(i, set: (i / (1 + i % 3)) % 2 == 0)).ToList();
        Assert.That(await _store.UpsertPostsAsync(posts), Is.EqualTo(new UpsertResult(40, 0)));
        Assert.That(await _store.UpsertPostsAsync(posts), Is.EqualTo(new UpsertResult(0, 40)));

        foreach (var expected in posts)
        {
            var back = (await _store.GetPostAsync("x", expected.PostId))!;
            Assert.Multiple(() =>
            {
                Assert.That(back.Author.Handle, Is.EqualTo(expected.Author.Handle), expected.PostId);
                Assert.That(back.Author.DisplayName, Is.EqualTo(expected.Author.DisplayName), expected.PostId);
                Assert.That(back.Author.Location, Is.EqualTo(expected.Author.Location), expected.PostId);
                Assert.That(back.Language, Is.EqualTo(expected.Language), expected.PostId);
                Assert.That(back.Url, Is.EqualTo(expected.Url), expected.PostId);
                Assert.That(back.Hashtags, Is.EqualTo(expected.Hashtags), expected.PostId);
                Assert.That(back.Mentions, Is.EqualTo(expected.Mentions), expected.PostId);
                Assert.That(back.Links, Is.EqualTo(expected.Links), expected.PostId);
                Assert.That((back.ReplyToId, back.QuoteOfId, back.RepostOfId), Is.EqualTo((expected.ReplyToId, expected.QuoteOfId, expected.RepostOfId)), expected.PostId);
                Assert.That(back.Brands, Is.EqualTo(expected.Brands), expected.PostId);
                Assert.That(back.Campaign, Is.EqualTo(expected.Campaign), expected.PostId);
                Assert.That(back.NearDuplicateOf, Is.EqualTo(expected.NearDuplicateOf), expected.PostId);
                Assert.That(back.Sentiment?.ModelVersion, Is.EqualTo(expected.Sentiment?.ModelVersion), expected.PostId);
                Assert.That(back.BrandSentiments.Select(b => b.Brand), Is.EqualTo(expected.BrandSentiments.Select(b => b.Brand)), expected.PostId);
                Assert.That(back.Source, Is.EqualTo(expected.Source), expected.PostId);
            });
        }
    }

    [Test]
    public async Task A_repeat_without_sentiment_keeps_the_stored_sentiment()
    {
        await _store.UpsertPostsAsync([Posts.Make("s1", brands: ["acme"], sentiment: SentimentLabel.Negative)]);
        await _store.UpsertPostsAsync([Posts.Make("s1", brands: ["acme"])]);

        Assert.That((await _store.GetPostAsync("x", "s1"))!.Sentiment!.Label, Is.EqualTo(SentimentLabel.Negative));
        var buckets = await _store.GetBrandBucketsAsync(TimeRange.All, TimeSpan.FromDays(1));
        Assert.That(buckets.Single().Negative, Is.EqualTo(1));
    }

    [Test]
    public async Task A_changed_repeat_updates_the_row_and_moves_its_brand_links()
    {
        await _store.UpsertPostsAsync([Posts.Make("c1", "old text", brands: ["acme"], sentiment: SentimentLabel.Negative, likes: 1)]);
        await _store.UpsertPostsAsync([Posts.Make("c2", "untouched", brands: ["acme"])]);
        var result = await _store.UpsertPostsAsync([Posts.Make("c1", "new text", brands: ["globex"], likes: 10), Posts.Make("c2", "untouched", brands: ["acme"])]);

        var back = (await _store.GetPostAsync("x", "c1"))!;
        var buckets = await _store.GetBrandBucketsAsync(TimeRange.All, TimeSpan.FromDays(1));
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(new UpsertResult(0, 2)));
            Assert.That((back.Text, back.Engagement.Likes), Is.EqualTo(("new text", 10L)));
            Assert.That(back.Brands, Is.EqualTo(new[] { "globex" }));
            Assert.That(back.Sentiment!.Label, Is.EqualTo(SentimentLabel.Negative), "a copy without sentiment keeps the stored one");
            Assert.That(buckets.Select(b => (b.Brand, b.Volume, b.Engagement)), Is.EquivalentTo(new[] { ("acme", 1L, 3L), ("globex", 1L, 13L) }), "c1 left acme for globex; c2 is unchanged");
        });
    }

    [Test]
    public async Task A_brand_named_twice_or_in_second_place_is_counted_once_per_post()
    {
        await _store.UpsertPostsAsync([Posts.Make("d1", brands: ["acme", "acme"]), Posts.Make("d2", brands: ["globex", "acme", "globex"])]);

        var buckets = await _store.GetBrandBucketsAsync(TimeRange.All, TimeSpan.FromDays(1));
        Assert.That(buckets.Select(b => (b.Brand, b.Volume)), Is.EquivalentTo(new[] { ("acme", 2L), ("globex", 1L) }));
        Assert.That((await _store.FindPostsAsync(new PostQuery { Brand = "acme" })).Select(p => p.PostId), Is.EquivalentTo(new[] { "d1", "d2" }));
        Assert.That((await _store.GetStatsAsync()).Brands, Is.EqualTo(2));
    }

    [Test]
    public async Task Update_sentiment_changes_posts_and_brand_buckets()
    {
        var post = Posts.Make("u1", brands: ["acme"]);
        await _store.UpsertPostsAsync([post]);
        post.Sentiment = new SentimentResult(SentimentLabel.Positive, 0, 0.1f, 0.9f, "model", "v2");
        await _store.UpdateSentimentAsync([post]);

        Assert.That((await _store.GetPostAsync("x", "u1"))!.Sentiment!.ModelVersion, Is.EqualTo("v2"));
        Assert.That((await _store.GetBrandBucketsAsync(TimeRange.All, TimeSpan.FromHours(1))).Single().Positive, Is.EqualTo(1));
        Assert.That((await _store.GetStatsAsync()).Scored, Is.EqualTo(1));
    }

    [Test]
    public async Task Update_sentiment_changes_only_the_brand_links_the_copy_names()
    {
        await _store.UpsertPostsAsync([Posts.Make("u2", brands: ["acme"], sentiment: SentimentLabel.Positive)]);
        var other = Posts.Make("u2", brands: ["globex"], sentiment: SentimentLabel.Negative);
        await _store.UpdateSentimentAsync([other]);

        var bucket = (await _store.GetBrandBucketsAsync(TimeRange.All, TimeSpan.FromDays(1))).Single();
        Assert.That((bucket.Brand, bucket.Positive, bucket.Negative), Is.EqualTo(("acme", 1L, 0L)));
        Assert.That((await _store.GetPostAsync("x", "u2"))!.Sentiment!.Label, Is.EqualTo(SentimentLabel.Negative));
    }

    [Test]
    public async Task Find_filters_by_brand_sentiment_time_and_every_word_of_the_text()
    {
        await _store.UpsertPostsAsync(
        [
            Posts.Make("1", "Acme battery died again", Posts.Epoch, brands: ["acme"], sentiment: SentimentLabel.Negative),
            Posts.Make("2", "love the acme battery", Posts.Epoch.AddDays(1), brands: ["acme"], sentiment: SentimentLabel.Positive),
            Posts.Make("3", "globex battery died", Posts.Epoch.AddDays(2), brands: ["globex"], sentiment: SentimentLabel.Negative),
            Posts.Make("4", "100% off_sale", Posts.Epoch.AddDays(3)),
        ]);

        Assert.Multiple(async () =>
        {
            Assert.That(Ids(await _store.FindPostsAsync(new PostQuery { Brand = "ACME" })), Is.EqualTo(new[] { "2", "1" }));
            Assert.That(Ids(await _store.FindPostsAsync(new PostQuery { Sentiment = SentimentLabel.Negative })), Is.EqualTo(new[] { "3", "1" }));
            Assert.That(Ids(await _store.FindPostsAsync(new PostQuery { Text = "BATTERY died" })), Is.EqualTo(new[] { "3", "1" }));
            Assert.That(Ids(await _store.FindPostsAsync(new PostQuery { Since = Posts.Epoch.AddDays(1), Until = Posts.Epoch.AddDays(3) })), Is.EqualTo(new[] { "3", "2" }));
            Assert.That(Ids(await _store.FindPostsAsync(new PostQuery { Sentiment = SentimentLabel.Unscored })), Is.EqualTo(new[] { "4" }));
            // LIKE metacharacters in the search are literal.
            Assert.That(Ids(await _store.FindPostsAsync(new PostQuery { Text = "0%" })), Is.EqualTo(new[] { "4" }));
            Assert.That(Ids(await _store.FindPostsAsync(new PostQuery { Text = "f_s" })), Is.EqualTo(new[] { "4" }));
            Assert.That(Ids(await _store.FindPostsAsync(new PostQuery { Text = "%" })), Is.EqualTo(new[] { "4" }));
        });
    }

    [Test]
    public async Task Sql_metacharacters_in_values_are_data_not_code()
    {
        var evil = "x'); DROP TABLE posts; --";
        await _store.UpsertPostsAsync([Posts.Make(evil, evil, brands: ["o'brien"])]);
        var found = await _store.FindPostsAsync(new PostQuery { Brand = "o'brien", Text = "DROP TABLE" });

        Assert.That(Ids(found), Is.EqualTo(new[] { evil }));
        Assert.That((await _store.GetStatsAsync()).Posts, Is.EqualTo(1));
    }

    [Test]
    public async Task Stream_pages_through_every_post_in_time_order()
    {
        var posts = Enumerable.Range(0, 12_345).Select(i => Posts.Make("s" + i, at: Posts.Epoch.AddSeconds(i / 3))).ToList();
        await _store.UpsertPostsAsync(posts);
        var seen = new List<string>();
        await foreach (var p in _store.StreamPostsAsync(new PostQuery { Limit = 0 }))
        {
            seen.Add(p.PostId);
        }

        Assert.That(seen, Has.Count.EqualTo(12_345));
        Assert.That(seen.Distinct().Count(), Is.EqualTo(12_345));
    }

    [Test]
    public async Task Stream_over_a_time_range_pages_through_every_post_of_it_once_across_tied_times()
    {
        // Three posts a second: page boundaries fall inside runs of equal times.
        var posts = Enumerable.Range(0, 12_345).Select(i => Posts.Make("r" + i, at: Posts.Epoch.AddSeconds(i / 3))).ToList();
        await _store.UpsertPostsAsync(posts);
        var (since, until) = (Posts.Epoch.AddSeconds(100), Posts.Epoch.AddSeconds(4000));
        var seen = new List<SocialPost>();
        await foreach (var p in _store.StreamPostsAsync(new PostQuery { Since = since, Until = until, Limit = 0 }))
        {
            seen.Add(p);
        }

        var expected = posts.Where(p => p.CreatedAt >= since && p.CreatedAt < until).Select(p => p.PostId).Order(StringComparer.Ordinal).ToList();
        Assert.That(seen.Select(p => p.PostId).Order(StringComparer.Ordinal), Is.EqualTo(expected));
        Assert.That(seen.Select(p => p.CreatedAt), Is.Ordered);
    }

    [Test]
    public async Task Brand_buckets_count_volume_sentiment_and_engagement_per_hour_day_and_week()
    {
        var t0 = new DateTimeOffset(2026, 11, 2, 10, 15, 0, TimeSpan.Zero); // a Monday
        await _store.UpsertPostsAsync(
        [
            Posts.Make("1", at: t0, brands: ["acme"], sentiment: SentimentLabel.Positive, likes: 10),
            Posts.Make("2", at: t0.AddMinutes(30), brands: ["acme", "globex"], sentiment: SentimentLabel.Negative, likes: 0),
            Posts.Make("3", at: t0.AddHours(1), brands: ["acme"]),
            Posts.Make("4", at: t0.AddDays(7), brands: ["acme"], sentiment: SentimentLabel.Neutral),
        ]);

        var hourly = await _store.GetBrandBucketsAsync(TimeRange.All, TimeSpan.FromHours(1), "acme");
        Assert.That(hourly.Select(b => (b.Start, b.Volume, b.Positive, b.Negative, b.Neutral)), Is.EqualTo(new[]
        {
            (new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero), 2L, 1L, 1L, 0L),
            (new DateTimeOffset(2026, 11, 2, 11, 0, 0, TimeSpan.Zero), 1L, 0L, 0L, 0L),
            (new DateTimeOffset(2026, 11, 9, 10, 0, 0, TimeSpan.Zero), 1L, 0L, 0L, 1L),
        }));
        Assert.That(hourly[0].Engagement, Is.EqualTo(10 + 3 + 0 + 3));

        var weekly = await _store.GetBrandBucketsAsync(TimeRange.All, TimeSpan.FromDays(7));
        Assert.That(weekly.Select(b => (b.Start, b.Brand, b.Volume)), Is.EqualTo(new[]
        {
            (new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero), "acme", 3L),
            (new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero), "globex", 1L),
            (new DateTimeOffset(2026, 11, 9, 0, 0, 0, TimeSpan.Zero), "acme", 1L),
        }));

        var inRange = await _store.GetBrandBucketsAsync(new TimeRange(t0, t0.AddHours(1)), TimeSpan.FromDays(1), "acme");
        Assert.That(inRange.Single().Volume, Is.EqualTo(2));
    }

    [Test]
    public async Task Hashtag_buckets_keep_tags_used_often_enough()
    {
        await _store.UpsertPostsAsync(
        [
            Posts.Make("1", hashtags: ["Launch", "acme"]),
            Posts.Make("2", at: Posts.Epoch.AddHours(2), hashtags: ["launch"]),
            Posts.Make("3", hashtags: ["rare"]),
        ]);
        var rows = await _store.GetHashtagBucketsAsync(TimeRange.All, TimeSpan.FromHours(1), minCount: 2);

        Assert.That(rows.Select(r => (r.Key, r.Volume)), Is.EqualTo(new[] { ("launch", 1L), ("launch", 1L) }));
    }

    [Test]
    public async Task Rejects_are_kept_with_reason_and_truncated_raw_input()
    {
        await _store.AddRejectsAsync(
        [
            new RejectedRecord("no_text", "The record has no text.", "f.jsonl:3", "{\"id\":1}", Posts.Epoch),
            new RejectedRecord("too_large", "Over 1 MiB.", "f.jsonl:4", new string('x', 100_000) + "\0", Posts.Epoch),
        ]);
        var back = await _store.GetRejectsAsync(10);

        Assert.That((await _store.GetStatsAsync()).Rejected, Is.EqualTo(2));
        Assert.That(back.Select(r => r.Reason), Is.EquivalentTo(new[] { "no_text", "too_large" }));
        Assert.That(back.Single(r => r.Reason == "too_large").Raw!, Has.Length.EqualTo(DapperPostStore.MaxStoredRawChars));
        Assert.That(await ((DapperPostStore)_store).GetRejectCountsAsync(), Does.ContainKey("no_text"));
    }

    [Test]
    public async Task Artifacts_upsert_list_and_delete()
    {
        await _store.PutArtifactAsync("draft", "d1", "{\"v\":1}");
        await _store.PutArtifactAsync("draft", "d1", "{\"v\":2}");
        await _store.PutArtifactAsync("draft", "d2", "{\"v\":3}");

        Assert.That(await _store.GetArtifactAsync("draft", "d1"), Is.EqualTo("{\"v\":2}"));
        Assert.That((await _store.ListArtifactsAsync("draft")).Select(a => a.Key), Is.EquivalentTo(new[] { "d1", "d2" }));
        await _store.DeleteArtifactAsync("draft", "d1");
        Assert.That(await _store.GetArtifactAsync("draft", "d1"), Is.Null);
    }

    [Test]
    public async Task Stats_count_posts_authors_brands_and_time_span()
    {
        await _store.UpsertPostsAsync(
        [
            Posts.Make("1", author: "a", brands: ["acme"], at: Posts.Epoch),
            Posts.Make("2", author: "a", brands: ["acme", "globex"], at: Posts.Epoch.AddDays(2)),
            Posts.Make("3", author: "b", at: Posts.Epoch.AddDays(1)),
        ]);
        var s = await _store.GetStatsAsync();

        Assert.That((s.Posts, s.Authors, s.Brands), Is.EqualTo((3L, 2L, 2L)));
        Assert.That(s.FirstPost, Is.EqualTo(Posts.Epoch));
        Assert.That(s.LastPost, Is.EqualTo(Posts.Epoch.AddDays(2)));
        Assert.That((await _store.GetTimeSpanAsync())!.Value.Start, Is.EqualTo(Posts.Epoch));
    }

    [Test]
    public async Task Concurrent_batches_from_several_writers_lose_nothing()
    {
        var batches = Enumerable.Range(0, 8).Select(b => Enumerable.Range(0, 500).Select(i => Posts.Make($"c{b}-{i}", brands: ["acme"])).ToList()).ToList();
        var results = await Task.WhenAll(batches.Select(b => _store.UpsertPostsAsync(b)));

        Assert.That(results.Sum(r => r.Inserted), Is.EqualTo(4000));
        Assert.That((await _store.GetStatsAsync()).Posts, Is.EqualTo(4000));
    }

    // Large enough that the preparation runs in parallel ranges (one arena each), with repeats, mixed platforms,
    // several brands, sentiment and non-ASCII text.
    private static List<SocialPost> MixedBatch()
    {
        var posts = new List<SocialPost>();
        for (var i = 0; i < 900; i++)
        {
            var brands = (i % 3) switch { 0 => new[] { "acme" }, 1 => ["acme", "globex", "acme"], _ => [] };
            posts.Add(Posts.Make("m" + (i % 800), $"post {i} ünï ✓ {new string('x', i % 70)}", Posts.Epoch.AddMinutes(i),
                platform: i % 5 == 0 ? "reddit" : "x", author: "a" + (i % 37), brands: brands,
                sentiment: i % 4 == 0 ? SentimentLabel.Positive : null, hashtags: i % 2 == 0 ? ["tag" + i] : null, likes: i));
        }

        return posts;
    }

    [Test]
    public async Task A_prepared_batch_stores_what_the_plain_upsert_stores()
    {
        var posts = MixedBatch();
        using var prepared = _store.Prepare(posts);
        var result = await _store.UpsertPreparedAsync(prepared);

        await using var plainStore = await TestStores.OpenNewAsync(kind);
        var plain = await plainStore.UpsertPostsAsync(MixedBatch());

        Assert.That(result, Is.EqualTo(plain));
        Assert.That(result.Inserted + result.Updated, Is.EqualTo(900));
        Assert.That(Describe(await _store.FindPostsAsync(new PostQuery { Limit = 2000 })),
            Is.EqualTo(Describe(await plainStore.FindPostsAsync(new PostQuery { Limit = 2000 }))));
        Assert.That(await _store.GetBrandBucketsAsync(TimeRange.All, TimeSpan.FromDays(1)),
            Is.EqualTo(await plainStore.GetBrandBucketsAsync(TimeRange.All, TimeSpan.FromDays(1))));
        var authors = await _store.GetAuthorSummaryAsync(TimeRange.All, 100);
        var plainAuthors = await plainStore.GetAuthorSummaryAsync(TimeRange.All, 100);
        Assert.That(authors.DistinctAuthors, Is.EqualTo(plainAuthors.DistinctAuthors).And.EqualTo(37 * 2));
        Assert.That(authors.Top, Is.EqualTo(plainAuthors.Top));
    }

    [Test]
    public async Task A_prepared_batch_written_again_after_dispose_or_to_another_store_is_stored_the_same()
    {
        var posts = MixedBatch();
        var prepared = _store.Prepare(posts);
        var first = await _store.UpsertPreparedAsync(prepared);
        var again = await _store.UpsertPreparedAsync(prepared);
        prepared.Dispose();
        var afterDispose = await _store.UpsertPreparedAsync(prepared);

        await using var other = await TestStores.OpenNewAsync(kind);
        var elsewhere = await other.UpsertPreparedAsync(prepared);

        Assert.That(first, Is.EqualTo(new UpsertResult(800, 100)));
        Assert.That(again, Is.EqualTo(new UpsertResult(0, 900)));
        Assert.That(afterDispose, Is.EqualTo(new UpsertResult(0, 900)));
        Assert.That(elsewhere, Is.EqualTo(first));
        Assert.That(Describe(await other.FindPostsAsync(new PostQuery { Limit = 2000 })),
            Is.EqualTo(Describe(await _store.FindPostsAsync(new PostQuery { Limit = 2000 }))));
    }

    [Test]
    public void Preparing_a_batch_with_an_invalid_post_throws_before_anything_is_written()
    {
        var posts = Posts.Many(300);
        posts[250].Hashtags = ["two words"];

        Assert.That(() => _store.Prepare(posts), Throws.ArgumentException.With.Message.Contains("white space"));

        // Also after an id that two platforms share (which folds repeats by the (platform, id) key instead).
        posts[10].PostId = "p5";
        posts[10].Platform = "reddit";
        Assert.That(() => _store.Prepare(posts), Throws.ArgumentException.With.Message.Contains("white space"));
    }

    [Test]
    public void Every_white_space_character_in_a_list_item_is_refused_and_no_other_character_is()
    {
        var refused = new List<char>();
        for (var c = char.MinValue; c < char.MaxValue; c++)
        {
            var post = Posts.Make("1");
            // Each list in turn, and the lists of each runtime type the store meets (arrays, lists, others).
            IReadOnlyList<string> item = (c % 3) switch
            {
                0 => new[] { "a" + c + "b" },
                1 => new List<string> { "ok", "a" + c },
                _ => new System.Collections.ObjectModel.ReadOnlyCollection<string>([c + "b"]),
            };
            switch (c % 4)
            {
                case 0: post.Hashtags = item; break;
                case 1: post.Mentions = item; break;
                case 2: post.Links = item; break;
                default: post.Brands = item; break;
            }

            try
            {
                _store.Prepare([post]).Dispose();
            }
            catch (ArgumentException)
            {
                refused.Add(c);
            }
        }

        var whiteSpace = Enumerable.Range(0, char.MaxValue).Select(i => (char)i).Where(char.IsWhiteSpace).ToList();
        Assert.That(refused, Is.EqualTo(whiteSpace));
    }

    [Test]
    public async Task A_repeat_in_a_batch_that_also_has_the_same_id_on_another_platform_keeps_the_last_copy_of_each()
    {
        var result = await _store.UpsertPostsAsync([
            Posts.Make("7", "x first"), Posts.Make("7", "reddit only", platform: "reddit"), Posts.Make("7", "x last"), Posts.Make("8")]);

        Assert.That(result, Is.EqualTo(new UpsertResult(3, 1)));
        Assert.That((await _store.GetPostAsync("x", "7"))!.Text, Is.EqualTo("x last"));
        Assert.That((await _store.GetPostAsync("reddit", "7"))!.Text, Is.EqualTo("reddit only"));
    }

    private static string[] Ids(IEnumerable<SocialPost> posts) => posts.Select(p => p.PostId).ToArray();

    private static string Describe(IEnumerable<SocialPost> posts) =>
        string.Join("\n", posts.Select(p => Marketing.Core.Json.SnakeCaseJson.Serialize(p)));
}
