using System.Text;
using Marketing.Core.Domain;
using Marketing.Core.Storage;
using Marketing.Ingest.Kafka;
using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Ingest.Tests.Kafka;

/// <summary>The consumer against librdkafka's mock cluster, with real clients and a real SQLite store.</summary>
[TestFixture]
[NonParallelizable]
public sealed class KafkaConsumerServiceTests
{
    private KafkaMockCluster _mock = null!;

    [SetUp]
    public void StartCluster() => _mock = KafkaMockCluster.Start(brokers: 3);

    private readonly List<KafkaConsumerService> _started = [];

    [TearDown]
    public async Task StopCluster()
    {
        // A failed test must not leave consumers polling a cluster that is gone.
        foreach (var c in _started)
        {
            await c.StopAsync(CancellationToken.None);
        }

        _started.Clear();
        _mock.Dispose();
    }

    private KafkaConsumerService Started(KafkaConsumerService consumer)
    {
        _started.Add(consumer);
        return consumer;
    }

    [Test]
    public async Task Three_consumers_in_one_group_store_200k_posts_exactly_once()
    {
        const int n = 200_000;
        var (records, ids, _) = KafkaTestRecords.Make(n);
        var partitions = KafkaMockCluster.PartitionsFor(records.Sum(r => (long)r.Length), minimum: 8);
        _mock.CreateTopic("posts", partitions);
        await KafkaTestHost.ProduceAsync(_mock.BootstrapServers, "posts", records);

        var db = await TestStores.NewDatabaseAsync(StoreKind.Sqlite);
        var stores = new List<IPostStore>();
        var consumers = new List<KafkaConsumerService>();
        for (var i = 0; i < 3; i++)
        {
            var store = await StoreFactory.OpenAsync(db);
            stores.Add(store);
            consumers.Add(Started(KafkaTestHost.Consumer(KafkaTestHost.Options(_mock.BootstrapServers, "posts", "g1", batch: 2000), store)));
        }

        await KafkaTestHost.RunToIdleAsync([.. consumers]);

        var stored = await KafkaTestHost.StoredIdsAsync(stores[0]);
        var totals = consumers.Select(c => c.Counters.Snapshot()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(partitions, Is.GreaterThanOrEqualTo(4));
            Assert.That(stored, Has.Count.EqualTo(n), "rows in the store");
            Assert.That(stored.Distinct().Count(), Is.EqualTo(n), "distinct ids in the store");
            Assert.That(stored.ToHashSet().SetEquals(ids), Is.True, "the stored ids are exactly the produced ones");
            Assert.That(totals.Sum(t => t.Stored), Is.EqualTo(n), "posts stored as new, over the three consumers");
            Assert.That(totals.Select(t => t.Messages), Has.All.GreaterThan(0), "each of the three consumers took a share");
            Assert.That(KafkaTestHost.CommittedTotal(_mock.BootstrapServers, "posts", "g1", partitions), Is.EqualTo(n), "committed offsets cover every message");
        });
        foreach (var s in stores)
        {
            await s.DisposeAsync();
        }
    }

    [Test]
    public async Task Malformed_messages_land_in_the_dead_letter_topic_with_reasons_and_the_consumer_keeps_going()
    {
        const int n = 10_000;
        var (records, ids, malformed) = KafkaTestRecords.Make(n, malformedEvery: 100);
        _mock.CreateTopic("social", 8);
        await KafkaTestHost.ProduceAsync(_mock.BootstrapServers, "social", records);
        await using var store = await TestStores.OpenNewAsync(StoreKind.Sqlite);
        var consumer = Started(KafkaTestHost.Consumer(KafkaTestHost.Options(_mock.BootstrapServers, "social", "g-dlq"), store));

        await KafkaTestHost.RunToIdleAsync(consumer);

        var dead = KafkaTestHost.ReadAll(_mock.BootstrapServers, "social.dlq", malformed);
        var stored = await KafkaTestHost.StoredIdsAsync(store);
        var summary = consumer.Counters.Snapshot();
        var badRecords = records.Where(r => !IsValid(r)).Select(Encoding.UTF8.GetString).ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(malformed, Is.EqualTo(100), "1% of the records are malformed");
            Assert.That(stored.ToHashSet().SetEquals(ids), Is.True, "every valid post is stored");
            Assert.That(dead, Has.Count.EqualTo(malformed), "every malformed record is dead-lettered once");
            Assert.That(dead.Select(d => Encoding.UTF8.GetString(d.Message.Value!)).ToHashSet().SetEquals(badRecords), Is.True, "dead letters carry the original bytes");
            Assert.That(dead.Select(d => Header(d, DeadLetterHeaders.Reason)).Distinct().Order(), Is.EqualTo(new[] { "bad_json", "no_text" }));
            Assert.That(dead.Select(d => Header(d, DeadLetterHeaders.Detail)), Has.All.Not.Empty);
            Assert.That(dead.Select(d => Header(d, DeadLetterHeaders.SourceTopic)), Has.All.EqualTo("social"));
            Assert.That(dead.All(d => SourceMatches(d)), Is.True, "partition and offset headers point at the original message");
            Assert.That(summary.Rejected, Is.EqualTo(malformed));
            Assert.That(summary.Stored, Is.EqualTo(n - malformed));
            Assert.That(summary.RejectedByReason.Values.Sum(), Is.EqualTo(malformed));
        });
        var rejects = await store.GetRejectsAsync(1000);
        Assert.That(rejects, Has.Count.EqualTo(malformed), "rejects are also kept in the store");
    }

    [Test]
    public async Task Consumer_does_not_store_offsets_while_the_store_fails_and_then_recovers_without_losing_a_post()
    {
        const int n = 3000;
        var (records, ids, _) = KafkaTestRecords.Make(n);
        _mock.CreateTopic("flaky", 4);
        await KafkaTestHost.ProduceAsync(_mock.BootstrapServers, "flaky", records);
        await using var store = new FlakyStore(await TestStores.OpenNewAsync(StoreKind.Sqlite)) { Failing = true };
        var consumer = Started(KafkaTestHost.Consumer(KafkaTestHost.Options(_mock.BootstrapServers, "flaky", "g-flaky", batch: 500, idleSeconds: 2), store));
        await consumer.StartAsync(CancellationToken.None);

        await Until(() => store.Failures >= 5);
        // Auto-commit runs every second; give it time to (wrongly) commit anything stored.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var committedWhileFailing = KafkaTestHost.CommittedTotal(_mock.BootstrapServers, "flaky", "g-flaky", 4);
        var storedWhileFailing = (await store.GetStatsAsync()).Posts;
        store.Failing = false;
        await KafkaTestHost.WaitAsync(consumer);

        var stored = await KafkaTestHost.StoredIdsAsync(store);
        Assert.Multiple(() =>
        {
            Assert.That(committedWhileFailing, Is.Zero, "no offset is committed while the write fails");
            Assert.That(storedWhileFailing, Is.Zero);
            Assert.That(consumer.Counters.FailedWrites, Is.GreaterThanOrEqualTo(5), "the same batch was retried");
            Assert.That(stored, Has.Count.EqualTo(n));
            Assert.That(stored.ToHashSet().SetEquals(ids), Is.True);
            Assert.That(KafkaTestHost.CommittedTotal(_mock.BootstrapServers, "flaky", "g-flaky", 4), Is.EqualTo(n), "after recovery every offset is committed");
        });
    }

    [Test]
    public async Task A_consumer_joining_and_leaving_mid_stream_loses_no_post()
    {
        var (records, ids, _) = KafkaTestRecords.Make(30_000);
        _mock.CreateTopic("moving", 8);
        await using var store = await TestStores.OpenNewAsync(StoreKind.Sqlite);
        var first = Started(KafkaTestHost.Consumer(KafkaTestHost.Options(_mock.BootstrapServers, "moving", "g-move", batch: 500, idleSeconds: 0), store));
        var second = KafkaTestHost.Consumer(KafkaTestHost.Options(_mock.BootstrapServers, "moving", "g-move", batch: 500, idleSeconds: 0), store);
        await first.StartAsync(CancellationToken.None);

        // A backlog is waiting while the second member joins, while it works, and while it leaves.
        await KafkaTestHost.ProduceAsync(_mock.BootstrapServers, "moving", records[..10_000]);
        await Started(second).StartAsync(CancellationToken.None);
        await Until(() => second.AssignedPartitions > 0 && first.AssignedPartitions > 0 && first.AssignedPartitions + second.AssignedPartitions == 8);
        await KafkaTestHost.ProduceAsync(_mock.BootstrapServers, "moving", records[10_000..20_000]);
        await Until(() => second.Counters.Messages > 0);
        await KafkaTestHost.ProduceAsync(_mock.BootstrapServers, "moving", records[20_000..]);
        await second.StopAsync(CancellationToken.None);
        await Until(() => first.AssignedPartitions == 8);
        await Until(() => store.GetStatsAsync().GetAwaiter().GetResult().Posts >= ids.Count);
        await first.StopAsync(CancellationToken.None);

        var stored = await KafkaTestHost.StoredIdsAsync(store);
        Assert.Multiple(() =>
        {
            Assert.That(second.Counters.Messages, Is.GreaterThan(0), "the second consumer took partitions while it was in the group");
            Assert.That(stored, Has.Count.EqualTo(ids.Count));
            Assert.That(stored.ToHashSet().SetEquals(ids), Is.True);
            Assert.That(KafkaTestHost.CommittedTotal(_mock.BootstrapServers, "moving", "g-move", 8), Is.EqualTo(ids.Count));
        });
    }

    [Test]
    public async Task Graceful_stop_finishes_the_in_flight_batch_and_commits_it()
    {
        const int n = 5000;
        var (records, _, _) = KafkaTestRecords.Make(n);
        _mock.CreateTopic("stop", 4);
        await KafkaTestHost.ProduceAsync(_mock.BootstrapServers, "stop", records);
        await using var store = await TestStores.OpenNewAsync(StoreKind.Sqlite);
        var options = KafkaTestHost.Options(_mock.BootstrapServers, "stop", "g-stop", batch: 100_000, idleSeconds: 0);
        // The batch closes only on time, long after the stop below: the stop comes while it is being collected.
        options.BatchTimeout = TimeSpan.FromMinutes(5);
        var consumer = Started(KafkaTestHost.Consumer(options, store));
        await consumer.StartAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var storedBeforeStop = (await store.GetStatsAsync()).Posts;

        await consumer.StopAsync(CancellationToken.None);

        var read = consumer.Counters.Messages;
        Assert.Multiple(() =>
        {
            Assert.That(storedBeforeStop, Is.Zero, "the batch was still open when the stop came");
            Assert.That(read, Is.GreaterThan(0));
            Assert.That(consumer.Counters.Stored, Is.EqualTo(read), "the batch in flight at stop was written");
            Assert.That(KafkaTestHost.CommittedTotal(_mock.BootstrapServers, "stop", "g-stop", 4), Is.EqualTo(read), "and its offsets committed");
        });
        Assert.That((await store.GetStatsAsync()).Posts, Is.EqualTo(read));
    }

    [Test]
    public async Task The_next_batch_is_collected_and_decoded_while_the_previous_one_is_written_and_no_offset_is_stored_before_its_write()
    {
        const int n = 3000;
        var (records, ids, _) = KafkaTestRecords.Make(n);
        _mock.CreateTopic("overlap", 4);
        await KafkaTestHost.ProduceAsync(_mock.BootstrapServers, "overlap", records);
        await using var store = new FlakyStore(await TestStores.OpenNewAsync(StoreKind.Sqlite));
        var release = HoldFirstWrite(store);
        var enricher = new CountingEnricher();
        var consumer = Started(KafkaTestHost.Consumer(KafkaTestHost.Options(_mock.BootstrapServers, "overlap", "g-overlap", batch: 500, idleSeconds: 2), store, enricher));
        await consumer.StartAsync(CancellationToken.None);

        // While the first batch's write hangs, the loop still collects and decodes the second batch.
        await Until(() => consumer.Counters.Messages >= 1000);
        // Auto-commit runs every second; give it time to (wrongly) commit an offset of a batch not yet written.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var committedWhileWriting = KafkaTestHost.CommittedTotal(_mock.BootstrapServers, "overlap", "g-overlap", 4);
        var storedWhileWriting = consumer.Counters.Stored;
        release.SetResult();
        await KafkaTestHost.WaitAsync(consumer);

        var stored = await KafkaTestHost.StoredIdsAsync(store);
        Assert.Multiple(() =>
        {
            Assert.That(committedWhileWriting, Is.Zero, "no offset is committed while the first batch is being written");
            Assert.That(storedWhileWriting, Is.Zero);
            Assert.That(enricher.Batches, Is.GreaterThanOrEqualTo(n / 500));
            Assert.That(enricher.Posts, Is.EqualTo(n), "every post was enriched once, before its write");
            Assert.That(stored, Has.Count.EqualTo(n));
            Assert.That(stored.ToHashSet().SetEquals(ids), Is.True);
            Assert.That(KafkaTestHost.CommittedTotal(_mock.BootstrapServers, "overlap", "g-overlap", 4), Is.EqualTo(n));
        });
    }

    [Test]
    public async Task With_OverlapWrites_off_no_batch_is_collected_while_the_previous_one_is_written()
    {
        const int n = 1500;
        var (records, ids, _) = KafkaTestRecords.Make(n);
        _mock.CreateTopic("serial", 4);
        await KafkaTestHost.ProduceAsync(_mock.BootstrapServers, "serial", records);
        await using var store = new FlakyStore(await TestStores.OpenNewAsync(StoreKind.Sqlite));
        var release = HoldFirstWrite(store);
        var options = KafkaTestHost.Options(_mock.BootstrapServers, "serial", "g-serial", batch: 500, idleSeconds: 2);
        options.OverlapWrites = false;
        var consumer = Started(KafkaTestHost.Consumer(options, store));
        await consumer.StartAsync(CancellationToken.None);

        await Until(() => consumer.Counters.Messages >= 500);
        // Time enough for the loop to collect the next batch, if it (wrongly) did while the first is written.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var messagesWhileWriting = consumer.Counters.Messages;
        release.SetResult();
        await KafkaTestHost.WaitAsync(consumer);

        var stored = await KafkaTestHost.StoredIdsAsync(store);
        Assert.Multiple(() =>
        {
            Assert.That(messagesWhileWriting, Is.EqualTo(500), "the second batch waits for the first one's write");
            Assert.That(stored.ToHashSet().SetEquals(ids), Is.True);
            Assert.That(KafkaTestHost.CommittedTotal(_mock.BootstrapServers, "serial", "g-serial", 4), Is.EqualTo(n));
        });
    }

    /// <summary>Counts the batches and posts it sees (the scoring stage, without a model).</summary>
    private sealed class CountingEnricher : IPostEnricher
    {
        private int _batches;
        private int _posts;

        public int Batches => Volatile.Read(ref _batches);

        public int Posts => Volatile.Read(ref _posts);

        public ValueTask EnrichAsync(IReadOnlyList<SocialPost> batch, CancellationToken ct)
        {
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _posts, batch.Count);
            return ValueTask.CompletedTask;
        }
    }

    private static bool IsValid(byte[] record) => KafkaTestHost.Decoder.Decode(record, "t").Posts.Count == 1;

    private static string Header(Confluent.Kafka.ConsumeResult<byte[]?, byte[]?> m, string name) =>
        Encoding.UTF8.GetString(m.Message.Headers.GetLastBytes(name));

    /// <summary>The message at the dead letter's source partition and offset is the one it carries.</summary>
    private bool SourceMatches(Confluent.Kafka.ConsumeResult<byte[]?, byte[]?> dead)
    {
        var partition = int.Parse(Header(dead, DeadLetterHeaders.SourcePartition), System.Globalization.CultureInfo.InvariantCulture);
        var offset = long.Parse(Header(dead, DeadLetterHeaders.SourceOffset), System.Globalization.CultureInfo.InvariantCulture);
        using var reader = new Confluent.Kafka.ConsumerBuilder<byte[]?, byte[]?>(new Confluent.Kafka.ConsumerConfig
        {
            BootstrapServers = _mock.BootstrapServers,
            GroupId = "check",
            EnableAutoCommit = false,
        }).Build();
        reader.Assign(new Confluent.Kafka.TopicPartitionOffset(Header(dead, DeadLetterHeaders.SourceTopic), partition, offset));
        var original = reader.Consume(TimeSpan.FromSeconds(10));
        return original is not null && original.Offset.Value == offset && original.Message.Value.AsSpan().SequenceEqual(dead.Message.Value);
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + KafkaTestHost.Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("Timed out waiting for the consumer.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The store's first write blocks until the returned source is completed (a slow database).</summary>
    private static TaskCompletionSource HoldFirstWrite(FlakyStore store)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writes = 0;
        store.Gate = () => Interlocked.Increment(ref writes) == 1 ? release.Task : Task.CompletedTask;
        return release;
    }
}
