using System.CommandLine;
using System.Diagnostics;
using Marketing.Synth;
using Marketing.Synth.Output;

namespace Marketing.Bench;

/// <summary>Synthetic stream speed: <c>mkt-bench synth --posts 1000000</c> (the target is 1M posts in under 60 s).</summary>
public static class SynthBench
{
    public static IEnumerable<Command> Create()
    {
        var posts = new Option<int>("--posts") { Description = "Posts to generate and write.", DefaultValueFactory = _ => 1_000_000 };
        var days = new Option<int>("--days") { Description = "Days the stream spans.", DefaultValueFactory = _ => 30 };
        var seed = new Option<int>("--seed") { Description = "Seed.", DefaultValueFactory = _ => 7 };
        var sequential = new Option<bool>("--sequential") { Description = "Generate and serialize on one thread (default: two threads in a pipeline)." };
        var cmd = new Command("synth", "Generate and write the synthetic stream (posts JSONL, labels TSV, truth, watchlist) to a scratch folder; report posts/s. Also times generation alone.") { posts, days, seed, sequential };
        cmd.SetAction((parse, ct) =>
        {
            var options = new SynthOptions { Posts = parse.GetValue(posts), Days = parse.GetValue(days), Seed = parse.GetValue(seed) };
            var dir = Path.Combine("bench", "results", $"synth-bench-{Guid.NewGuid():N}");
            try
            {
                // Generation alone (no serialization, no disk) shows how the time splits.
                var process = Process.GetCurrentProcess();
                var cpu0 = process.TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                var generator = new SynthGenerator(options);
                var count = 0L;
                foreach (var p in generator.Generate())
                {
                    count += p.Post.Text.Length > 0 ? 1 : 0;
                }

                var generateSeconds = sw.Elapsed.TotalSeconds;
                process.Refresh();
                var cpu1 = process.TotalProcessorTime;
                sw.Restart();
                var files = new SynthFiles
                {
                    Posts = Path.Combine(dir, "posts.jsonl"),
                    Truth = Path.Combine(dir, "truth.json"),
                    Watchlist = Path.Combine(dir, "brands.json"),
                };
                var summary = SynthWriter.Write(new SynthGenerator(options), files, !parse.GetValue(sequential), n => Console.Error.Write($"\r{n:N0}/{options.Posts:N0}"), ct);
                var totalSeconds = sw.Elapsed.TotalSeconds;
                process.Refresh();
                var cpu2 = process.TotalProcessorTime;
                Console.Error.WriteLine();
                var bytes = new FileInfo(files.Posts).Length;
                BenchResult.Write("synth", new
                {
                    machine = BenchResult.Machine(),
                    posts = summary.Posts,
                    days = options.Days,
                    seed = options.Seed,
                    events = summary.Events,
                    pipelined = !parse.GetValue(sequential),
                    seconds = Math.Round(totalSeconds, 2),
                    posts_per_s = Math.Round(summary.Posts / totalSeconds),
                    // CPU seconds of this process: on a shared machine wall time includes waiting for a core.
                    cpu_seconds = Math.Round((cpu2 - cpu1).TotalSeconds, 2),
                    generate_only_seconds = Math.Round(generateSeconds, 2),
                    generate_only_posts_per_s = Math.Round(count / generateSeconds),
                    generate_only_cpu_seconds = Math.Round((cpu1 - cpu0).TotalSeconds, 2),
                    jsonl_mb = Math.Round(bytes / 1e6, 1),
                    target = "1M posts in under 60 s",
                    command = $"dotnet run -c Release --project bench/Bench -- synth --posts {options.Posts} --days {options.Days} --seed {options.Seed}{(parse.GetValue(sequential) ? " --sequential" : "")}",
                });
                return Task.FromResult(count == options.Posts && summary.Posts == options.Posts ? 0 : 1);
            }
            finally
            {
                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir, recursive: true);
                }
            }
        });
        return [cmd];
    }
}
