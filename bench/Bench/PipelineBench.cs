using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Marketing.Analysis.Sentiment;
using Marketing.Core.Domain;
using Marketing.Core.Json;
using Marketing.Core.Storage;
using Marketing.Ingest;
using Marketing.Ingest.Kafka;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketing.Bench;

/// <summary>
/// <c>mkt-bench pipeline --posts N</c>: end to end, Kafka (the embedded librdkafka mock) → parse → sentiment score →
/// SQLite upsert, through the real <see cref="KafkaConsumerService"/> with the <see cref="SentimentScorer"/> as its
/// enricher. The same run also consumes without scoring (Kafka → parse → SQLite), so the cost of scoring inside the
/// pipeline is a ratio from one run. Post texts are real tweets (SemEval-2017 test, repeated) when ../shared is
/// there, else generated sentences.
/// </summary>
public static class PipelineBench
{
    private const string WarmupTopic = "pipeline-warmup";

    public static IEnumerable<Command> Create()
    {
        var posts = new Option<int>("--posts") { Description = "Posts to produce and consume.", DefaultValueFactory = _ => 200_000 };
        var batch = new Option<int>("--batch") { Description = "Consumer batch size.", DefaultValueFactory = _ => 5000 };
        var model = new Option<string?>("--model") { Description = "Sentiment model. Default: bench/results/sentiment-semeval.zip (written by the sentiment bench; trained here when missing), or sentiment-generated.zip without ../shared." };
        var shared = new Option<string?>("--shared") { Description = "The shared folder (default $MKT_SHARED, then ../shared beside the repository)." };
        var noBaseline = new Option<bool>("--no-baseline") { Description = "Skip the run without scoring." };
        var serial = new Option<bool>("--serial") { Description = "Also run with scoring and Kafka:OverlapWrites=false (each batch written before the next is collected): what the overlap gains, in the same run." };
        var stamped = new Option<bool>("--stamped") { Description = "Also run with a fixed label stamped on every post (no model): what storing the sentiment columns costs, apart from scoring." };
        var set = new Option<string[]>("--set") { Description = "Extra librdkafka consumer setting, key=value (repeatable), e.g. --set fetch.wait.max.ms=10.", AllowMultipleArgumentsPerToken = false };
        var warmup = new Option<int>("--warmup") { Description = "Posts consumed (scored and stored in a scratch database) before the measured runs, so those run JIT-compiled code as a long-running consumer does; 0 for none.", DefaultValueFactory = _ => 100_000 };
        var produceSet = new Option<string[]>("--produce-set") { Description = "Extra librdkafka setting of the producer that fills the mock, key=value (repeatable), e.g. --produce-set linger.ms=20 (the default here is linger.ms=500: see KafkaMockCluster.FillLingerMs).", AllowMultipleArgumentsPerToken = false };
        var cmd = new Command("pipeline", "End to end: Kafka (embedded mock) -> parse -> sentiment -> SQLite posts/s, beside the same pipeline without scoring.")
        {
            posts, batch, model, shared, noBaseline, stamped, serial, set, produceSet, warmup,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(posts);
            var settings = parse.GetValue(set) ?? [];
            var root = parse.GetValue(shared) ?? Environment.GetEnvironmentVariable("MKT_SHARED") ?? Path.GetFullPath(Path.Combine(SentimentBench.RepoRoot(), "..", "shared"));
            var test = Path.Combine(root, "data", "semeval2017-4a", "test.tsv");
            var texts = File.Exists(test) ? SentimentData.ReadLabelled(test).Select(e => e.Text).ToArray() : null;
            var textSource = texts is null ? "generated sentences (no ../shared)" : $"SemEval-2017 test tweets ({texts.Length}), repeated";

            var m = LoadOrTrain(parse.GetValue(model), root, ct);
            Console.Error.WriteLine($"pipeline bench: model version {m.Version}; texts: {textSource}");
            var scorer = new SentimentScorer(m);

            // A long-running consumer scores millions of posts with one loaded model: warm the JIT as it would be.
            scorer.Score((texts ?? ["a warm-up post"]).Take(5000).Select((t, i) => new SocialPost { Platform = "warm", PostId = i.ToString(CultureInfo.InvariantCulture), Text = t, Language = "en" }).ToList());

            List<byte[]>? records = Records(n, texts);
            var bytes = records.Sum(r => (long)r.Length);
            using var mock = KafkaMockCluster.Start(brokers: 3);
            var partitions = KafkaMockCluster.PartitionsFor(bytes, minimum: 8);
            mock.CreateTopic("pipeline", partitions);
            var clock = Stopwatch.StartNew();
            var producer = new KafkaFileProducer(ClientSettings.ProducerOptions(parse.GetValue(produceSet) ?? []), NullLogger.Instance);
            var produced = await producer.ProduceAsync(records, mock.BootstrapServers, "pipeline", null, null, ct);
            var produceSeconds = clock.Elapsed.TotalSeconds;
            var warm = Math.Min(parse.GetValue(warmup), n);
            if (warm > 0)
            {
                var warmRecords = records.Take(warm).ToList();
                mock.CreateTopic(WarmupTopic, KafkaMockCluster.PartitionsFor(warmRecords.Sum(r => (long)r.Length), minimum: 8));
                await producer.ProduceAsync(warmRecords, mock.BootstrapServers, WarmupTopic, null, null, ct);
            }

            // The records now live in the mock brokers (native memory). Drop the managed copies, so the consumer runs
            // against a heap like a real consumer's, not one holding every record of the run (full GCs would mark
            // them all).
            records = null;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            Console.Error.WriteLine($"pipeline bench: produced {produced.Delivered:N0} in {produceSeconds:0.0} s");

            var dir = Path.Combine(Path.GetTempPath(), "mkt-bench-pipeline-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            try
            {
                if (warm > 0)
                {
                    // The consumer, decoder and store code is JIT-compiled here (the scorer was warmed above), so the
                    // measured runs do not pay tiered compilation (0-1 µs CPU per post of a 1M-post run otherwise).
                    await RunAsync(mock.BootstrapServers, "warmup", Path.Combine(dir, "warmup.db"), [scorer], warm, parse.GetValue(batch), ct, settings: settings, topic: WarmupTopic);
                }

                var scored = await RunAsync(mock.BootstrapServers, "scored", Path.Combine(dir, "scored.db"), [scorer], n, parse.GetValue(batch), ct, settings: settings);
                Console.Error.WriteLine($"pipeline bench: Kafka -> parse -> score -> SQLite {scored.PostsPerSecond:N0} posts/s");
                Run? serialRun = null;
                if (parse.GetValue(serial))
                {
                    serialRun = await RunAsync(mock.BootstrapServers, "serial", Path.Combine(dir, "serial.db"), [scorer], n, parse.GetValue(batch), ct, overlap: false, settings: settings);
                    Console.Error.WriteLine($"pipeline bench: Kafka -> parse -> score -> SQLite, writes not overlapped {serialRun.PostsPerSecond:N0} posts/s");
                }

                Run? plain = null;
                if (!parse.GetValue(noBaseline))
                {
                    plain = await RunAsync(mock.BootstrapServers, "plain", Path.Combine(dir, "plain.db"), [], n, parse.GetValue(batch), ct, settings: settings);
                    Console.Error.WriteLine($"pipeline bench: Kafka -> parse -> SQLite (no scoring) {plain.PostsPerSecond:N0} posts/s");
                }

                Run? stampedRun = null;
                if (parse.GetValue(stamped))
                {
                    stampedRun = await RunAsync(mock.BootstrapServers, "stamped", Path.Combine(dir, "stamped.db"), [new StampEnricher(m.Version)], n, parse.GetValue(batch), ct, settings: settings);
                    Console.Error.WriteLine($"pipeline bench: Kafka -> parse -> fixed label -> SQLite {stampedRun.PostsPerSecond:N0} posts/s");
                }

                BenchResult.Write("pipeline", new
                {
                    posts = n,
                    partitions,
                    batch = parse.GetValue(batch),
                    texts = textSource,
                    megabytes = Math.Round(bytes / 1048576.0, 1),
                    model_version = m.Version,
                    produce_messages_per_second = Math.Round(n / produceSeconds),
                    kafka_parse_score_sqlite = scored,
                    kafka_parse_score_sqlite_writes_not_overlapped = serialRun,
                    kafka_parse_sqlite_without_scoring = plain,
                    kafka_parse_fixed_label_sqlite = stampedRun,
                    scoring_share_of_pipeline_time = plain is null ? (double?)null : Math.Round(1 - (plain.Seconds / scored.Seconds), 3),
                    command = $"dotnet run -c Release --project bench/Bench -- pipeline --shared ../shared --posts {n}{(parse.GetValue(stamped) ? " --stamped" : "")}{(parse.GetValue(serial) ? " --serial" : "")}",
                    machine = BenchResult.Machine(),
                });
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }

            return 0;
        });
        return [cmd, ScoreProbe()];
    }

