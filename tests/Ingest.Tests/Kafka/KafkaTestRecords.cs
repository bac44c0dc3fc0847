using System.Text;
using Marketing.Core.Domain;
using Marketing.Core.Json;
using Marketing.TestSupport;

namespace Marketing.Ingest.Tests.Kafka;

/// <summary>Raw Kafka records in the project's own JSON schema, with malformed ones mixed in on request.</summary>
internal static class KafkaTestRecords
{
    /// <summary>Post ids are k0..k{n-1}; every <paramref name="malformedEvery"/>-th record is malformed instead.</summary>
    public static (List<byte[]> Records, HashSet<string> ValidIds, int Malformed) Make(int n, int malformedEvery = 0, string prefix = "k")
    {
        var records = new List<byte[]>(n);
        var valid = new HashSet<string>(StringComparer.Ordinal);
        var malformed = 0;
        for (var i = 0; i < n; i++)
        {
            if (malformedEvery > 0 && i % malformedEvery == malformedEvery - 1)
            {
                malformed++;
                records.Add((i / malformedEvery % 2) == 0
                    ? Encoding.UTF8.GetBytes("{\"id\": \"" + prefix + i + "\", \"text\": \"cut off")
                    : Encoding.UTF8.GetBytes(SnakeCaseJson.Serialize(Post(prefix, i, text: ""))));
                continue;
            }

            records.Add(Encoding.UTF8.GetBytes(SnakeCaseJson.Serialize(Post(prefix, i))));
            valid.Add(prefix + i);
        }

        return (records, valid, malformed);
    }

    private static SocialPost Post(string prefix, int i, string? text = null)
    {
        var post = Posts.Make(prefix + i, text ?? $"post {i} about #coffee and the weather", Posts.Epoch.AddSeconds(i), author: "u" + (i % 997));
        post.Hashtags = ["coffee"];
        return post;
    }
}
