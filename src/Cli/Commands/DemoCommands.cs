using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Marketing.Synth.Truth;
using Marketing.Core.Json;

namespace Marketing.Cli.Commands;

/// <summary>
/// <c>mkt demo</c>: the whole job on embedded defaults, step by step through the same commands a person would run:
/// synthesize a stream, train sentiment on its labels, push it through the embedded Kafka and the consumer into the
/// store (scored on the way), find trends, topics and segments, draft copy and targeting for the top brand, then write
/// a report and a notebook export.
/// </summary>
public static class DemoCommands
{
    public static IEnumerable<Command> Create() => [Demo()];

    private static Command Demo()
    {
        var posts = new Option<int>("--posts") { Description = "Synthetic posts to generate.", DefaultValueFactory = _ => 40_000 };
        var days = new Option<int>("--days") { Description = "Days the stream spans.", DefaultValueFactory = _ => 21 };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic stream.", DefaultValueFactory = _ => 7 };
        var outDir = new Option<string>("--out") { Description = "Folder for the demo's files (stream, model, drafts, report, notebook).", DefaultValueFactory = _ => "out/demo" };
        var cmd = new Command("demo", "Run the main job end to end on embedded defaults: synth -> train -> Kafka (embedded) -> store -> trends -> drafts -> report + notebook.")
        {
            posts, days, seed, outDir,
        };
        return cmd.WithAction(async (ctx, parse, ct) =>
        {
            var dir = Path.GetFullPath(parse.GetValue(outDir)!);
            Directory.CreateDirectory(dir);
            var n = parse.GetValue(posts);
            var d = parse.GetValue(days);
            if (n < 1000 || d < 7)
            {
                throw new UsageException("The demo needs --posts of 1000 or more and --days of 7 or more (its events need a week).");
            }

            var inv = CultureInfo.InvariantCulture;
            var db = ctx.Options.Db;
            var brands = Path.Combine(dir, "brands.json");
            var stream = Path.Combine(dir, "posts.jsonl");
            var truth = Path.Combine(dir, "truth.json");
            var model = Path.Combine(dir, "sentiment.zip");
            string[] common = ["--db", db, "--brands", brands];
            // The demo's model stays in its folder: a model trained on real data in models/ is never replaced.
            var previousModel = Environment.GetEnvironmentVariable("MKT__Marketing__Model");
            Environment.SetEnvironmentVariable("MKT__Marketing__Model", model);
            var clock = Stopwatch.StartNew();
            try
            {
                if (File.Exists(brands))
                {
                    File.Delete(brands);
                }

                await Step(ctx, "1/11 synthesize a social stream with ground truth",
                    ["synth", "--posts", n.ToString(inv), "--days", d.ToString(inv), "--seed", parse.GetValue(seed).ToString(inv), "--out", stream, "--truth", truth, "--brands-out", brands, .. common], ct);
                await Step(ctx, "2/11 train the sentiment model on the stream's labels",
                    ["train", "--data", truth + ".labels.tsv", "--out", model, .. common], ct);
                await Step(ctx, "3/11 Kafka (embedded mock cluster) -> consumer -> score -> store",
                    ["consume", "--bootstrap", "embedded", "--topic", "posts", "--group", "demo", "--from", stream, "--until-idle", "5", .. common], ct);
                await Step(ctx, "4/11 what is stored", ["stats", .. common], ct);
                await Step(ctx, "5/11 trends: bursts, shifts, share of voice", ["trends", "--top", "5", .. common], ct);
                await Step(ctx, "6/11 trends scored against the injected events", ["trends", "--evaluate", truth, .. common], ct);
                await Step(ctx, "7/11 topics", ["topics", .. common], ct);
                await Step(ctx, "8/11 audience segments", ["segments", .. common], ct);
                var top = TopBrand(truth);
                var drafts = Path.Combine(dir, "drafts");
                await Step(ctx, $"9/11 drafts and targeting for {top}",
                    ["generate", "--brand", top, "--channels", "all", "--segments", "auto", "--variants", "2", "--out", drafts, .. common], ct);
                var report = Path.Combine(dir, "report");
                var notebook = Path.Combine(dir, "notebook");
                await Step(ctx, "10/11 report", ["report", "--out", report, "--drafts", drafts, .. common], ct);
                await Step(ctx, "11/11 notebook export", ["export", "notebook", "--out", notebook, .. common], ct);

                ctx.Out.WriteLine();
                ctx.Out.WriteLine($"demo finished in {clock.Elapsed.TotalSeconds:0} s");
                ctx.Out.WriteLine($"  store     {db}");
                ctx.Out.WriteLine($"  report    {Path.Combine(report, "report.html")}");
                ctx.Out.WriteLine($"  notebook  {Path.Combine(notebook, "analysis.ipynb")}");
                ctx.Out.WriteLine($"  drafts    {Path.Combine(drafts, "drafts.md")}");
                ctx.Out.WriteLine($"next: dotnet run --project src/Cli -- serve --brands {brands}   (dashboard on http://127.0.0.1:5080)");
                return ExitCodes.Ok;
            }
            catch (DemoStepFailed ex)
            {
                await ctx.Error.WriteLineAsync($"mkt demo: step '{ex.Message}' failed (exit {ex.Code}); see its message above.");
                return ExitCodes.Failure;
            }
            finally
            {
                Environment.SetEnvironmentVariable("MKT__Marketing__Model", previousModel);
            }
        });
    }

    private static async Task Step(CliContext ctx, string title, string[] args, CancellationToken ct)
    {
        ctx.Out.WriteLine();
        ctx.Out.WriteLine($"== {title}");
        ctx.Out.WriteLine($"   mkt {string.Join(' ', args.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a))}");
        var code = await CliApp.RunAsync(args, ct);
        if (code != ExitCodes.Ok)
        {
            throw new DemoStepFailed(title, code);
        }
    }

    /// <summary>The brand with the most events in the truth: the one with the most to say.</summary>
    private static string TopBrand(string truthPath)
    {
        var truth = SnakeCaseJson.Deserialize<SynthTruth>(File.ReadAllText(truthPath))!;
        return truth.Events.GroupBy(e => e.Brand).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
    }

    private sealed class DemoStepFailed(string step, int code) : Exception(step)
    {
        public int Code { get; } = code;
    }
}
