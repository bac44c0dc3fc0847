using System.Text;
using Marketing.Core.Json;
using Marketing.Ingest.Formats;
using NUnit.Framework;
using static Marketing.Ingest.Tests.DecodeHelpers;

namespace Marketing.Ingest.Tests.Formats;

public class OwnSchemaReaderTests
{
    [Test]
    public void The_fast_reader_and_the_document_path_give_the_same_post()
    {
        var json = File.ReadLines(Fixture("own.jsonl")).First();
        Assert.That(OwnSchemaReader.TryRead(Encoding.UTF8.GetBytes(json), true, 64, null, out var fast), Is.True);

        // A carried-over sentiment object sends the same record down the document path.
        var viaDocument = Single(json.Replace("\"sentiment\":null", "\"sentiment\":{\"label\":\"positive\",\"negative\":0.1,\"neutral\":0.1,\"positive\":0.8,\"scorer\":\"model\",\"model_version\":\"v1\"}", StringComparison.Ordinal));
        var fastNormalized = Single(json);

        Assert.Multiple(() =>
        {
            Assert.That(viaDocument.Sentiment?.Label, Is.EqualTo(Core.Domain.SentimentLabel.Positive));
            viaDocument.Sentiment = null;
            Assert.That(SnakeCaseJson.Serialize(fastNormalized), Is.EqualTo(SnakeCaseJson.Serialize(viaDocument)));
            Assert.That(fast!.PostId, Is.EqualTo("1001"));
        });
    }

    [TestCase("""{"post_id":"1","text":5,"created_at":1727776800}""")]
    [TestCase("""{"post_id":"1","text":"hi"}""")]
    [TestCase("""{"post_id":"1","text":"hi","created_at":1727776800,"engagement":{"likes":"lots"}}""")]
    [TestCase("""{"data":{"id":"1","text":"hi"},"post_id":"1","text":"hi","created_at":1727776800}""")]
    [TestCase("""{"post_id":"1","text":"hi","created_at":1727776800""")]
    public void Anything_unusual_is_left_to_the_document_path_which_explains_rejects(string json)
    {
        Assert.That(OwnSchemaReader.TryRead(Encoding.UTF8.GetBytes(json), true, 64, null, out _), Is.False);
    }

    [Test]
    public void Escaped_property_names_are_read_like_plain_ones()
    {
        var json = """{"post\u005fid":"7","t\u0065xt":"hi there","cre\u0061ted_at":"2026-10-01T08:00:00Z","\u006cang":"fr","author":{"id":"a1"}}""";
        Assert.That(OwnSchemaReader.TryRead(Encoding.UTF8.GetBytes(json), true, 64, null, out var post), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(post!.PostId, Is.EqualTo("7"));
            Assert.That(post.Text, Is.EqualTo("hi there"));
            Assert.That(post.Language, Is.EqualTo("fr"));
            Assert.That(post.CreatedAt, Is.EqualTo(new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.Zero)));
        });
    }

    [Test]
    public void Author_and_engagement_names_escaped_or_aliased_are_read_as_the_document_path_reads_them()
    {
        var json = """
            {"post_id":"5","text":"hello there","created_at":"2026-10-01T08:00:00Z",
             "author":{"username":"u","\u0069d":"a5","h\u0061ndle":"h","name":"N","display_name":"D","follow\u0065rs":7,"loc\u0061tion":"L","verified":true,"likes":99},
             "engagement":{"lik\u0065s":5,"views":9,"id":"x","shar\u0065s":"2","replies":1}}
            """.ReplaceLineEndings("");
        Assert.That(OwnSchemaReader.TryRead(Encoding.UTF8.GetBytes(json), true, 64, null, out var fast), Is.True);
        var viaDocument = Single(json.Replace("\"text\"", "\"sentiment\":{\"label\":\"neutral\",\"negative\":0.1,\"neutral\":0.8,\"positive\":0.1,\"scorer\":\"m\"},\"text\"", StringComparison.Ordinal));
        viaDocument.Sentiment = null;
        Assert.Multiple(() =>
        {
            Assert.That(fast!.Author.Handle, Is.EqualTo("h"));
            Assert.That(fast.Author.DisplayName, Is.EqualTo("D"));
            Assert.That((fast.Author.Id, fast.Author.Followers, fast.Author.Location, fast.Author.Verified), Is.EqualTo(("a5", 7L, "L", true)));
            Assert.That((fast.Engagement.Likes, fast.Engagement.Shares, fast.Engagement.Replies, fast.Engagement.Views), Is.EqualTo((5L, 2L, 1L, 9L)));
            Assert.That(SnakeCaseJson.Serialize(Single(json)), Is.EqualTo(SnakeCaseJson.Serialize(viaDocument)));
        });
    }

    [TestCase("data")]
    [TestCase("kind")]
    [TestCase("user")]
    [TestCase("id_str")]
    [TestCase("errors")]
    [TestCase("includes")]
    [TestCase("statuses")]
    [TestCase("subreddit")]
    [TestCase("full_text")]
    [TestCase("author_id")]
    [TestCase("created_utc")]
    [TestCase("public_metrics")]
    [TestCase("retweeted_status")]
    [TestCase("ret\u0077eeted_status")]
    public void Another_formats_field_sends_an_auto_detected_record_to_the_document_path_only(string field)
    {
        var json = $$"""{"post_id":"1","text":"hi","created_at":1727776800,"{{field}}":null}""";
        Assert.Multiple(() =>
        {
            Assert.That(OwnSchemaReader.TryRead(Encoding.UTF8.GetBytes(json), autoDetect: true, 64, null, out _), Is.False, "auto-detect");
            Assert.That(OwnSchemaReader.TryRead(Encoding.UTF8.GetBytes(json), autoDetect: false, 64, null, out var post), Is.True, "--format json");
            Assert.That(post?.PostId, Is.EqualTo("1"));
        });
    }

    [Test]
    public void Every_own_field_is_read_by_the_fast_reader_as_the_document_path_reads_it()
    {
        var json = """
            {"platform":"Reddit","post_id":"9","author":{"id":"a","handle":"@h","display_name":"D","followers":"12","location":"L","verified":true},
             "text":"Win #Big @shop https://s.example/x","language":"EN-gb","created_at":"2026-10-01 08:00:00 -0800",
             "engagement":{"likes":1,"shares":"2","replies":3,"views":4,"total":10},"url":"https://u.example","hashtags":["#Given"],
             "mentions":["@Other"],"links":["https://given.example"],"reply_to_id":1,"quote_of_id":"2","repost_of_id":"3","brands":["acme"],
             "campaign":"c","near_duplicate_of":"0","source":"src","sentiment":null,"brand_sentiments":[],"unknown":{"nested":[1,2]}}
            """.ReplaceLineEndings("");
        Assert.That(OwnSchemaReader.TryRead(Encoding.UTF8.GetBytes(json), true, 64, null, out _), Is.True);
        // The same record with a carried-over sentiment goes down the document path.
        var viaDocument = Single(json.Replace("\"sentiment\":null", "\"sentiment\":{\"label\":\"negative\",\"negative\":0.8,\"neutral\":0.1,\"positive\":0.1,\"scorer\":\"model\"}", StringComparison.Ordinal));
        viaDocument.Sentiment = null;
        Assert.That(SnakeCaseJson.Serialize(Single(json)), Is.EqualTo(SnakeCaseJson.Serialize(viaDocument)));
    }
}
