using System.Text;
using System.Text.Json;
using Marketing.Core.Domain;
using Marketing.Core.Json;

namespace Marketing.Ingest.Tests.Kafka;

/// <summary>
/// A minimal decoder of the project's own JSON schema, for the Kafka tests until the real decoder lands: the Kafka
/// side only needs "posts or rejects with reasons".
/// </summary>
internal sealed class TestJsonDecoder : IRecordDecoder
{
    public DecodeResult Decode(ReadOnlyMemory<byte> raw, string source)
    {
        RejectedRecord Reject(string reason, string detail) =>
            new(reason, detail, source, Encoding.UTF8.GetString(raw.Span), DateTimeOffset.UtcNow);

        try
        {
            var post = JsonSerializer.Deserialize<SocialPost>(raw.Span, SnakeCaseJson.Options);
            if (post is null)
            {
                return DecodeResult.Reject(Reject("wrong_type", "not an object"));
            }

            if (string.IsNullOrWhiteSpace(post.Text))
            {
                return DecodeResult.Reject(Reject("no_text", "the record has no text"));
            }

            post.Source = source;
            return DecodeResult.Of(post);
        }
        catch (JsonException ex)
        {
            return DecodeResult.Reject(Reject("bad_json", ex.Message));
        }
    }
}
