using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Marketing.Core.Brands;
using Marketing.Core.Domain;
using Marketing.Core.Json;
using Marketing.Core.Storage;
using Marketing.Ingest;
using Marketing.Ingest.Pipeline;

namespace Marketing.Bench;

/// <summary>
/// File -> store throughput without scoring: <c>mkt-bench ingest --posts 500000</c>. Measures parse + normalize
/// alone (no store) and the whole file -> SQLite path, so the decoder's share is known apart from the store's.
/// </summary>
public static class IngestBench
{
    private static readonly string[] Brands = ["Acme", "Globex", "Initech", "Umbrella", "Hooli"];

    private static readonly string[] Templates =
    [
        "Just tried the new {0} phone and honestly the battery life is amazing #{1} @{2}",
        "Why is {0} customer service so slow?? waited 2 hours &amp; still nothing https://help.example/{3}",
        "Le nouveau {0} est vraiment très bien, je le recommande à tout le monde #{1}",
        "RT @{2}: Big sale at {0} this weekend only, get yours before it ends https://shop.example/{3}",
        "{0} vs the competition: a thread on pricing, features and support quality",
        "Der Kundendienst von {0} ist leider nicht gut, aber das Produkt ist sehr solide",
        "Can't believe {0} dropped the price again, bought two already #deal #{1}",
        "El servicio de {0} es muy lento pero la aplicación funciona bien",
    ];

    public static IEnumerable<Command> Create()
    {
        var posts = new Option<int>("--posts") { Description = "Posts in the generated JSONL file.", DefaultValueFactory = _ => 500_000 };
        var db = new Option<string?>("--db") { Description = "Store to write to; default a fresh SQLite file under bench/results/." };
        var parallelism = new Option<int>("--parallelism") { Description = "Decoding threads (default: the processor count).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var only = new Option<string>("--only") { Description = "Run only one phase: parse (decode + normalize, no store), store (file -> store), or all.", DefaultValueFactory = _ => "all" };
        var batch = new Option<int>("--batch") { Description = "Posts per batch (decoded together, written in one transaction).", DefaultValueFactory = _ => new IngestOptions().BatchSize };
        var gcLog = new Option<bool>("--gc-log") { Description = "Print every garbage collection (generation, reason, pause, promoted bytes) to stderr." };
        var runnable = new Option<bool>("--runnable") { Description = "Sample how many threads want a core during file -> store (every 5 ms from /proc/self/task): fewer than 2 is a core an idle machine would leave unused." };
        var cmd = new Command("ingest", "File -> store posts/s without scoring; parse + normalize posts/s alone.") { posts, db, parallelism, only, batch, gcLog, runnable };
        cmd.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(posts);
            var phase = parse.GetValue(only) ?? "all";
            if (phase is not ("all" or "parse" or "store"))
            {
                Console.Error.WriteLine("--only must be parse, store or all.");
                return 2;
            }

            using var gcEvents = parse.GetValue(gcLog) ? new GcEventLog(Console.Error) : null;
            var threads = parse.GetValue(parallelism);
            var dir = Path.Combine("bench", "results");
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, $"ingest-bench-{n}.jsonl");
            if (!File.Exists(file))
            {
                Console.Error.WriteLine($"writing {n:N0} posts to {file}");
                await WriteJsonlAsync(file, n, ct);
            }

            var bytes = new FileInfo(file).Length;
            var watchlist = BrandWatchlist.Parse("{\"brands\":[" + string.Join(",", Brands.Select(b => $"{{\"id\":\"{b.ToLowerInvariant()}\",\"aliases\":[\"{b}\"]}}")) + "]}");
            var matcher = new BrandMatcher(watchlist);

            // 1. Parse + normalize only: JSON, HTML entities, NFC, entities, brands, near-duplicates; no store.
            var decoder = RecordDecoders.Create(new IngestOptions(), matcher);
            var reader = new FileDecoder(decoder) { Parallelism = threads };
            long decoded = 0;
            var parseGc = GcStats.Now();
            var parseSplit = CpuSplit.Now();
            var cpu = Cpu();
            var sw = Stopwatch.StartNew();
            if (phase != "store")
            {
                await foreach (var batch in reader.ReadAsync(file, ct))
                {
                    decoded += batch.Posts.Count + batch.Rejects.Count;
                }
            }

            var parseSeconds = sw.Elapsed.TotalSeconds;
            var parseCpu = Cpu() - cpu;
            parseGc = GcStats.Now() - parseGc;
            parseSplit = CpuSplit.Now() - parseSplit;
            decoded = Math.Max(decoded, 1);
            Console.Error.WriteLine($"parse+normalize: {decoded:N0} in {parseSeconds:0.00} s = {decoded / parseSeconds:N0} posts/s, {parseCpu.TotalMicroseconds / decoded:0.0} us CPU/post, {parseGc.Describe(decoded)}");
            Console.Error.WriteLine($"  {parseSplit.Describe(decoded)}");
            if (phase == "parse")
            {
                return 0;
            }

            // 2. Language detection on posts that carry none (the worst case: every post goes through the detector).
            var noLang = RecordDecoders.Create(new IngestOptions(), matcher);
            var sample = File.ReadLines(file).Take(Math.Min(n, 50_000)).Select(l => Encoding.UTF8.GetBytes(l.Replace("\"language\":\"", "\"language_was\":\"", StringComparison.Ordinal))).ToArray();
            noLang.Normalizer.Languages!.Detect("warm up the statistical models with a sentence that has no stop words: qwerty zxcvb");
            sw.Restart();
            Parallel.For(0, phase == "all" ? sample.Length : 0, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = ct }, i => noLang.DecodeUnflagged(sample[i], "b", 1 << 20));
            var langSeconds = sw.Elapsed.TotalSeconds;
            var statistical = noLang.Normalizer.Languages.StatisticalCalls;

