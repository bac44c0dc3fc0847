using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Marketing.Core.Storage;
using Marketing.Ingest.Kafka;
using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Ingest.Tests.Kafka;

/// <summary>
/// The Kafka commands as processes. The test process hosts the mock cluster; the <c>mkt</c> children reach it over
/// loopback TCP like any other client.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class KafkaCliProcessTests
{
    private static readonly TimeSpan ExitPatience = TimeSpan.FromMinutes(2);

    [Test]
    public async Task A_consumer_process_killed_hard_mid_batch_and_restarted_loses_no_post_and_duplicates_none()
    {
        const int n = 30_000;
        using var mock = KafkaMockCluster.Start(brokers: 3);
        mock.CreateTopic("kill", 8);
        var (records, ids, _) = KafkaTestRecords.Make(n);
        await KafkaTestHost.ProduceAsync(mock.BootstrapServers, "kill", records);
        var dir = TestPaths.NewTempDir("kill");
        var db = Path.Combine(dir, "marketing.db");
        string[] consume = ["consume", "--bootstrap", mock.BootstrapServers, "--topic", "kill", "--group", "g-kill", "--db", db, "--batch", "500"];
        await using var store = await StoreFactory.OpenAsync(db);

        long storedAtKill;
        using (var first = MktProcess.Start(dir, consume))
        {
            var deadline = DateTime.UtcNow + ExitPatience;
            while ((storedAtKill = (await store.GetStatsAsync()).Posts) < 1000)
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the first consumer stored nothing:\n" + MktProcess.Tail(first.Stderr));
                await Task.Delay(20);
            }

            first.KillHard();
        }

        // The first consumer may have committed a batch between the poll above and the kill.
        storedAtKill = (await store.GetStatsAsync()).Posts;

        using var second = MktProcess.Start(dir, [.. consume, "--until-idle", "3", "--json"]);
        var code = await second.WaitForExitAsync(ExitPatience);

        var summary = JsonDocument.Parse(second.Stdout).RootElement;
        var stored = await KafkaTestHost.StoredIdsAsync(store);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, MktProcess.Tail(second.Stderr));
            Assert.That(storedAtKill, Is.LessThan(n), "the first consumer was killed before it finished");
            Assert.That(stored, Has.Count.EqualTo(n), "no post lost");
            Assert.That(stored.Distinct().Count(), Is.EqualTo(n), "none duplicated");
            Assert.That(stored.ToHashSet().SetEquals(ids), Is.True);
            Assert.That(summary.GetProperty("stored").GetInt64() + storedAtKill, Is.EqualTo(n), "the restart stored exactly what the first left");
            Assert.That(KafkaTestHost.CommittedTotal(mock.BootstrapServers, "kill", "g-kill", 8), Is.EqualTo(n));
        });
    }

    [Test]
    public async Task Kafka_dev_prints_its_bootstrap_serves_other_processes_and_stops_on_sigterm()
    {
        var dir = TestPaths.NewTempDir("dev");
        using var dev = MktProcess.Start(dir, "kafka", "dev", "--brokers", "2", "--topic", "events", "--partitions", "6");
        var deadline = DateTime.UtcNow + ExitPatience;
        while (!dev.Stdout.Contains("bootstrap=", StringComparison.Ordinal))
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "no bootstrap line:\n" + MktProcess.Tail(dev.Stderr));
            await Task.Delay(50);
        }

        var bootstrap = dev.Stdout.Split('\n').First(l => l.StartsWith("bootstrap=", StringComparison.Ordinal))["bootstrap=".Length..].Trim();
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build())
        {
            var topic = admin.GetMetadata("events", TimeSpan.FromSeconds(10)).Topics.Single();
            Assert.That(topic.Partitions, Has.Count.EqualTo(6));
        }

        var (records, _, _) = KafkaTestRecords.Make(500);
        var produced = await KafkaTestHost.ProduceAsync(bootstrap, "events", records);
        dev.Terminate();
        var code = await dev.WaitForExitAsync(ExitPatience);

        Assert.Multiple(() =>
        {
            Assert.That(bootstrap.Split(','), Has.Length.EqualTo(2));
            Assert.That(produced.Delivered, Is.EqualTo(500), "another process produced through it");
            Assert.That(code, Is.Zero, "SIGTERM stops it cleanly");
        });
    }

    [Test]
    public async Task Consume_with_an_embedded_cluster_runs_file_to_store_in_one_command_with_a_json_summary()
    {
        var dir = TestPaths.NewTempDir("embedded");
        var (records, ids, malformed) = KafkaTestRecords.Make(2000, malformedEvery: 100);
        var file = Path.Combine(dir, "posts.jsonl");
        await File.WriteAllLinesAsync(file, records.Select(Encoding.UTF8.GetString));
        var db = Path.Combine(dir, "marketing.db");

        using var mkt = MktProcess.Start(dir, "consume", "--bootstrap", "embedded", "--from", file, "--topic", "posts", "--group", "g", "--db", db, "--until-idle", "2", "--json");
        var code = await mkt.WaitForExitAsync(ExitPatience);

        var json = JsonDocument.Parse(mkt.Stdout).RootElement;
        await using var store = await StoreFactory.OpenAsync(db);
        var posts = (await store.GetStatsAsync()).Posts;
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, MktProcess.Tail(mkt.Stderr));
            Assert.That(json.GetProperty("stored").GetInt64(), Is.EqualTo(ids.Count));
            Assert.That(json.GetProperty("duplicates").GetInt64(), Is.Zero);
            Assert.That(json.GetProperty("rejected").GetInt64(), Is.EqualTo(malformed));
            Assert.That(json.GetProperty("read").GetInt64(), Is.EqualTo(2000));
            Assert.That(json.GetProperty("rejected_by_reason").EnumerateObject().Sum(p => p.Value.GetInt64()), Is.EqualTo(malformed));
            Assert.That(posts, Is.EqualTo(ids.Count));
        });
    }

    [Test]
    public async Task Produce_replays_a_file_keyed_by_author_and_reports_deliveries()
    {
        using var mock = KafkaMockCluster.Start(brokers: 1);
        mock.CreateTopic("replay", 4);
        var dir = TestPaths.NewTempDir("produce");
        var (records, _, _) = KafkaTestRecords.Make(1000, malformedEvery: 100);
        var file = Path.Combine(dir, "posts.jsonl");
        await File.WriteAllLinesAsync(file, records.Select(Encoding.UTF8.GetString));

        using var mkt = MktProcess.Start(dir, "produce", file, "--topic", "replay", "--bootstrap", mock.BootstrapServers, "--json");
        var code = await mkt.WaitForExitAsync(ExitPatience);

        var json = JsonDocument.Parse(mkt.Stdout).RootElement;
        var messages = KafkaTestHost.ReadAll(mock.BootstrapServers, "replay", 1000);
        var keyed = messages.Where(m => m.Message.Key is not null).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, MktProcess.Tail(mkt.Stderr));
            Assert.That(json.GetProperty("delivered").GetInt64(), Is.EqualTo(1000), "malformed records are sent too");
            Assert.That(json.GetProperty("failed").GetInt64(), Is.Zero);
            Assert.That(messages, Has.Count.EqualTo(1000));
            Assert.That(messages.Select(m => m.Message.Value!).ToHashSet(ByteArrayComparer.Instance).SetEquals(records), Is.True, "raw bytes, one message per record");
            Assert.That(keyed.All(m => Encoding.UTF8.GetString(m.Message.Value!).Contains($"\"id\":\"{Encoding.UTF8.GetString(m.Message.Key!)}\"", StringComparison.Ordinal)), Is.True, "the key is the author id");
            Assert.That(keyed.GroupBy(m => Convert.ToHexString(m.Message.Key!)).All(g => g.Select(m => m.Partition.Value).Distinct().Count() == 1), Is.True, "one author's posts share a partition");
        });
    }

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj)
        {
            var h = new HashCode();
            h.AddBytes(obj);
            return h.ToHashCode();
        }
    }
}