    /// <summary>
    /// <c>mkt-bench score-probe</c>: where scoring's CPU per text goes, in one process and without Kafka: one thread,
    /// two threads each scoring half, and the batch scorer (Parallel.For) in batches as the consumer hands them over.
    /// </summary>
    private static Command ScoreProbe()
    {
        var shared = new Option<string?>("--shared") { Description = "The shared folder (default $MKT_SHARED, then ../shared beside the repository)." };
        var textsOpt = new Option<int>("--texts") { Description = "Texts per measurement.", DefaultValueFactory = _ => 200_000 };
        var batchOpt = new Option<int>("--batch") { Description = "Batch size of the batch scorer.", DefaultValueFactory = _ => 5000 };
        var modelOpt = new Option<string?>("--model") { Description = "Sentiment model. Default: bench/results/sentiment-semeval.zip (trained there when missing)." };
        var onlyOpt = new Option<string?>("--only") { Description = "Run only the measurements whose name starts with this (e.g. \"one\")." };
        var roundsOpt = new Option<int>("--rounds") { Description = "Rounds of measurements.", DefaultValueFactory = _ => 2 };
        var dumpOpt = new Option<string?>("--dump") { Description = "Instead of timing: write every SemEval train and test text's label and probabilities (exact float bits) to this file, to check that a change to the scorer leaves every prediction identical (diff two dumps)." };
        var cmd = new Command("score-probe", "Scoring CPU per text: tokenizing alone, one thread, two threads, the batch scorer.") { shared, textsOpt, batchOpt, modelOpt, dumpOpt, onlyOpt, roundsOpt };
        cmd.SetAction((parse, ct) =>
        {
            var root = parse.GetValue(shared) ?? Environment.GetEnvironmentVariable("MKT_SHARED") ?? Path.GetFullPath(Path.Combine(SentimentBench.RepoRoot(), "..", "shared"));
            var test = Path.Combine(root, "data", "semeval2017-4a", "test.tsv");
            var all = SentimentData.ReadLabelled(test).Select(e => e.Text).ToArray();
            var n = parse.GetValue(textsOpt);
            var b = parse.GetValue(batchOpt);
            var texts = Enumerable.Range(0, n).Select(i => all[i % all.Length]).ToArray();
            var m = LoadOrTrain(parse.GetValue(modelOpt), root, ct);
            if (parse.GetValue(dumpOpt) is { } dump)
            {
                var train = Path.Combine(root, "data", "semeval2017-4a", "train.tsv");
                var every = all.Concat(SentimentData.ReadLabelled(train).Select(e => e.Text)).ToArray();
                var results = m.PredictBatch(every);
                using var w = new StreamWriter(dump);
                for (var i = 0; i < every.Length; i++)
                {
                    var r = results[i];
                    w.WriteLine(FormattableString.Invariant($"{r.Label}\t{BitConverter.SingleToInt32Bits(r.Negative):x8}\t{BitConverter.SingleToInt32Bits(r.Neutral):x8}\t{BitConverter.SingleToInt32Bits(r.Positive):x8}\t{r.ModelVersion}"));
                }

                Console.WriteLine($"wrote {every.Length} predictions of model {m.Version} to {dump}");
                return Task.FromResult(0);
            }

            var scorer = new SentimentScorer(m);
            m.PredictBatch(texts[..5000]);
            var normalizer = m.Featurizer.Normalizer;
            var only = parse.GetValue(onlyOpt);
            for (var round = 0; round < parse.GetValue(roundsOpt); round++)
            {
                Probe("tokenize only", () => { foreach (var t in texts) { normalizer.Tokenize(t); } });
                Probe("one thread", () => { foreach (var t in texts) { m.Predict(t); } });
                Probe("two threads, halves", () =>
                {
                    var half = n / 2;
                    var other = new Thread(() => { for (var i = half; i < n; i++) { m.Predict(texts[i]); } });
                    other.Start();
                    for (var i = 0; i < half; i++) { m.Predict(texts[i]); }
                    other.Join();
                });
                Probe($"PredictBatch by {b}", () => { for (var i = 0; i < n; i += b) { m.PredictBatch(texts[i..Math.Min(n, i + b)]); } });
                var posts = texts.Select((t, i) => new SocialPost { Platform = "x", PostId = i.ToString(CultureInfo.InvariantCulture), Text = t, Language = "en" }).ToList();
                Probe($"SentimentScorer.Score by {b}", () => { for (var i = 0; i < n; i += b) { scorer.Score(posts.GetRange(i, Math.Min(b, n - i))); } });
            }

            void Probe(string what, Action work)
            {
                if (only is not null && !what.StartsWith(only, StringComparison.Ordinal))
                {
                    return;
                }

                var process = Process.GetCurrentProcess();
                var gc0 = GC.CollectionCount(0);
                var pause0 = GC.GetTotalPauseDuration();
                var alloc0 = GC.GetTotalAllocatedBytes();
                var cpu0 = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                work();
                var wall = clock.Elapsed.TotalSeconds;
                process.Refresh();
                var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
                Console.WriteLine($"{what,-32} {cpu * 1e6 / n,6:0.0} µs CPU/text  {n / wall,9:N0} texts/s wall  {(GC.GetTotalAllocatedBytes() - alloc0) / (double)n,6:0} B/text  gen0 {GC.CollectionCount(0) - gc0}  GC pause {(GC.GetTotalPauseDuration() - pause0).TotalMilliseconds:0} ms  load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
            }

            return Task.FromResult(0);
        });
        return cmd;
    }

    /// <summary>Stamps one fixed model label on every post: the store's cost of the sentiment columns without the model.</summary>
    private sealed class StampEnricher(string version) : IPostEnricher
    {
        private readonly SentimentResult _result = new(SentimentLabel.Neutral, 0.2f, 0.6f, 0.2f, "model", version);

        public ValueTask EnrichAsync(IReadOnlyList<SocialPost> batch, CancellationToken ct)
        {
            foreach (var post in batch)
            {
                post.Sentiment = _result;
                post.BrandSentiments = [];
            }

            return ValueTask.CompletedTask;
        }
    }

    /// <summary>One consumer run. CPU is user + sys of the whole process (mock brokers included); GC pause is the runtime's total pause time during the run.</summary>
    public sealed record Run(long Posts, long Scored, double Seconds, double PostsPerSecond, double CpuSeconds, double PostsPerCpuSecond, double CpuMicrosPerPost, double GcPauseSeconds, int Gen0, int Gen1, int Gen2, string? LoadAverage, long RowsInStore);

    /// <summary>From the consumer's start until every post is in the store (the consumer's idle wait is not counted).</summary>
    private static async Task<Run> RunAsync(string bootstrap, string group, string dbPath, IPostEnricher[] enrichers, int n, int batch, CancellationToken ct, bool overlap = true, string[]? settings = null, string topic = "pipeline")
    {
        await using var store = await StoreFactory.OpenAsync(dbPath, null, ct);
        var options = new KafkaOptions { BootstrapServers = bootstrap, Topic = topic, GroupId = group, BatchSize = batch, OverlapWrites = overlap };
        ClientSettings.Apply(options.Consumer, settings ?? [], "--set");
        var consumer = new KafkaConsumerService(options, RecordDecoders.Create(new IngestOptions(), null), enrichers, store, NullLogger<KafkaConsumerService>.Instance);
        // Start from a clean heap: the previous run's garbage is not this run's cost.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var process = Process.GetCurrentProcess();
        var threads0 = ThreadCpu.Take();
        var alloc0 = GC.GetTotalAllocatedBytes();
        var cpu0 = process.TotalProcessorTime;
        var pause0 = GC.GetTotalPauseDuration();
        int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
        var clock = Stopwatch.StartNew();
        await consumer.StartAsync(ct);
        while (consumer.Counters.Stored + consumer.Counters.Snapshot().Duplicates < n && !consumer.ExecuteTask!.IsCompleted)
        {
            await Task.Delay(10, ct);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
        var pause = (GC.GetTotalPauseDuration() - pause0).TotalSeconds;
        int d0 = GC.CollectionCount(0) - g0, d1 = GC.CollectionCount(1) - g1, d2 = GC.CollectionCount(2) - g2;
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : null;
        var byThread = ThreadCpu.Since(threads0, n);
        await consumer.StopAsync(CancellationToken.None);
        if (consumer.ExecuteTask is { IsFaulted: true } failed)
        {
            throw new InvalidOperationException("The consumer failed", failed.Exception);
        }

        var stats = await store.GetStatsAsync(ct);
        var run = new Run(n, stats.Scored, Math.Round(seconds, 2), Math.Round(n / seconds), Math.Round(cpu, 2), Math.Round(n / Math.Max(cpu, 1e-9)), Math.Round(cpu * 1e6 / n, 1), Math.Round(pause, 2), d0, d1, d2, load, stats.Posts);
        Console.Error.WriteLine($"pipeline bench: [{group}] {run.Seconds} s wall, {run.CpuSeconds} s CPU = {run.CpuMicrosPerPost} us CPU/post, GC pause {run.GcPauseSeconds} s (gen0/1/2 {d0}/{d1}/{d2}), load {load}");
        Console.Error.WriteLine($"pipeline bench: [{group}] {byThread}; allocated {(GC.GetTotalAllocatedBytes() - alloc0) / (double)n:0} B/post");
        return run;
    }

    private static SentimentModel LoadOrTrain(string? path, string sharedRoot, CancellationToken ct)
    {
        var train = Path.Combine(sharedRoot, "data", "semeval2017-4a", "train.tsv");
        path ??= Path.Combine("bench", "results", File.Exists(train) ? "sentiment-semeval.zip" : "sentiment-generated.zip");
        if (File.Exists(path))
        {
            return SentimentModel.Load(path);
        }

        var lexicon = Path.Combine(sharedRoot, "data", "vader-lexicon", "vader_lexicon.txt");
        IReadOnlyList<SentimentExample> data = File.Exists(train) ? SentimentData.ReadLabelled(train).ToList() : Generated(3000);
        Console.Error.WriteLine($"pipeline bench: no model at {path}; training one on {(File.Exists(train) ? train : "generated sentences")} ...");
        var options = new SentimentTrainingOptions { LexiconPath = File.Exists(lexicon) ? lexicon : null, Refit = false, HoldoutFraction = 0.1 };
        var model = new SentimentTrainer().Train(data, options, ct: ct).Model;
        model.Save(path);
        return model;
    }

    private static List<SentimentExample> Generated(int n)
    {
        string[] good = ["great", "love", "amazing", "excellent"], bad = ["terrible", "hate", "awful", "broken"], things = ["coffee", "launch", "price", "service"];
        return Enumerable.Range(0, n).Select(i => (i % 3) switch
        {
            0 => new SentimentExample(SentimentLabel.Negative, $"the {things[i % 4]} is {bad[(i / 3) % 4]}"),
            1 => new SentimentExample(SentimentLabel.Neutral, $"the {things[i % 4]} ships on day {i % 30}"),
            _ => new SentimentExample(SentimentLabel.Positive, $"the {things[i % 4]} is {good[(i / 3) % 4]}"),
        }).ToList();
    }

    private static List<byte[]> Records(int n, string[]? texts)
    {
        string[] words = ["coffee", "launch", "great", "terrible", "price", "service", "love", "delay", "refund", "new"];
        var epoch = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var list = new List<byte[]>(n);
        for (var i = 0; i < n; i++)
        {
            var post = new SocialPost
            {
                Platform = "x",
                PostId = "p" + i.ToString(CultureInfo.InvariantCulture),
                Author = new Author { Id = "u" + (i % 5000), Handle = "user" + (i % 5000), Followers = i % 1000 },
                Text = texts is not null
                    ? texts[i % texts.Length]
                    : $"post {i}: the {words[i % 10]} was {words[(i / 10) % 10]} #{words[(i / 100) % 10]} @{words[(i / 7) % 10]}",
                Language = "en",
                CreatedAt = epoch.AddSeconds(i),
            };
            list.Add(Encoding.UTF8.GetBytes(SnakeCaseJson.Serialize(post)));
        }

        return list;
    }
}