            // 3. File -> SQLite (or --db), no enrichers.
            var target = parse.GetValue(db) ?? Path.Combine(dir, $"ingest-bench-{Guid.NewGuid():N}.db");
            IngestSummary summary;
            string backend;
            TimeSpan ingestCpu;
            var storeGc = GcStats.Now();
            CpuSplit storeSplit;
            await using (var store = await StoreFactory.OpenAsync(target, null, ct))
            {
                backend = store.Backend;
                var pipeline = new IngestPipeline(store, RecordDecoders.Create(new IngestOptions { BatchSize = parse.GetValue(batch) }, matcher)) { Parallelism = threads };
                using var sampler = parse.GetValue(runnable) ? new RunnableSampler() : null;
                storeSplit = CpuSplit.Now();
                cpu = Cpu();
                sampler?.Start();
                summary = await pipeline.IngestFilesAsync([file], ct);
                var sampled = sampler?.Stop();
                ingestCpu = Cpu() - cpu;
                storeSplit = CpuSplit.Now() - storeSplit;
                if (sampled is not null)
                {
                    Console.Error.WriteLine("  " + sampled);
                }
            }

            storeGc = GcStats.Now() - storeGc;

            Console.Error.WriteLine($"file -> {backend}: {summary}; {storeGc.Describe(n)}");
            Console.Error.WriteLine($"  {storeSplit.Describe(n)}");
            Console.Error.WriteLine($"CPU (user + sys, all threads): parse+normalize {parseCpu.TotalMicroseconds / decoded:0.0} us/post, file -> {backend} {ingestCpu.TotalMicroseconds / n:0.0} us/post");
            if (parse.GetValue(db) is null)
            {
                foreach (var f in Directory.GetFiles(dir, Path.GetFileName(target) + "*"))
                {
                    File.Delete(f);
                }
            }

            if (phase != "all")
            {
                return summary.Stored == n ? 0 : 1;
            }

