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
}
