using Marketing.Core.Domain;
using Marketing.Core.Json;
using NUnit.Framework;
using static Marketing.Ingest.Tests.DecodeHelpers;

namespace Marketing.Ingest.Tests;

public class OwnSchemaTests
{
    [Test]
    public void A_post_serialized_with_SnakeCaseJson_decodes_to_the_same_fields()
    {
        var post = new SocialPost
        {
            Platform = "x",
            PostId = "1",
            Author = new Author { Id = "u1", Handle = "jane", DisplayName = "Jane", Followers = 42, Location = "Lyon", Verified = true },
            Text = "Loving my new #AcmePhone from @acme https://acme.example/p1",
            Language = "en",
            CreatedAt = new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.FromHours(2)),
            Engagement = new Engagement { Likes = 5, Shares = 2, Replies = 1, Views = 100 },
            Url = "https://x.com/jane/status/1",
            ReplyToId = "0",
            Campaign = "fall",
        };

        var back = Single(SnakeCaseJson.Serialize(post));

        Assert.Multiple(() =>
        {
            Assert.That(back.Platform, Is.EqualTo("x"));
            Assert.That(back.PostId, Is.EqualTo("1"));
            Assert.That(back.Author.Handle, Is.EqualTo("jane"));
            Assert.That(back.Author.DisplayName, Is.EqualTo("Jane"));
            Assert.That(back.Author.Followers, Is.EqualTo(42));
            Assert.That(back.Author.Verified, Is.True);
            Assert.That(back.Author.Location, Is.EqualTo("Lyon"));
            Assert.That(back.Text, Is.EqualTo(post.Text));
            Assert.That(back.Language, Is.EqualTo("en"));
            Assert.That(back.CreatedAt, Is.EqualTo(post.CreatedAt));
            Assert.That(back.CreatedAt.Offset, Is.EqualTo(TimeSpan.FromHours(2)));
            Assert.That(back.Engagement.Likes, Is.EqualTo(5));
            Assert.That(back.Engagement.Shares, Is.EqualTo(2));
            Assert.That(back.Engagement.Replies, Is.EqualTo(1));
            Assert.That(back.Engagement.Views, Is.EqualTo(100));
            Assert.That(back.Url, Is.EqualTo(post.Url));
            Assert.That(back.ReplyToId, Is.EqualTo("0"));
            Assert.That(back.Campaign, Is.EqualTo("fall"));
            Assert.That(back.Hashtags, Is.EqualTo(new[] { "acmephone" }));
            Assert.That(back.Mentions, Is.EqualTo(new[] { "acme" }));
            Assert.That(back.Links, Is.EqualTo(new[] { "https://acme.example/p1" }));
            Assert.That(back.Source, Is.EqualTo("test:1"));
        });
    }

    [Test]
    public void Optional_fields_may_be_missing_and_ids_and_counts_may_be_numbers_or_strings()
    {
        var post = Single("""{"post_id":123,"text":"hi there","created_at":"2026-10-01T08:00:00Z","engagement":{"likes":"7"}}""");

        Assert.Multiple(() =>
        {
            Assert.That(post.PostId, Is.EqualTo("123"));
            Assert.That(post.Platform, Is.EqualTo("unknown"));
            Assert.That(post.Engagement.Likes, Is.EqualTo(7));
            Assert.That(post.Author.Id, Is.EqualTo(""));
        });
    }

    [Test]
    public void A_record_without_text_is_rejected_as_no_text()
    {
        var r = SingleReject("""{"platform":"x","post_id":"1","text":"   ","created_at":"2026-10-01T08:00:00Z"}""");
        Assert.That(r.Reason, Is.EqualTo(RejectReasons.NoText));
    }

    [Test]
    public void A_record_with_a_bad_date_is_rejected_as_bad_date_naming_the_value()
    {
        var r = SingleReject("""{"platform":"x","post_id":"1","text":"hello","created_at":"yesterday-ish"}""");
        Assert.Multiple(() =>
        {
            Assert.That(r.Reason, Is.EqualTo(RejectReasons.BadDate));
            Assert.That(r.Detail, Does.Contain("yesterday-ish"));
            Assert.That(r.Source, Is.EqualTo("test:1"));
            Assert.That(r.Raw, Does.Contain("yesterday-ish"));
        });
    }

    [Test]
    public void A_text_that_is_not_a_string_is_rejected_as_wrong_type_naming_the_field()
    {
        var r = SingleReject("""{"platform":"x","post_id":"1","text":{"a":1},"created_at":"2026-10-01T08:00:00Z"}""");
        Assert.Multiple(() =>
        {
            Assert.That(r.Reason, Is.EqualTo(RejectReasons.WrongType));
            Assert.That(r.Detail, Does.Contain("'text'"));
        });
    }

    [Test]
    public void A_record_without_an_id_is_rejected_as_missing_id()
    {
        var r = SingleReject("""{"platform":"x","text":"hello","created_at":"2026-10-01T08:00:00Z"}""");
        Assert.That(r.Reason, Is.EqualTo(RejectReasons.MissingId));
    }
}