            BenchResult.Write("ingest", new
            {
                machine = BenchResult.Machine(),
                posts = n,
                file_mb = Math.Round(bytes / 1e6, 1),
                decode_threads = threads,
                parse_normalize_posts_per_s = Math.Round(decoded / parseSeconds),
                parse_normalize_mb_per_s = Math.Round(bytes / 1e6 / parseSeconds, 1),
                // CPU time (user + sys, all threads) per post: comparable under load, unlike the wall rates.
                parse_normalize_cpu_us_per_post = Math.Round(parseCpu.TotalMicroseconds / decoded, 2),
                language_detect_all_posts_per_s = Math.Round(sample.Length / langSeconds),
                language_detect_statistical_share = Math.Round((double)statistical / sample.Length, 3),
                backend,
                file_to_store_posts_per_s = summary.PostsPerSecond,
                file_to_store_cpu_us_per_post = Math.Round(ingestCpu.TotalMicroseconds / n, 2),
                file_to_store_gc_threads_cpu_us_per_post = Math.Round(storeSplit.Gc.TotalMicroseconds / n, 2),
                file_to_store_jit_thread_cpu_us_per_post = Math.Round(storeSplit.Jit.TotalMicroseconds / n, 2),
                file_to_store_gc_pause_s = Math.Round(storeGc.Pause.TotalSeconds, 2),
                stored = summary.Stored,
                rejected = summary.Rejected,
                near_duplicates = summary.NearDuplicates,
                target_file_to_sqlite_posts_per_s = 100_000,
                command = $"dotnet run -c Release --project bench/Bench -- ingest --posts {n}",
            });
            return summary.Stored == n ? 0 : 1;
        });
        return
        [
            cmd,
            CreateAb("ingest-ab", "", "Store writes of decoded posts, alternating between two SQLite store variants: CPU per post of each."),
            CreateAb("ingest-page-ab", "page=4096", "Store writes of decoded posts, alternating between a 4 KiB-page file and a new store file: CPU per post of each."),
        ];
    }

    /// <summary>
    /// <c>mkt-bench ingest-ab --posts 200000 --a "schema=3" --b ""</c>: the bench's posts decoded once, then written
    /// batch by batch in turn into two new SQLite stores (A and B, each batch first to one then to the other, in turn),
    /// with the process's CPU time of each write counted to its store. Alternating batches see the same load, so the
    /// comparison holds on a busy machine, where two separate runs differ by more than the effect. A variant is a
    /// list of <c>key=value</c> separated by <c>;</c>: <c>schema=N</c> (stop the migrations at version N),
    /// <c>page=BYTES</c> (make the file with that page size first), <c>reuse=0</c> (prepare the bulk statements per
    /// batch), and any other key is a PRAGMA run on the bulk connection (<c>mmap_size=268435456</c>). An empty
    /// variant is the store as the code makes it. <c>ingest-page-ab</c> is <c>--a "page=4096" --b ""</c>.
    /// </summary>
    private static Command CreateAb(string name, string defaultA, string description)
    {
        var posts = new Option<int>("--posts") { Description = "Posts to write into each store.", DefaultValueFactory = _ => 200_000 };
        var batch = new Option<int>("--batch") { Description = "Posts per batch.", DefaultValueFactory = _ => new IngestOptions().BatchSize };
        var a = new Option<string>("--a") { Description = "Variant A (see the command's description).", DefaultValueFactory = _ => defaultA };
        var b = new Option<string>("--b") { Description = "Variant B; empty: the store as the code makes it.", DefaultValueFactory = _ => "" };
        var cmd = new Command(name, description) { posts, batch, a, b };
        cmd.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(posts);
            var size = Math.Max(1, parse.GetValue(batch));
            var dir = Path.Combine("bench", "results");
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, $"ingest-bench-{n}.jsonl");
            if (!File.Exists(file))
            {
                await WriteJsonlAsync(file, n, ct);
            }

            var watchlist = BrandWatchlist.Parse("{\"brands\":[" + string.Join(",", Brands.Select(b => $"{{\"id\":\"{b.ToLowerInvariant()}\",\"aliases\":[\"{b}\"]}}")) + "]}");
            var reader = new FileDecoder(RecordDecoders.Create(new IngestOptions { BatchSize = size }, new BrandMatcher(watchlist)));
            var batches = new List<List<SocialPost>>();
            await foreach (var d in reader.ReadAsync(file, ct))
            {
                batches.Add(d.Posts);
            }

            string[] specs = [parse.GetValue(a) ?? "", parse.GetValue(b) ?? ""];
            var paths = new string[2];
            var stores = new IPostStore[2];
            var cpu = new TimeSpan[2];
            var prepareCpu = new TimeSpan[2];
            var writerCpu = new TimeSpan[2];
            var writerPosts = new long[2];
            var counted = 0;
            try
            {
                for (var k = 0; k < 2; k++)
                {
                    paths[k] = Path.Combine(dir, $"ingest-ab-{Guid.NewGuid():N}-{(char)('a' + k)}.db");
                    stores[k] = await OpenVariantAsync(paths[k], specs[k], ct);
                }

                for (var i = 0; i < batches.Count; i++)
                {
                    // Each batch goes to both stores, first to one then to the other in turn; the first tenth warms up.
                    for (var k = 0; k < 2; k++)
                    {
                        var s = (i + k) % 2;
                        var before = Cpu();
                        using var prepared = stores[s].Prepare(batches[i]);
                        var prepareEnd = Cpu();
                        var (threadId, thread) = (Environment.CurrentManagedThreadId, ThreadCpu());
                        await stores[s].UpsertPreparedAsync(prepared, ct);
                        var threadEnd = ThreadCpu();
                        if (i >= batches.Count / 10)
                        {
                            // A write that went on on another thread (it waited for a background checkpoint's
                            // lock) is left out of the writer-thread figure.
                            if (Environment.CurrentManagedThreadId == threadId)
                            {
                                writerCpu[s] += threadEnd - thread;
                                writerPosts[s] += batches[i].Count;
                            }

                            prepareCpu[s] += prepareEnd - before;
                            cpu[s] += Cpu() - before;
                        }
                    }

                    if (i >= batches.Count / 10)
                    {
                        counted += batches[i].Count;
                    }
                }
            }
            finally
            {
                foreach (var st in stores)
                {
                    if (st is not null)
                    {
                        await st.DisposeAsync();
                    }
                }
            }

            // The file and its WAL (pooled connections may still hold the WAL open, uncheckpointed).
            var bytes = paths.Select(p => new[] { p, p + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length) / 1e6).ToArray();
            double Us(TimeSpan t) => t.TotalMicroseconds / counted;
            Console.Error.WriteLine($"store writes, {counted:N0} posts each after warm-up, CPU us/post as process total (prepare on all threads + write incl. background checkpoints) / writer thread's write alone:");
            var writer = writerCpu.Select((t, k) => t.TotalMicroseconds / Math.Max(1, writerPosts[k])).ToArray();
            Console.Error.WriteLine($"  A [{specs[0]}] {Us(cpu[0]):0.00} (prepare {Us(prepareCpu[0]):0.00}) / {writer[0]:0.00} ({writerPosts[0]:N0} posts), {bytes[0]:0.0} MB with its WAL");
            Console.Error.WriteLine($"  B [{specs[1]}] {Us(cpu[1]):0.00} (prepare {Us(prepareCpu[1]):0.00}) / {writer[1]:0.00} ({writerPosts[1]:N0} posts), {bytes[1]:0.0} MB with its WAL");
            Console.Error.WriteLine($"  B - A {Us(cpu[1] - cpu[0]):+0.00;-0.00} / {writer[1] - writer[0]:+0.00;-0.00} us/post");
            foreach (var f in Directory.GetFiles(dir, "ingest-ab-*"))
            {
                File.Delete(f);
            }

            return 0;
        });
        return cmd;
    }

    private static async Task<IPostStore> OpenVariantAsync(string path, string spec, CancellationToken ct)
    {
        var schema = int.MaxValue;
        var reuse = true;
        var pragmas = new StringBuilder();
        foreach (var part in spec.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (key, value) = part.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 ? (part[..eq].Trim(), part[(eq + 1)..].Trim()) : (part, "");
            switch (key)
            {
                case "schema":
                    schema = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "reuse":
                    reuse = value != "0";
                    break;
                case "page":
                    await using (var conn = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
                    {
                        await conn.OpenAsync(ct);
                        await using var create = conn.CreateCommand();
#pragma warning disable CA2100 // An integer parsed from the bench's own option; a PRAGMA takes no parameters.
                        create.CommandText = $"PRAGMA page_size={int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)}; PRAGMA journal_mode=WAL;";
#pragma warning restore CA2100
                        await create.ExecuteNonQueryAsync(ct);
                    }

                    break;
                default:
                    pragmas.Append("PRAGMA ").Append(key).Append('=').Append(value).Append(';');
                    break;
            }
        }

        return await SqlitePostStore.OpenVariantAsync(path, schema, pragmas.Length == 0 ? null : pragmas.ToString(), reuse,
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, ct);
    }

    /// <summary>Allocation and garbage-collection counters, to see the GC's share of the CPU time.</summary>
    private readonly record struct GcStats(long Allocated, int Gen0, int Gen1, int Gen2, TimeSpan Pause)
    {
        public static GcStats Now() => new(GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

        public static GcStats operator -(GcStats a, GcStats b) => new(a.Allocated - b.Allocated, a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2, a.Pause - b.Pause);

        public string Describe(long posts) =>
            $"allocated {Allocated / (double)Math.Max(1, posts):N0} B/post, GCs gen0/1/2 {Gen0}/{Gen1}/{Gen2}, GC pauses {Pause.TotalSeconds:0.00} s";
    }

    /// <summary>
    /// Where the process's CPU time goes, from /proc/self/task on Linux (zero elsewhere): the GC's own threads (server
    /// GC and background GC), the JIT's background thread (tier-1 recompilation of hot methods; the first, tier-0
    /// compilations run on the calling threads and count as the rest), and the rest (the pipeline's threads). CPU
    /// time is robust under load, unlike wall time, GC pause time and JitInfo's compilation time, which all count
    /// waiting for a core.
    /// </summary>
    private readonly record struct CpuSplit(TimeSpan Total, TimeSpan Gc, TimeSpan Jit)
    {
        public static CpuSplit Now() => new(Cpu(), ThreadsCpu(".NET Server GC", ".NET BGC"), ThreadsCpu(".NET Tiered Com"));

        public static CpuSplit operator -(CpuSplit a, CpuSplit b) => new(a.Total - b.Total, a.Gc - b.Gc, a.Jit - b.Jit);

        public string Describe(long posts)
        {
            double Us(TimeSpan t) => t.TotalMicroseconds / Math.Max(1, posts);
            return $"CPU {Us(Total):0.0} us/post = GC threads {Us(Gc):0.0} + JIT thread {Us(Jit):0.0} + the rest {Us(Total - Gc - Jit):0.0}";
        }

        private static TimeSpan ThreadsCpu(params string[] namePrefixes)
        {
            if (!OperatingSystem.IsLinux())
            {
                return TimeSpan.Zero;
            }

            long ticks = 0;
            foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                try
                {
                    var comm = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                    if (!namePrefixes.Any(p => comm.StartsWith(p, StringComparison.Ordinal)))
                    {
                        continue;
                    }

                    // Fields after the ")" that closes the name: state is field 3, utime and stime are fields 14 and 15.
                    var stat = File.ReadAllText(Path.Combine(task, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    ticks += long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
                {
                    // A thread that ended while being read (the JIT's thread ends when idle: its time is then lost
                    // from this split but stays in the total).
                }
            }

            // Linux reports these in clock ticks of 1/100 s (USER_HZ).
            return TimeSpan.FromMilliseconds(ticks * 10);
        }
    }

    /// <summary>The calling thread's CPU time (Linux; zero elsewhere).</summary>
    private static TimeSpan ThreadCpu()
    {
        if (!OperatingSystem.IsLinux() || ThreadClock.clock_gettime(3 /* CLOCK_THREAD_CPUTIME_ID */, out var ts) != 0)
        {
            return TimeSpan.Zero;
        }

        return TimeSpan.FromTicks((ts.Seconds * 1_000_000_000 + ts.Nanoseconds) / 100);
    }

    private static class ThreadClock
    {
        public struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }

#pragma warning disable SYSLIB1054 // blittable: no marshalling code needed.
        [System.Runtime.InteropServices.DllImport("libc", ExactSpelling = true)]
        public static extern int clock_gettime(int clock, out TimeSpec ts);
#pragma warning restore SYSLIB1054
    }

    private static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>Own-schema JSONL like the synthetic stream: brands, hashtags, mentions, links, entities, several languages.</summary>
    private static async Task WriteJsonlAsync(string path, int n, CancellationToken ct)
    {
        var random = new Random(42);
        var start = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.FromHours(2));
        string[] langs = ["en", "en", "fr", "en", "en", "de", "en", "es"];
        await using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        for (var i = 0; i < n; i++)
        {
            var t = random.Next(Templates.Length);
            var brand = Brands[random.Next(Brands.Length)];
            var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, Templates[t], brand, brand.ToLowerInvariant() + random.Next(20), "user" + random.Next(5000), random.Next(1_000_000))
                       + (random.Next(3) == 0 ? $" ({random.Next(100_000)})" : "");
            var post = new SocialPost
            {
                Platform = random.Next(4) == 0 ? "reddit" : "x",
                PostId = (1_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Author = new Author { Id = "a" + random.Next(50_000), Handle = "user" + random.Next(50_000), DisplayName = "User", Followers = random.Next(100_000), Location = "Paris, FR" },
                Text = text,
                Language = langs[t],
                CreatedAt = start.AddSeconds(i * 3),
                Engagement = new Engagement { Likes = random.Next(500), Shares = random.Next(50), Replies = random.Next(20), Views = random.Next(10_000) },
                Url = $"https://x.com/user/status/{i}",
                Campaign = random.Next(10) == 0 ? "fall-launch" : null,
            };
            await w.WriteLineAsync(SnakeCaseJson.Serialize(post).AsMemory(), ct);
        }
    }
}
