using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Marketing.Core.Domain;
using Marketing.Core.Json;
using Marketing.Core.Storage;
using Marketing.Ingest;
using Marketing.Ingest.Kafka;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketing.Bench;

/// <summary>
/// <c>mkt-bench kafka --posts N</c>: Kafka (the embedded librdkafka mock) -> decode -> store. Measures the produce rate,
/// the consumer into SQLite, and the consumer alone (a store that keeps nothing), so the consumer's own cost is known
/// apart from the store's.
/// </summary>
public static class KafkaBench
{
    public static IEnumerable<Command> Create()
    {
        var posts = new Option<int>("--posts") { Description = "Posts to produce and consume.", DefaultValueFactory = _ => 200_000 };
        var batch = new Option<int>("--batch") { Description = "Consumer batch size.", DefaultValueFactory = _ => 2000 };
        var set = new Option<string[]>("--set") { Description = "Extra librdkafka consumer setting, key=value (repeatable), e.g. --set fetch.wait.max.ms=10.", AllowMultipleArgumentsPerToken = false };
        var only = new Option<string>("--only") { Description = "Run only one consumer: sqlite, noop, or all.", DefaultValueFactory = _ => "all" };
        var produceSet = new Option<string[]>("--produce-set") { Description = "Extra librdkafka setting of the producer that fills the mock, key=value (repeatable), e.g. --produce-set linger.ms=20 (the default here is linger.ms=500: see KafkaMockCluster.FillLingerMs).", AllowMultipleArgumentsPerToken = false };
        var cmd = new Command("kafka", "Kafka (embedded mock) -> decode -> SQLite posts/s, and the consumer alone with a no-op store.") { posts, batch, set, only, produceSet };
        cmd.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(posts);
            var settings = parse.GetValue(set) ?? [];
            var which = parse.GetValue(only) ?? "all";
            List<byte[]>? records = Records(n);
            var bytes = records.Sum(r => (long)r.Length);
            using var mock = KafkaMockCluster.Start(brokers: 3);
            var partitions = KafkaMockCluster.PartitionsFor(bytes, minimum: 8);
            mock.CreateTopic("bench", partitions);

            var clock = Stopwatch.StartNew();
            var produced = await new KafkaFileProducer(ClientSettings.ProducerOptions(parse.GetValue(produceSet) ?? []), NullLogger.Instance)
                .ProduceAsync(records, mock.BootstrapServers, "bench", null, null, ct);

            // The records now live in the mock brokers (native memory). Drop the managed copies, so the consumer runs
            // against a heap like a real consumer's, not one holding every record of the run (full GCs would mark
            // them all).
            records = null;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            var produceSeconds = clock.Elapsed.TotalSeconds;
            Console.Error.WriteLine($"kafka bench: produced {produced.Delivered:N0} in {produceSeconds:0.0} s");

            var dir = Path.Combine(Path.GetTempPath(), "mkt-bench-kafka-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            double sqliteSeconds = double.NaN, noopSeconds = double.NaN;
            TimeSpan sqliteCpu = default, noopCpu = default;
            if (which is "all" or "sqlite")
            {
                await using var sqlite = await StoreFactory.OpenAsync(Path.Combine(dir, "bench.db"), null, ct);
                var cpu0 = Cpu();
                sqliteSeconds = await ConsumeAsync(mock.BootstrapServers, "sqlite", sqlite, n, parse.GetValue(batch), settings, ct);
                sqliteCpu = Cpu() - cpu0;
                Console.Error.WriteLine($"kafka bench: consumed into SQLite in {sqliteSeconds:0.00} s = {n / sqliteSeconds:N0} posts/s, {sqliteCpu.TotalMicroseconds / n:0.0} us CPU/post ({sqliteCpu.TotalSeconds:0.0} s CPU)");
            }

            if (which is "all" or "noop")
            {
                await using var none = new NoOpStore();
                var cpu0 = Cpu();
                noopSeconds = await ConsumeAsync(mock.BootstrapServers, "noop", none, n, parse.GetValue(batch), settings, ct);
                noopCpu = Cpu() - cpu0;
                Console.Error.WriteLine($"kafka bench: consumer alone (no-op store) {noopSeconds:0.00} s = {n / noopSeconds:N0} posts/s, {noopCpu.TotalMicroseconds / n:0.0} us CPU/post ({noopCpu.TotalSeconds:0.0} s CPU)");
            }

            Directory.Delete(dir, recursive: true);
            if (which != "all")
            {
                return 0;
            }

            BenchResult.Write("kafka", new
            {
                posts = n,
                partitions,
                brokers = mock.Brokers,
                batch = parse.GetValue(batch),
                megabytes = Math.Round(bytes / 1048576.0, 1),
                produce_seconds = Math.Round(produceSeconds, 2),
                produce_messages_per_second = Math.Round(n / produceSeconds),
                kafka_to_sqlite_seconds = Math.Round(sqliteSeconds, 2),
                kafka_to_sqlite_posts_per_second = Math.Round(n / sqliteSeconds),
                // No scoring stage: the consumer runs with no enrichers. CPU is user + sys of the whole process
                // (the in-process mock brokers included), comparable under load unlike the wall rates.
                scoring = "none",
                kafka_to_sqlite_cpu_us_per_post = Math.Round(sqliteCpu.TotalMicroseconds / n, 2),
                consumer_only_seconds = Math.Round(noopSeconds, 2),
                consumer_only_posts_per_second = Math.Round(n / noopSeconds),
                consumer_only_cpu_us_per_post = Math.Round(noopCpu.TotalMicroseconds / n, 2),
                command = $"dotnet run -c Release --project bench/Bench -- kafka --posts {n}",
                machine = BenchResult.Machine(),
            });
            return 0;
        });
        return [cmd];
    }

    private static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>Seconds from the consumer's start until every post is written (the idle wait is not counted).</summary>
    private static async Task<double> ConsumeAsync(string bootstrap, string group, IPostStore store, int n, int batch, string[] settings, CancellationToken ct)
    {
        var options = new KafkaOptions { BootstrapServers = bootstrap, Topic = "bench", GroupId = group, BatchSize = batch };
        ClientSettings.Apply(options.Consumer, settings, "--set");

        var decoder = RecordDecoders.Create(new IngestOptions(), null);
        var consumer = new KafkaConsumerService(options, decoder, [], store, NullLogger<KafkaConsumerService>.Instance);
        var threads0 = ThreadCpu.Take();
        var clock = Stopwatch.StartNew();
        await consumer.StartAsync(ct);
        while (consumer.Counters.Stored + consumer.Counters.Snapshot().Duplicates < n && !consumer.ExecuteTask!.IsCompleted)
        {
            await Task.Delay(20, ct);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"kafka bench: [{group}] {ThreadCpu.Since(threads0, n)}");
        await consumer.StopAsync(CancellationToken.None);
        return seconds;
    }

    private static List<byte[]> Records(int n)
    {
        string[] words = ["coffee", "launch", "great", "terrible", "price", "service", "love", "delay", "refund", "new"];
        var epoch = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var list = new List<byte[]>(n);
        for (var i = 0; i < n; i++)
        {
            var post = new SocialPost
            {
                Platform = "x",
                PostId = "b" + i,
                Author = new Author { Id = "u" + (i % 5000), Handle = "user" + (i % 5000), Followers = i % 1000 },
                Text = $"post {i}: the {words[i % 10]} was {words[(i / 10) % 10]} #{words[(i / 100) % 10]} @{words[(i / 7) % 10]}",
                Language = "en",
                CreatedAt = epoch.AddSeconds(i),
            };
            list.Add(Encoding.UTF8.GetBytes(SnakeCaseJson.Serialize(post)));
        }

        return list;
    }

    /// <summary>A store that keeps nothing: what is left is the consumer's own cost (poll, decode, offsets).</summary>
    private sealed class NoOpStore : IPostStore
    {
        public string Backend => "none";

        public string DisplayName => "no-op";

        public Task<UpsertResult> UpsertPostsAsync(IReadOnlyList<SocialPost> posts, CancellationToken ct = default) => Task.FromResult(new UpsertResult(posts.Count, 0));

        public Task UpdateSentimentAsync(IReadOnlyList<SocialPost> posts, CancellationToken ct = default) => Task.CompletedTask;

        public Task<SocialPost?> GetPostAsync(string platform, string postId, CancellationToken ct = default) => Task.FromResult<SocialPost?>(null);

        public Task<IReadOnlyList<SocialPost>> FindPostsAsync(PostQuery query, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<SocialPost>>([]);

        public IAsyncEnumerable<SocialPost> StreamPostsAsync(PostQuery query, CancellationToken ct = default) => AsyncEnumerable.Empty<SocialPost>();

        public Task<StoreStats> GetStatsAsync(CancellationToken ct = default) => Task.FromResult(new StoreStats(0, 0, 0, 0, 0, null, null));

        public Task AddRejectsAsync(IReadOnlyList<RejectedRecord> rejects, CancellationToken ct = default) => Task.CompletedTask;

        public Task<IReadOnlyList<RejectedRecord>> GetRejectsAsync(int limit, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<RejectedRecord>>([]);

        public Task<IReadOnlyList<BrandBucket>> GetBrandBucketsAsync(TimeRange range, TimeSpan bucket, string? brand = null, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<BrandBucket>>([]);

        public Task<IReadOnlyList<KeyBucket>> GetHashtagBucketsAsync(TimeRange range, TimeSpan bucket, int minCount, string? brand = null, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<KeyBucket>>([]);

        public Task<TimeRange?> GetTimeSpanAsync(CancellationToken ct = default) => Task.FromResult<TimeRange?>(null);

        public Task<AuthorSummary> GetAuthorSummaryAsync(TimeRange range, int top, string? brand = null, CancellationToken ct = default) => Task.FromResult(new AuthorSummary(0, []));

        public Task PutArtifactAsync(string kind, string key, string json, CancellationToken ct = default) => Task.CompletedTask;

        public Task<string?> GetArtifactAsync(string kind, string key, CancellationToken ct = default) => Task.FromResult<string?>(null);

        public Task<IReadOnlyList<Artifact>> ListArtifactsAsync(string kind, int limit = 1000, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<Artifact>>([]);

        public Task DeleteArtifactAsync(string kind, string key, CancellationToken ct = default) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
