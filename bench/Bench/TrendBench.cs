using System.CommandLine;
using System.Diagnostics;
using Marketing.Analysis.Trends;
using Marketing.Core.Brands;
using Marketing.Core.Domain;
using Marketing.Core.Storage;
using Marketing.Synth;
using Microsoft.Extensions.Logging;

namespace Marketing.Bench;

/// <summary>
/// <c>mkt-bench trends --posts 1000000</c>: fills a SQLite store from the synthetic generator (true labels as sentiment,
/// scorer <c>truth</c>; brands by the watchlist matcher, as ingest does), then times hourly trends over every brand for
/// the whole window, and scores the detected events against the generator's truth. A store that already holds the posts
/// (<c>--db</c>) is reused, so the slow fill happens once.
/// </summary>
public static class TrendBench
{
    public static IEnumerable<Command> Create()
    {
        var posts = new Option<int>("--posts") { Description = "Synthetic posts in the store.", DefaultValueFactory = _ => 1_000_000 };
        var days = new Option<int>("--days") { Description = "Days the stream spans.", DefaultValueFactory = _ => 30 };
        var seed = new Option<int>("--seed") { Description = "Synth seed.", DefaultValueFactory = _ => 7 };
        var db = new Option<string?>("--db") { Description = "SQLite file to fill or reuse; default bench/results/trends-POSTS-DAYS-SEED.db." };
        var repeat = new Option<int>("--repeat") { Description = "Timed runs (the median is reported).", DefaultValueFactory = _ => 3 };
        var verbose = new Option<bool>("--verbose") { Description = "Log each step of the analysis to stderr with timestamps (to see where the time goes)." };
        var cmd = new Command("trends", "Hourly trends over all brands for the whole window on a synthetic store: seconds, and recall/precision against the truth.")
        {
            posts, days, seed, db, repeat, verbose,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            var options = new SynthOptions { Posts = parse.GetValue(posts), Days = parse.GetValue(days), Seed = parse.GetValue(seed) };
            var target = parse.GetValue(db) ?? Path.Combine("bench", "results", $"trends-{options.Posts}-{options.Days}-{options.Seed}.db");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
            await using var store = await StoreFactory.OpenAsync(target, null, ct);
            var generator = new SynthGenerator(options);
            var fillSeconds = await FillAsync(store, generator, ct);

            var coreQuery = new TrendQuery { Since = generator.Start, Until = generator.End, Bucket = BucketSize.Hour, MaxHashtags = 0, MaxExplained = 0, SamplePosts = 0, IncludeSeries = true };
            var withTags = coreQuery with { MaxHashtags = 100 };
            var full = coreQuery with
            {
                MaxHashtags = 100,
                MaxExplained = 25,
                SamplePosts = 20_000,
                Competitors = generator.Watchlist.Brands.ToDictionary(b => b.Id, b => (IReadOnlyList<string>)b.Competitors, StringComparer.Ordinal),
            };
            var n = Math.Max(1, parse.GetValue(repeat));
            using var loggers = LoggerFactory.Create(b =>
            {
                if (parse.GetValue(verbose))
                {
                    b.SetMinimumLevel(LogLevel.Debug).AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ");
                    b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
                }
            });
            var analyzer = new TrendAnalyzer(store, logger: loggers.CreateLogger<TrendAnalyzer>());
            var core = await TimeAsync(analyzer, coreQuery, n, ct);
            var tags = await TimeAsync(analyzer, withTags, n, ct);
            var whole = await TimeAsync(analyzer, full, 1, ct);

            var truth = generator.Truth.Events.Select(e => new ExpectedEvent(e.Kind, e.Brand, e.Start, e.Peak, e.End, e.Id, e.Competitor)).ToList();
            var eval = TrendEvaluator.Evaluate(truth, TrendEvaluator.Detections(whole.Report), TimeSpan.FromHours(1));
            var stats = await store.GetStatsAsync(ct);
            BenchResult.Write("trends", new
            {
                machine = BenchResult.Machine(),
                backend = store.Backend,
                posts = stats.Posts,
                days = options.Days,
                brands = core.Report.Series.Count,
                hourly_buckets = core.Report.Series.FirstOrDefault()?.Points.Count ?? 0,
                fill_seconds = fillSeconds,
                brand_series_and_bursts_seconds = core.Median,
                with_hashtag_series_seconds = tags.Median,
                full_report_seconds = whole.Median,
                bursts = whole.Report.Bursts.Count,
                recall = eval.Recall,
                precision = eval.Precision,
                peak_error_buckets = eval.PeakErrorBuckets,
                max_peak_error_buckets = eval.MaxPeakErrorBuckets,
                missed = eval.Matches.Where(m => m.Detected is null).Select(m => m.Expected.Id).ToList(),
                false_positives = eval.FalsePositives.Select(f => f.Id).ToList(),
                command = $"dotnet run -c Release --project bench/Bench -- trends --posts {options.Posts} --days {options.Days} --seed {options.Seed} --db {target}",
            });
            return 0;
        });
        return [cmd];
    }

    private static async Task<(double Median, TrendReport Report)> TimeAsync(TrendAnalyzer analyzer, TrendQuery query, int n, CancellationToken ct)
    {
        var times = new List<double>();
        TrendReport? last = null;
        for (var i = 0; i < n; i++)
        {
            var sw = Stopwatch.StartNew();
            last = await analyzer.AnalyzeAsync(query, ct);
            times.Add(Math.Round(sw.Elapsed.TotalSeconds, 3));
            Console.Error.WriteLine($"trends: {times[^1]:0.000} s ({last.Bursts.Count} bursts, {last.Series.Count} series)");
        }

        times.Sort();
        return (times[times.Count / 2], last!);
    }

    /// <summary>Writes the synthetic stream into the store unless it already holds it; returns the seconds spent (0 when reused).</summary>
    public static async Task<double> FillAsync(IPostStore store, SynthGenerator generator, CancellationToken ct)
    {
        var have = (await store.GetStatsAsync(ct)).Posts;
        if (have >= generator.Options.Posts)
        {
            Console.Error.WriteLine($"trends: reusing {store.DisplayName} ({have:N0} posts)");
            return 0;
        }

        var sw = Stopwatch.StartNew();
        var matcher = new BrandMatcher(generator.Watchlist);
        var batch = new List<SocialPost>(5000);
        long done = 0;
        foreach (var sp in generator.Generate())
        {
            batch.Add(Label(sp, matcher));
            if (batch.Count == 5000)
            {
                await store.UpsertPostsAsync(batch, ct);
                done += batch.Count;
                batch.Clear();
                if (done % 100_000 == 0)
                {
                    Console.Error.WriteLine($"trends: filled {done:N0}/{generator.Options.Posts:N0} ({done / sw.Elapsed.TotalSeconds:N0} posts/s)");
                }
            }
        }

        await store.UpsertPostsAsync(batch, ct);
        return Math.Round(sw.Elapsed.TotalSeconds, 1);
    }

    /// <summary>A synthetic post as the pipeline would store it: brands matched from the text, its true label as sentiment.</summary>
    public static SocialPost Label(SynthPost sp, BrandMatcher matcher)
    {
        var p = sp.Post;
        p.Brands = matcher.Match(p.Text, p.Mentions, p.Hashtags);
        p.Sentiment = new SentimentResult(sp.Truth, sp.Truth == SentimentLabel.Negative ? 1 : 0, sp.Truth == SentimentLabel.Neutral ? 1 : 0, sp.Truth == SentimentLabel.Positive ? 1 : 0, "truth", null);
        return p;
    }
}
