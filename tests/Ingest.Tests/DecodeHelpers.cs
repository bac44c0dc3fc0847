using System.Text;
using Marketing.Core.Brands;
using Marketing.Core.Domain;

namespace Marketing.Ingest.Tests;

internal static class DecodeHelpers
{
    public static IngestOptions Options(Action<IngestOptions>? change = null)
    {
        var o = new IngestOptions { LanguageDetection = "off" };
        change?.Invoke(o);
        return o;
    }

    public static DecodeResult Decode(string json, string? format = null, IngestOptions? options = null, BrandMatcher? brands = null) =>
        RecordDecoders.Create(options ?? Options(), brands, format).Decode(Encoding.UTF8.GetBytes(json), "test:1");

    public static SocialPost Single(string json, string? format = null, IngestOptions? options = null, BrandMatcher? brands = null)
    {
        var r = Decode(json, format, options, brands);
        if (r.Rejects.Count > 0 || r.Posts.Count != 1)
        {
            throw new InvalidOperationException($"Expected one post, got {r.Posts.Count} and rejects: {string.Join("; ", r.Rejects.Select(x => x.Reason + ": " + x.Detail))}");
        }

        return r.Posts[0];
    }

    public static RejectedRecord SingleReject(string json, string? format = null, IngestOptions? options = null)
    {
        var r = Decode(json, format, options);
        if (r.Rejects.Count != 1 || r.Posts.Count != 0)
        {
            throw new InvalidOperationException($"Expected one reject, got {r.Posts.Count} posts and {r.Rejects.Count} rejects.");
        }

        return r.Rejects[0];
    }

    /// <summary>Everything a file decodes to, through the same reader the pipeline uses.</summary>
    public static async Task<(List<SocialPost> Posts, List<RejectedRecord> Rejects)> ReadFileAsync(
        string path, string? format = null, IngestOptions? options = null, BrandMatcher? brands = null, Func<Stream>? stdin = null)
    {
        var decoder = RecordDecoders.Create(options ?? Options(), brands, format);
        var reader = new Marketing.Ingest.Pipeline.FileDecoder(decoder) { Stdin = stdin };
        var posts = new List<SocialPost>();
        var rejects = new List<RejectedRecord>();
        await foreach (var batch in reader.ReadAsync(path))
        {
            posts.AddRange(batch.Posts);
            rejects.AddRange(batch.Rejects);
        }

        return (posts, rejects);
    }

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
}
