using Marketing.Synth;
using Marketing.Synth.Output;
using Marketing.TestSupport;

namespace Marketing.Synth.Tests;

/// <summary>One generated stream shared by the tests that only read it (generating is the slow part).</summary>
internal static class StreamFixture
{
    private static readonly Lazy<GeneratedStream> Shared = new(() => Make(new SynthOptions { Posts = 60_000, Days = 14, Seed = 11 }));

    public static GeneratedStream Default => Shared.Value;

    public static GeneratedStream Make(SynthOptions options)
    {
        var generator = new SynthGenerator(options);
        var dir = TestPaths.NewTempDir("synth");
        var files = new SynthFiles
        {
            Posts = Path.Combine(dir, "posts.jsonl"),
            Truth = Path.Combine(dir, "truth.json"),
            Watchlist = Path.Combine(dir, "brands.json"),
        };
        var summary = SynthWriter.Write(generator, files);
        return new GeneratedStream(generator, files, summary, generator.Generate().ToList());
    }
}
