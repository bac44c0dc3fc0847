using System.Text;
using System.Text.Json;

namespace Marketing.Ingest.Kafka;

/// <summary>
/// The message key of a raw record: its author id, so that one author's posts keep their order on one partition.
/// Knows the project schema (<c>author.id</c>), X API v2 (<c>author_id</c>, or the first tweet of <c>data</c>),
/// Twitter v1.1 (<c>user.id_str</c>) and Reddit (<c>author</c>). Null when none is found (bad JSON too): the record
/// is still sent, and the consumer rejects it with a reason.
/// </summary>
public static class AuthorKey
{
    public static byte[]? Extract(byte[] record)
    {
        try
        {
            using var doc = JsonDocument.Parse(record, new JsonDocumentOptions { MaxDepth = 64 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (root.TryGetProperty("data", out var data))
            {
                root = data.ValueKind == JsonValueKind.Array && data.GetArrayLength() > 0 ? data[0] : data;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }
            }

            var id = Text(root, "author", "id") ?? Text(root, "author_id") ?? Text(root, "user", "id_str") ?? Text(root, "user", "id")
                ?? Text(root, "author_fullname") ?? Text(root, "author");
            return id is { Length: > 0 } ? Encoding.UTF8.GetBytes(id) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement e, params string[] path)
    {
        foreach (var name in path)
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out e))
            {
                return null;
            }
        }

        return e.ValueKind switch
        {
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Number => e.GetRawText(),
            _ => null,
        };
    }
}
