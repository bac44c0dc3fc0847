using System.Text;
using System.Text.Json;
using Marketing.Core.Brands;
using NUnit.Framework;

namespace Marketing.Ingest.Tests.Pipeline;

/// <summary>
/// The file reader decodes a batch in parallel, collects a one-post record as its post and hashes its near-duplicate
/// key right after decoding it; records of many posts and rejects go the general way. Whatever the mix, the result
/// must be what decoding the lines one by one, in order, gives.
/// </summary>
public sealed class FileDecoderTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("mkt-filedecoder-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(64)]
    [TestCase(2000)]
    public async Task A_mix_of_single_posts_arrays_other_formats_and_rejects_reads_as_the_lines_decode_one_by_one(int batchSize)
    {
        string[] texts =
        [
            "Big sale at Acme this weekend only, get yours before it ends",
            "RT @shop: Big sale at Acme this weekend only, get yours before it ends",
            "BIG SALE AT ACME THIS WEEKEND ONLY!!! get yours before it ends https://x.example/1",
            "Globex customer service is slow &amp; nobody answers the phone at all",
            "short one", "Short one", "Le nouveau Globex est vraiment très bien, je le recommande #globex",
        ];
        var random = new Random(3);
        var lines = new List<string>();
        for (var i = 0; i < 600; i++)
        {
            string Post(string id) => JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["post_id"] = id, ["platform"] = "x", ["text"] = texts[random.Next(texts.Length)], ["created_at"] = "2026-10-01T08:00:00Z",
                ["near_duplicate_of"] = random.Next(20) == 0 ? "given" : null,
            });

            lines.Add(random.Next(10) switch
            {
                // The first line must be an object (a file starting with '[' is one JSON document).
                0 when i > 0 => $"[{Post($"a{i}")},{Post($"b{i}")}]",
                1 => $$"""{"data":[{"id":"v{{i}}","text":{{JsonSerializer.Serialize(texts[random.Next(texts.Length)])}},"created_at":"2026-10-01T08:00:00Z","author_id":"1"},{"id":"w{{i}}","text":"another post entirely, long enough to count as one","created_at":"2026-10-01T08:00:00Z","author_id":"1"}]}""",
                2 => "{\"post_id\":\"bad\"",
                _ => Post($"p{i}"),
            });
        }

        var path = Path.Combine(_dir, "mix.jsonl");
        await File.WriteAllLinesAsync(path, lines);
        var brands = new BrandMatcher(BrandWatchlist.Parse("""{"brands":[{"id":"acme"},{"id":"globex"}]}"""));
        var options = DecodeHelpers.Options(o => o.BatchSize = batchSize);

        var (posts, rejects) = await DecodeHelpers.ReadFileAsync(path, options: options, brands: brands);

        var oneByOne = RecordDecoders.Create(DecodeHelpers.Options(), brands, null);
        var expected = lines.Select((line, n) => oneByOne.Decode(Encoding.UTF8.GetBytes(line), $"{path}:{n + 1}")).ToList();
        var expectedPosts = expected.SelectMany(r => r.Posts).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(posts.Select(Describe), Is.EqualTo(expectedPosts.Select(Describe)));
            Assert.That(rejects.Select(r => (r.Reason, r.Source)), Is.EqualTo(expected.SelectMany(r => r.Rejects).Select(r => (r.Reason, r.Source))));
            Assert.That(posts.Count(p => p.NearDuplicateOf is { } d && d != "given"), Is.GreaterThan(100), "the mix has near-duplicates to flag");
        });
    }

    private static string Describe(Marketing.Core.Domain.SocialPost p) =>
        $"{p.Platform}/{p.PostId} dup-of={p.NearDuplicateOf} brands={string.Join(",", p.Brands)} tags={string.Join(",", p.Hashtags)} text={p.Text} source={p.Source}";
}
