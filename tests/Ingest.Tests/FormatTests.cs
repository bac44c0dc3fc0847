using Marketing.Core.Domain;
using NUnit.Framework;
using static Marketing.Ingest.Tests.DecodeHelpers;

namespace Marketing.Ingest.Tests;

/// <summary>One fixture per format, written in the documented shape of each API, parsed to the expected fields.</summary>
public class FormatTests
{
    [Test]
    public async Task Own_schema_JSONL_fixture_gives_every_field()
    {
        var (posts, rejects) = await ReadFileAsync(Fixture("own.jsonl"));

        Assert.That(rejects, Is.Empty);
        Assert.That(posts, Has.Count.EqualTo(2));
        var p = posts[0];
        Assert.Multiple(() =>
        {
            Assert.That(p.Platform, Is.EqualTo("x"));
            Assert.That(p.PostId, Is.EqualTo("1001"));
            Assert.That(p.Author.DisplayName, Is.EqualTo("Jane Doe"));
            Assert.That(p.Author.Followers, Is.EqualTo(1200));
            Assert.That(p.CreatedAt, Is.EqualTo(new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.FromHours(2))));
            Assert.That(p.Engagement.Views, Is.EqualTo(900));
            Assert.That(p.Campaign, Is.EqualTo("fall-launch"));
            Assert.That(p.Source, Does.EndWith("own.jsonl:1"));
            Assert.That(posts[1].Platform, Is.EqualTo("reddit"));
            Assert.That(posts[1].Language, Is.EqualTo("fr"));
            Assert.That(posts[1].Brands, Is.EqualTo(new[] { "globex" }));
            Assert.That(posts[1].Source, Does.EndWith("own.jsonl:2"));
        });
    }

    [Test]
    public async Task X_API_v2_response_joins_authors_from_includes_and_reads_metrics_entities_and_references()
    {
        var (posts, rejects) = await ReadFileAsync(Fixture("x-v2-search.json"));

        Assert.That(rejects, Is.Empty);
        Assert.That(posts, Has.Count.EqualTo(2));
        var first = posts[0];
        var reply = posts[1];
        Assert.Multiple(() =>
        {
            Assert.That(first.Platform, Is.EqualTo("x"));
            Assert.That(first.PostId, Is.EqualTo("1712345678901234567"));
            Assert.That(first.Text, Does.Contain("wild & fast"));
            Assert.That(first.Author.Id, Is.EqualTo("2244994945"));
            Assert.That(first.Author.Handle, Is.EqualTo("jane_doe"));
            Assert.That(first.Author.DisplayName, Is.EqualTo("Jane Doe"));
            Assert.That(first.Author.Followers, Is.EqualTo(15300));
            Assert.That(first.Author.Verified, Is.True);
            Assert.That(first.Author.Location, Is.EqualTo("Austin, TX"));
            Assert.That(first.CreatedAt, Is.EqualTo(new DateTimeOffset(2026, 10, 10, 20, 19, 24, TimeSpan.Zero)));
            Assert.That(first.Language, Is.EqualTo("en"));
            Assert.That(first.Engagement.Likes, Is.EqualTo(41));
            Assert.That(first.Engagement.Shares, Is.EqualTo(9), "retweets + quotes");
            Assert.That(first.Engagement.Replies, Is.EqualTo(2));
            Assert.That(first.Engagement.Views, Is.EqualTo(5120));
            Assert.That(first.Hashtags, Is.EquivalentTo(new[] { "acmemobile", "5g" }));
            Assert.That(first.Mentions, Is.EqualTo(new[] { "acmemobile" }));
            Assert.That(first.Links, Is.EqualTo(new[] { "https://acme.example/5g" }), "the expanded URL replaces the t.co link");
            Assert.That(first.Url, Is.EqualTo("https://x.com/jane_doe/status/1712345678901234567"));
            Assert.That(reply.ReplyToId, Is.EqualTo("1712345678901234567"));
            Assert.That(reply.Author.Handle, Is.EqualTo("sam_k"));
            Assert.That(reply.Author.Followers, Is.EqualTo(88));
            Assert.That(reply.Source, Does.EndWith("x-v2-search.json#data[1]"));
        });
    }

    [Test]
    public void X_API_v2_stream_line_with_a_single_data_object_is_one_post()
    {
        var post = Single("""{"data":{"id":"9","text":"hello stream","author_id":"1","created_at":"2026-10-10T20:19:24Z"},"includes":{"users":[{"id":"1","username":"u1","name":"U One"}]},"matching_rules":[{"id":"1","tag":"acme"}]}""");

        Assert.Multiple(() =>
        {
            Assert.That(post.PostId, Is.EqualTo("9"));
            Assert.That(post.Author.Handle, Is.EqualTo("u1"));
        });
    }

    [Test]
    public async Task Twitter_v1_statuses_read_user_entities_retweets_and_extended_text()
    {
        var (posts, rejects) = await ReadFileAsync(Fixture("twitter-v1.jsonl"));

        Assert.That(rejects, Is.Empty);
        Assert.That(posts, Has.Count.EqualTo(3));
        var (plain, retweet, extended) = (posts[0], posts[1], posts[2]);
        Assert.Multiple(() =>
        {
            Assert.That(plain.PostId, Is.EqualTo("1050118621198921728"));
            Assert.That(plain.CreatedAt, Is.EqualTo(new DateTimeOffset(2018, 10, 10, 20, 19, 24, TimeSpan.Zero)));
            Assert.That(plain.Text, Does.Contain("equal > including"));
            Assert.That(plain.Author.Handle, Is.EqualTo("TwitterAPI"));
            Assert.That(plain.Author.Id, Is.EqualTo("6253282"));
            Assert.That(plain.Author.Followers, Is.EqualTo(6133636));
            Assert.That(plain.Author.Verified, Is.True);
            Assert.That(plain.Engagement.Likes, Is.EqualTo(296));
            Assert.That(plain.Engagement.Shares, Is.EqualTo(161));
            Assert.That(plain.Links, Is.EqualTo(new[] { "https://twitterdev.example/emoji" }));

            Assert.That(retweet.RepostOfId, Is.EqualTo("1050118621198921728"));
            Assert.That(retweet.Text, Does.StartWith("RT @TwitterAPI: To make room").And.EndWith("skin tone modifiers https://t.co/MkGjXf9aXm"));
            Assert.That(retweet.Mentions, Does.Contain("twitterapi"));
            Assert.That(retweet.NearDuplicateOf, Is.EqualTo("1050118621198921728"), "a retweet repeats the original text");

            Assert.That(extended.Text, Does.EndWith("this is the end #LongRead"));
            Assert.That(extended.Hashtags, Is.EqualTo(new[] { "longread" }));
            Assert.That(extended.ReplyToId, Is.EqualTo("1050118621198921728"));
            Assert.That(extended.QuoteOfId, Is.EqualTo("1050118621198921728"));
            Assert.That(extended.Author.Followers, Is.EqualTo(500), "a count given as a string");
            Assert.That(extended.Language, Is.Null, "lang 'und' means unknown");
        });
    }

    [Test]
    public async Task Reddit_listing_gives_submission_and_comment_tree_and_rejects_deleted_comments()
    {
        var (posts, rejects) = await ReadFileAsync(Fixture("reddit-listing.json"));

        Assert.That(posts.Select(p => p.PostId), Is.EqualTo(new[] { "1abcde", "kq1", "kq2" }));
        var (submission, comment, reply) = (posts[0], posts[1], posts[2]);
        Assert.Multiple(() =>
        {
            Assert.That(submission.Platform, Is.EqualTo("reddit"));
            Assert.That(submission.Text, Is.EqualTo("Acme Phone 3 review after one month\n\nBattery life is excellent, the camera is decent."));
            Assert.That(submission.Author.Handle, Is.EqualTo("techfan42"));
            Assert.That(submission.Author.Id, Is.EqualTo("t2_9xyz"));
            Assert.That(submission.CreatedAt, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(1727776800)));
            Assert.That(submission.Engagement.Likes, Is.EqualTo(152));
            Assert.That(submission.Engagement.Replies, Is.EqualTo(2));
            Assert.That(submission.Url, Is.EqualTo("https://www.reddit.com/r/Android/comments/1abcde/acme_phone_3_review_after_one_month/"));
            Assert.That(comment.Text, Is.EqualTo("Mine overheats when gaming & charging. Not great."));
            Assert.That(comment.ReplyToId, Is.EqualTo("1abcde"));
            Assert.That(reply.ReplyToId, Is.EqualTo("kq1"));
            Assert.That(rejects, Has.Count.EqualTo(1));
            Assert.That(rejects[0].Reason, Is.EqualTo(RejectReasons.NoText));
            Assert.That(rejects[0].Detail, Does.Contain("[deleted]"));
        });
    }

    [Test]
    public async Task Bare_Reddit_comments_and_link_submissions_are_recognized()
    {
        var (posts, rejects) = await ReadFileAsync(Fixture("reddit-comments.jsonl"));

        Assert.That(rejects, Is.Empty);
        Assert.Multiple(() =>
        {
            Assert.That(posts[0].Platform, Is.EqualTo("reddit"));
            Assert.That(posts[0].ReplyToId, Is.EqualTo("zz"));
            Assert.That(posts[0].CreatedAt, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(1727776800)), "epoch given as a string");
            Assert.That(posts[1].Text, Is.EqualTo("Is Initech worth it?"));
            Assert.That(posts[1].Links, Is.EqualTo(new[] { "https://initech.example/pricing" }));
        });
    }

    [Test]
    public async Task CSV_export_with_a_column_map_keeps_quoted_commas_quotes_and_newlines_and_the_offset()
    {
        var options = Options(o => o.Map = "id=tweet_id,text=text,created_at=tweet_created,author=name");
        var (posts, rejects) = await ReadFileAsync(Fixture("airline.csv"), options: options);

        Assert.That(rejects, Is.Empty);
        Assert.That(posts, Has.Count.EqualTo(3));
        Assert.Multiple(() =>
        {
            Assert.That(posts[0].PostId, Is.EqualTo("570306133677760513"));
            Assert.That(posts[0].Author.Handle, Is.EqualTo("cairdin"));
            Assert.That(posts[0].CreatedAt, Is.EqualTo(new DateTimeOffset(2015, 2, 24, 11, 35, 52, TimeSpan.FromHours(-8))));
            Assert.That(posts[0].CreatedAt.Offset, Is.EqualTo(TimeSpan.FromHours(-8)));
            Assert.That(posts[0].Mentions, Is.EqualTo(new[] { "virginamerica", "dhepburn" }));
            Assert.That(posts[0].Platform, Is.EqualTo("csv"));
            Assert.That(posts[1].Text, Is.EqualTo("@VirginAmerica plus you've added commercials to the experience, \"tacky\".\nAnd a second line, with a comma."));
            Assert.That(posts[1].Author.Location, Is.EqualTo("San Francisco, CA"));
            Assert.That(posts[1].Engagement.Shares, Is.EqualTo(2));
            Assert.That(posts[2].Text, Does.Contain("obnoxious & loud"));
            Assert.That(posts[2].Source, Does.EndWith("airline.csv:5"), "the line the record starts on, after a record spanning two lines");
        });
    }

    [Test]
    public async Task TSV_export_uses_default_column_names_and_epoch_seconds_and_milliseconds()
    {
        var (posts, rejects) = await ReadFileAsync(Fixture("export.tsv"), options: Options(o => o.DefaultPlatform = "x"));

        Assert.That(rejects, Is.Empty);
        Assert.Multiple(() =>
        {
            Assert.That(posts, Has.Count.EqualTo(2));
            Assert.That(posts[0].Platform, Is.EqualTo("x"));
            Assert.That(posts[0].Engagement.Likes, Is.EqualTo(5));
            Assert.That(posts[0].Hashtags, Is.EqualTo(new[] { "tsv" }));
            Assert.That(posts[0].CreatedAt, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(1727776800)));
            Assert.That(posts[1].CreatedAt, Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(1727776800123)));
        });
    }

    [Test]
    public async Task A_map_naming_a_column_the_header_lacks_fails_with_the_columns_listed()
    {
        var options = Options(o => o.Map = "id=nope");
        var ex = await Assert.ThrowsAsync<ArgumentException>(async () => await ReadFileAsync(Fixture("airline.csv"), options: options));
        Assert.That(ex!.Message, Does.Contain("'nope'").And.Contain("tweet_id"));
    }

    [Test]
    public void A_map_with_an_unknown_field_is_refused_with_the_known_fields()
    {
        var ex = Assert.Throws<ArgumentException>(() => RecordDecoders.Create(Options(o => o.Map = "colour=c"), null));
        Assert.That(ex!.Message, Does.Contain("colour").And.Contain("created_at"));
    }

    [Test]
    public void A_named_format_overrides_detection()
    {
        var r = Decode("""{"id":"1","text":"hi","created_at":"2026-10-01T00:00:00Z"}""", format: "reddit");
        Assert.That(r.Rejects.Select(x => x.Reason), Is.EqualTo(new[] { RejectReasons.NoText }), "read as a Reddit submission, it has no title");
    }

    [Test]
    public void An_unknown_format_name_is_refused_with_the_list_of_names()
    {
        var ex = Assert.Throws<ArgumentException>(() => RecordDecoders.Create(Options(), null, "yaml"));
        Assert.That(ex!.Message, Does.Contain("x-v2").And.Contain("twitter-v1"));
    }

    [Test]
    public void A_JSON_object_of_no_known_shape_is_rejected_as_unknown_format()
    {
        var r = SingleReject("""{"foo":1,"bar":[1,2]}""");
        Assert.That(r.Reason, Is.EqualTo(RejectReasons.UnknownFormat));
    }

    [Test]
    public void A_JSON_array_of_posts_is_many_posts()
    {
        var r = Decode("""[{"post_id":"1","text":"one","created_at":"2026-10-01T00:00:00Z"},{"post_id":"2","text":"two","created_at":"2026-10-01T00:00:00Z"},7]""");
        Assert.Multiple(() =>
        {
            Assert.That(r.Posts.Select(p => p.PostId), Is.EqualTo(new[] { "1", "2" }));
            Assert.That(r.Rejects.Single().Reason, Is.EqualTo(RejectReasons.WrongType));
            Assert.That(r.Rejects.Single().Source, Is.EqualTo("test:1[2]"));
        });
    }
}
