using System.CommandLine;
using System.Globalization;
using Marketing.Synth;
using Marketing.Synth.Output;

namespace Marketing.Cli.Commands;

/// <summary><c>mkt synth</c>: the synthetic social stream with ground truth, and the watchlist that matches it.</summary>
public static class SynthCommands
{
    public static IEnumerable<Command> Create() => [Synth()];

    private static Command Synth()
    {
        var posts = new Option<int>("--posts") { Description = $"Posts to write, events included ({SynthOptions.MinPosts:N0} to {SynthOptions.MaxPosts:N0}).", DefaultValueFactory = _ => 100_000 };
        var days = new Option<int>("--days") { Description = $"Days the stream spans ({SynthOptions.MinDays} to {SynthOptions.MaxDays}). Events need 3 days; the slow sentiment decline needs 7.", DefaultValueFactory = _ => 30 };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed and options give byte-identical files.", DefaultValueFactory = _ => 7 };
        var start = new Option<string?>("--start") { Description = "First instant (ISO-8601, truncated to the hour). Default 2026-10-01T00:00Z, fixed so output never depends on today." };
        var outFile = new Option<string>("--out") { Description = "Posts JSONL to write (one snake_case SocialPost per line).", DefaultValueFactory = _ => "data/synth/posts.jsonl" };
        var truth = new Option<string>("--truth") { Description = "Truth JSON to write (events, segments); the labels TSV goes beside it as FILE.labels.tsv.", DefaultValueFactory = _ => "data/synth/truth.json" };
        var brandsOut = new Option<string?>("--brands-out") { Description = "Watchlist JSON to write. Default: the configured watchlist (--brands, $MKT_BRANDS, else data/brands.json), which is not replaced if it holds a different watchlist." };
        var nonEnglish = new Option<double>("--non-english") { Description = "Share of posts in French, Spanish or German (0 to 0.3).", DefaultValueFactory = _ => 0.03 };
        var json = JsonOption.Create();
        var cmd = new Command("synth", "Write a deterministic synthetic social stream with ground truth: posts JSONL, truth JSON, labels TSV and the matching brand watchlist.")
        {
            posts, days, seed, start, outFile, truth, brandsOut, nonEnglish, json,
        };
        return cmd.WithAction((ctx, parse, ct) =>
        {
            var options = new SynthOptions
            {
                Posts = parse.GetValue(posts),
                Days = parse.GetValue(days),
                Seed = parse.GetValue(seed),
                Start = TimeArgument.Parse(parse.GetValue(start), "--start") ?? SynthOptions.DefaultStart,
                NonEnglishShare = parse.GetValue(nonEnglish),
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException ex)
            {
                var message = ex.Message;
                var cut = message.IndexOf(" (Parameter", StringComparison.Ordinal);
                throw new UsageException(OptionName(ex.ParamName) + ": " + (cut >= 0 ? message[..cut] : message));
            }

            var postsPath = parse.GetValue(outFile)!;
            var truthPath = parse.GetValue(truth)!;
            if (string.IsNullOrWhiteSpace(postsPath) || string.IsNullOrWhiteSpace(truthPath))
            {
                throw new UsageException("--out and --truth need a file path.");
            }

            if (SamePath(postsPath, truthPath))
            {
                throw new UsageException("--out and --truth must be different files.");
            }

            var generator = new SynthGenerator(options);
            var watchlistPath = BrandsTarget(ctx, parse.GetValue(brandsOut), generator.Watchlist.ToJson());
            var files = new SynthFiles { Posts = postsPath, Truth = truthPath, Watchlist = watchlistPath };
            var total = options.Posts;
            ctx.Error.WriteLine($"synth: {total:N0} posts over {options.Days} days from {generator.Start:yyyy-MM-dd HH:mm}Z, seed {options.Seed}, {generator.Truth.Events.Count} events");
            var summary = SynthWriter.Write(generator, files, n =>
            {
                ctx.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\rsynth: {n:N0}/{total:N0} posts ({100.0 * n / total:0}%)"));
            }, ct);
            ctx.Error.WriteLine();
            if (parse.GetValue(json))
            {
                ctx.WriteJson(summary);
            }
            else
            {
                ctx.Out.WriteLine($"wrote {summary.Posts:N0} posts to {files.Posts} in {summary.Seconds:0.0} s ({summary.PostsPerSecond:N0} posts/s)");
                ctx.Out.WriteLine($"truth   {files.Truth}: {summary.Events} events, {summary.Segments} segments, {summary.Authors:N0} authors");
                ctx.Out.WriteLine($"labels  {files.LabelsPath}: {summary.Labels["positive"]:N0} positive, {summary.Labels["neutral"]:N0} neutral, {summary.Labels["negative"]:N0} negative");
                if (watchlistPath is not null)
                {
                    ctx.Out.WriteLine($"brands  {watchlistPath}: {summary.Brands} brands (use it with --brands {watchlistPath})");
                }

                foreach (var e in generator.Truth.Events)
                {
                    ctx.Out.WriteLine($"event   {e.Kind,-20} {e.Brand,-10} {e.Start:MM-dd HH:mm} .. {e.End:MM-dd HH:mm}  peak {e.Peak:MM-dd HH:mm}  +{e.ExtraPosts:N0} posts  {string.Join(' ', e.Terms)}");
                }
            }

            return Task.FromResult(ExitCodes.Ok);
        });
    }

    /// <summary>
    /// Where the watchlist goes. An explicit --brands-out is always written. Otherwise the configured watchlist path
    /// is used, so that later commands match brands without extra options, unless a different watchlist is there:
    /// a curated watchlist is never overwritten silently.
    /// </summary>
    private static string? BrandsTarget(CliContext ctx, string? explicitPath, string json)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return explicitPath;
        }

        var configured = ctx.Options.Brands;
        if (File.Exists(configured) && File.ReadAllText(configured).TrimEnd() != json.TrimEnd())
        {
            throw new InvalidOperationException(
                $"{configured} already holds a different brand watchlist; not replacing it. Pass --brands-out FILE to write the synthetic watchlist elsewhere (and --brands FILE to use it).");
        }

        return configured;
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);

    private static string OptionName(string? param) => param switch
    {
        nameof(SynthOptions.Posts) => "--posts",
        nameof(SynthOptions.Days) => "--days",
        nameof(SynthOptions.NonEnglishShare) => "--non-english",
        nameof(SynthOptions.Start) => "--start",
        _ => "synth",
    };
}
