using System.Text.Json;
using Json.Schema;
using Marketing.Core.Json;
using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Ingest.Tests.Formats;

/// <summary>docs/post.schema.json documents what the decoder reads and what SnakeCaseJson writes.</summary>
public class PostSchemaTests
{
    // Built once: the schema registers its $id globally, and registering it twice is an error.
    private static readonly Lazy<JsonSchema> Loaded = new(() => JsonSchema.FromFile(Path.Combine(TestPaths.RepoRoot, "docs", "post.schema.json")));

    private static JsonSchema Schema() => Loaded.Value;

    [Test]
    public void The_own_fixture_and_a_serialized_post_satisfy_the_documented_schema()
    {
        var schema = Schema();
        var lines = File.ReadLines(DecodeHelpers.Fixture("own.jsonl")).Append(SnakeCaseJson.Serialize(Posts.Make("p1", "hello #tag")));
        Assert.Multiple(() =>
        {
            foreach (var line in lines)
            {
                var result = schema.Evaluate(JsonDocument.Parse(line).RootElement);
                Assert.That(result.IsValid, Is.True, line);
            }
        });
    }

    [Test]
    public void A_record_without_text_fails_the_schema()
    {
        var result = Schema().Evaluate(JsonDocument.Parse("""{"post_id":"1","created_at":"2026-10-01T00:00:00Z"}""").RootElement);
        Assert.That(result.IsValid, Is.False);
    }
}
