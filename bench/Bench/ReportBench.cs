using System.CommandLine;
using System.Diagnostics;
using Marketing.Core.Domain;
using Marketing.Core.Storage;
using Marketing.Reports;
using Marketing.Reports.Model;
using Marketing.Reports.Notebook;
using Marketing.Synth;
using Microsoft.Extensions.Logging;

namespace Marketing.Bench;

/// <summary>
/// Time to write a 7-day report over a large store: <c>mkt-bench report --posts 1000000</c>. The store is filled once
/// from the synthetic stream (brand and true label applied, as the pipeline would) and reused through --db.
/// </summary>
public static class ReportBench
{
    public static IEnumerable<Command> Create()
    {
        var posts = new Option<int>("--posts") { Description = "Posts in the store (filled from the synthetic stream when it has fewer).", DefaultValueFactory = _ => 1_000_000 };
        var days = new Option<int>("--days") { Description = "Days the synthetic stream spans.", DefaultValueFactory = _ => 30 };
        var period = new Option<string>("--period") { Description = "Report period, ending at the end of the last stored day.", DefaultValueFactory = _ => "7d" };
        var db = new Option<string?>("--db") { Description = "Store to use; default bench/results/report-bench-POSTS.db (kept for reuse)." };
        var runs = new Option<int>("--runs") { Description = "Timed report runs (the first is reported separately as cold).", DefaultValueFactory = _ => 3 };
        var export = new Option<bool>("--export") { Description = "Also time a notebook export of the same period." };
        var verbose = new Option<bool>("--verbose") { Description = "Log each step of the report to stderr with timestamps (to see where the time goes)." };
        var cmd = new Command("report", "Seconds to write a report (HTML, Markdown, JSON, charts) over a store of N posts; target <= 10 s for 7 days over 1M.")
        {
            posts, days, period, db, runs, export, verbose,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(posts);
            var target = parse.GetValue(db) ?? Path.Combine("bench", "results", $"report-bench-{n}.db");
            await using var store = await StoreFactory.OpenAsync(target, null, ct);
            var fill = await FillAsync(store, n, parse.GetValue(days), ct);
            var span = await store.GetTimeSpanAsync(ct) ?? throw new InvalidOperationException("The store is empty.");
            var range = ReportPeriod.Resolve(null, null, ReportPeriod.ParseLength(parse.GetValue(period)!), DateTimeOffset.UtcNow, span);
            var outRoot = Path.Combine(Path.GetTempPath(), "mkt-report-bench-" + Guid.NewGuid().ToString("N")[..8]);
            var times = new List<double>();
            ReportResult? last = null;
            using var loggers = LoggerFactory.Create(b =>
            {
                if (parse.GetValue(verbose))
                {
                    b.SetMinimumLevel(LogLevel.Debug).AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ");
                    b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
                }
            });
            for (var i = 0; i < Math.Max(1, parse.GetValue(runs)); i++)
            {
                var sw = Stopwatch.StartNew();
                last = await new ReportWriter(loggers: loggers).WriteAsync(store, new ReportRequest { OutDir = Path.Combine(outRoot, "r" + i), Period = range }, ct);
                times.Add(sw.Elapsed.TotalSeconds);
                Console.Error.WriteLine($"report run {i + 1}: {sw.Elapsed.TotalSeconds:0.00} s");
            }

            double? exportSeconds = null;
            long? exported = null;
            if (parse.GetValue(export))
            {
                var sw = Stopwatch.StartNew();
                var r = await new NotebookExporter().ExportAsync(store, new NotebookExportRequest { OutDir = Path.Combine(outRoot, "export"), Range = range }, ct);
                exportSeconds = Math.Round(sw.Elapsed.TotalSeconds, 2);
                exported = r.Rows["posts"];
            }

            var stats = await store.GetStatsAsync(ct);
            var mentions = last!.Data.Kpis.Single(k => k.Name == "mentions").Value;
            BenchResult.Write("report", new
            {
                machine = BenchResult.Machine(),
                backend = store.Backend,
                stored_posts = stats.Posts,
                filled_now = fill,
                period = new { start = range.Start, end = range.End },
                mentions_in_period = mentions,
                cold_seconds = Math.Round(times[0], 2),
                warm_seconds = times.Count > 1 ? Math.Round(times.Skip(1).Average(), 2) : (double?)null,
                max_seconds = Math.Round(times.Max(), 2),
                target_seconds = 10,
                within_target = times.Max() <= 10,
                notebook_export_seconds = exportSeconds,
                notebook_export_posts = exported,
                command = $"dotnet run -c Release --project bench/Bench -- report --posts {n}",
            });
            Directory.Delete(outRoot, recursive: true);
            return times.Max() <= 10 ? 0 : 1;
        });
        return [cmd];
    }

    /// <summary>Fills the store from the synthetic stream when it holds fewer than <paramref name="n"/> posts; returns how many were written.</summary>
    private static async Task<long> FillAsync(IPostStore store, int n, int days, CancellationToken ct)
    {
        var have = (await store.GetStatsAsync(ct)).Posts;
        if (have >= n)
        {
            Console.Error.WriteLine($"reusing {store.DisplayName}: {have:N0} posts");
            return 0;
        }

        var gen = new SynthGenerator(new SynthOptions { Posts = n, Days = days, Seed = 7 });
        var batch = new List<SocialPost>(5000);
        long written = 0;
        var sw = Stopwatch.StartNew();
        foreach (var p in gen.Generate())
        {
            // What the pipeline would have added: the brand the post was written about and a sentiment label.
            p.Post.Brands = p.Brand is { } b ? [b] : [];
            p.Post.Sentiment = new SentimentResult(p.Truth, p.Truth == SentimentLabel.Negative ? 0.8f : 0.1f, p.Truth == SentimentLabel.Neutral ? 0.8f : 0.1f,
                p.Truth == SentimentLabel.Positive ? 0.8f : 0.1f, "truth", "synth");
            batch.Add(p.Post);
            if (batch.Count == 5000)
            {
                await store.UpsertPostsAsync(batch, ct);
                written += batch.Count;
                batch.Clear();
                if (written % 100_000 == 0)
                {
                    Console.Error.Write($"\rfilling {written:N0}/{n:N0} ({written / sw.Elapsed.TotalSeconds:N0} posts/s)");
                }
            }
        }

        await store.UpsertPostsAsync(batch, ct);
        written += batch.Count;
        Console.Error.WriteLine($"\rfilled {written:N0} posts in {sw.Elapsed.TotalSeconds:0} s");
        return written;
    }
}
