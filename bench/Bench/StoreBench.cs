using System.CommandLine;
using System.Diagnostics;
using Marketing.Core.Domain;
using Marketing.Core.Storage;

namespace Marketing.Bench;

/// <summary>Bulk upsert rate into the store: <c>mkt-bench store --posts 1000000</c>.</summary>
public static class StoreBench
{
    public static IEnumerable<Command> Create()
    {
        var posts = new Option<int>("--posts") { Description = "Posts to write.", DefaultValueFactory = _ => 1_000_000 };
        var batch = new Option<int>("--batch") { Description = "Posts per upsert batch (one transaction each).", DefaultValueFactory = _ => 5000 };
        var db = new Option<string?>("--db") { Description = "Store to write to; default a fresh SQLite file under bench/results/." };
        var timeOrder = new Option<string>("--order")
        {
            Description = "Creation times of the generated posts: 'stream' (arrival order with up to 5 minutes of jitter, like a live feed or `mkt synth`) or 'random' (uniform over 30 days, the worst case for the time indexes).",
            DefaultValueFactory = _ => "stream",
        };
        timeOrder.AcceptOnlyFromAmong("stream", "random");
        var cmd = new Command("store", "Bulk upsert rate (posts/s) into a fresh store, then a second pass of the same posts (all updates).") { posts, batch, db, timeOrder };
        cmd.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(posts);
            var size = parse.GetValue(batch);
            var order = parse.GetValue(timeOrder)!;
            var target = parse.GetValue(db) ?? Path.Combine("bench", "results", $"store-bench-{Guid.NewGuid():N}.db");
            var data = MakePosts(n, order == "random");
            await WarmUpAsync(data, size, ct);

            // The generated posts (about 1 GB for 1M) are promoted to the old generation now, not by the first
            // collections of the timed insert, which then took 0.3-0.5 s of pauses copying the bench's own data.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            await using var store = await StoreFactory.OpenAsync(target, null, ct);
            var insert = await Run(store, data, size, ct);
            var update = await Run(store, data, size, ct);
            Console.Error.WriteLine($"insert: {insert.Wall.TotalSeconds:0.00} s wall, {insert.Cpu.TotalSeconds:0.00} s CPU; again: {update.Wall.TotalSeconds:0.00} s wall, {update.Cpu.TotalSeconds:0.00} s CPU");
            var stats = await store.GetStatsAsync(ct);
            BenchResult.Write("store", new
            {
                machine = BenchResult.Machine(),
                backend = store.Backend,
                posts = n,
                batch = size,
                time_order = order,
                insert_posts_per_s = Math.Round(n / insert.Wall.TotalSeconds),
                upsert_again_posts_per_s = Math.Round(n / update.Wall.TotalSeconds),
                // CPU time (user + sys, all threads) per post: what an idle machine's wall time tends to when the
                // write path is single-threaded; under load it is the figure to compare.
                insert_cpu_us_per_post = Math.Round(insert.Cpu.TotalMicroseconds / n, 2),
                upsert_again_cpu_us_per_post = Math.Round(update.Cpu.TotalMicroseconds / n, 2),
                insert_posts_per_cpu_s = Math.Round(n / insert.Cpu.TotalSeconds),
                upsert_again_posts_per_cpu_s = Math.Round(n / update.Cpu.TotalSeconds),
                stored = stats.Posts,
                command = $"dotnet run -c Release --project bench/Bench -- store --posts {n} --batch {size} --order {order}",
            });
            if (store.Backend == "sqlite" && parse.GetValue(db) is null)
            {
                await store.DisposeAsync();
                foreach (var f in Directory.GetFiles(Path.GetDirectoryName(target)!, Path.GetFileName(target) + "*"))
                {
                    File.Delete(f);
                }
            }

            return stats.Posts == n ? 0 : 1;
        });
        return [cmd];
    }

    // The figures are for a long-running writer (a consumer), so the write path is compiled to its final tier first,
    // on a throwaway store: rounds of 40 small batches of new posts then the same again, with pauses in which the
    // JIT's background thread recompiles the hot methods (without them it still did so during the timed insert).
    private static async Task WarmUpAsync(List<SocialPost> data, int size, CancellationToken ct)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"mkt-store-bench-warmup-{Guid.NewGuid():N}");
        try
        {
            await using (var warm = await StoreFactory.OpenAsync(Path.Combine(dir, "warm.db"), null, ct))
            {
                var batchSize = Math.Max(1, Math.Min(size, 250));
                var next = 0;
                for (var round = 0; round < 3; round++)
                {
                    var first = next;
                    for (var pass = 0; pass < 2; pass++)
                    {
                        next = first;
                        for (var b = 0; b < 40; b++)
                        {
                            var start = next % data.Count;
                            await warm.UpsertPostsAsync(data.GetRange(start, Math.Min(batchSize, data.Count - start)), ct);
                            next += batchSize;
                        }
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
                }
            }
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private static async Task<(TimeSpan Wall, TimeSpan Cpu)> Run(IPostStore store, List<SocialPost> data, int size, CancellationToken ct)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var (alloc0, pause0, gen0, gen2) = (GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(2));
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < data.Count; i += size)
        {
            await store.UpsertPostsAsync(data.GetRange(i, Math.Min(size, data.Count - i)), ct);
            if (i % (size * 40) == 0)
            {
                Console.Error.Write($"\r{i + size:N0}/{data.Count:N0}");
            }
        }

        var wall = sw.Elapsed;
        process.Refresh();
        Console.Error.WriteLine();
        Console.Error.WriteLine($"allocated {(GC.GetTotalAllocatedBytes() - alloc0) / data.Count} B per post; GC pauses {(GC.GetTotalPauseDuration() - pause0).TotalMilliseconds:0} ms, {GC.CollectionCount(0) - gen0} gen0 and {GC.CollectionCount(2) - gen2} gen2 collections");
        return (wall, process.TotalProcessorTime - cpu0);
    }

    // Posts shaped like the synthetic stream: ~120 characters, hashtags, a brand or two, engagement and a score.
    // Stream order: posts arrive in creation order give or take a few minutes (a live feed, or `mkt synth`, which is
    // time-ordered); the time indexes then grow at their tail. Random order scatters every batch over the whole index.
    private static List<SocialPost> MakePosts(int n, bool randomTimes)
    {
        var rng = new Random(7);
        var brands = new[] { "acme", "globex", "initech", "umbrella", "hooli" };
        var words = "the new phone battery is great awful love hate support outage launch price deal service network camera screen fast slow".Split(' ');
        var t0 = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
        var list = new List<SocialPost>(n);
        for (var i = 0; i < n; i++)
        {
            var b = brands[rng.Next(brands.Length)];
            var text = string.Join(' ', Enumerable.Range(0, 20).Select(_ => words[rng.Next(words.Length)])) + " " + b;
            var label = (SentimentLabel)rng.Next(3);
            list.Add(new SocialPost
            {
                Platform = "synth",
                PostId = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Author = new Author { Id = "u" + rng.Next(n / 10 + 1), Handle = "user" + i % 5000, Followers = rng.Next(100_000), Location = "Paris" },
                Text = text,
                Language = "en",
                CreatedAt = randomTimes ? t0.AddSeconds(rng.Next(30 * 86_400)) : t0.AddSeconds((30.0 * 86_400 * i / n) + rng.Next(-300, 300)),
                Engagement = new Engagement { Likes = rng.Next(100), Shares = rng.Next(10), Replies = rng.Next(10), Views = rng.Next(10_000) },
                Hashtags = [b, words[rng.Next(words.Length)]],
                Brands = rng.Next(5) == 0 ? [b, brands[(Array.IndexOf(brands, b) + 1) % brands.Length]] : [b],
                Sentiment = new SentimentResult(label, 0.2f, 0.3f, 0.5f, "model", "bench"),
            });
        }

        return list;
    }
}
