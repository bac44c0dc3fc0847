using Confluent.Kafka;
using Marketing.Core.Domain;
using Marketing.Core.Storage;
using Marketing.Ingest.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using NUnit.Framework;

namespace Marketing.Ingest.Tests.Kafka;

/// <summary>Produces records and runs consumers against a mock cluster for the Kafka tests.</summary>
internal static class KafkaTestHost
{
    // A hang guard, not a speed assertion: generous, because CI machines may be shared and slow.
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    /// <summary>The real decoder, as <c>mkt consume</c> builds it (auto-detected format, no watchlist).</summary>
    public static IRecordDecoder Decoder { get; } = RecordDecoders.Create(new IngestOptions(), null);

    public static KafkaOptions Options(string bootstrap, string topic, string group, int batch = 1000, double idleSeconds = 3) => new()
    {
        BootstrapServers = bootstrap,
        Topic = topic,
        GroupId = group,
        BatchSize = batch,
        BatchTimeout = TimeSpan.FromMilliseconds(200),
        IdleExit = idleSeconds > 0 ? TimeSpan.FromSeconds(idleSeconds) : null,
        RetryBackoff = TimeSpan.FromMilliseconds(100),
        MaxRetryBackoff = TimeSpan.FromMilliseconds(400),
        LagLogInterval = TimeSpan.FromSeconds(5),
    };

    public static async Task<KafkaProduceSummary> ProduceAsync(string bootstrap, string topic, IEnumerable<byte[]> records, double? rate = null)
    {
        var producer = new KafkaFileProducer(new KafkaOptions(), NullLogger.Instance);
        var summary = await producer.ProduceAsync(records, bootstrap, topic, rate, null, CancellationToken.None);
        Assert.That(summary.Failed, Is.Zero, "every record must be delivered to the mock cluster");
        return summary;
    }

    public static KafkaConsumerService Consumer(KafkaOptions options, IPostStore store, params IPostEnricher[] enrichers) =>
        new(options, Decoder, enrichers, store, ProgressLogger<KafkaConsumerService>.Instance);

    /// <summary>Waits until the consumer stops by itself (idle exit), failing the test after <see cref="Patience"/>.</summary>
    public static async Task RunToIdleAsync(params KafkaConsumerService[] consumers) =>
        Assert.That(await ConsumerRuns.RunAsync(Patience, consumers), Is.True, $"The consumers did not finish within {Patience.TotalSeconds} s.");

    public static async Task WaitAsync(params KafkaConsumerService[] consumers) =>
        Assert.That(await ConsumerRuns.WaitAsync(Patience, consumers), Is.True, $"The consumers did not finish within {Patience.TotalSeconds} s.");

    /// <summary>Every stored post id, in store order (duplicates would show as repeated ids).</summary>
    public static async Task<List<string>> StoredIdsAsync(IPostStore store)
    {
        var ids = new List<string>();
        await foreach (var p in store.StreamPostsAsync(new PostQuery { Limit = 0 }))
        {
            ids.Add(p.PostId);
        }

        return ids;
    }

    /// <summary>The group's committed offsets per partition, read without joining the group.</summary>
    public static long CommittedTotal(string bootstrap, string topic, string group, int partitions)
    {
        using var c = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = group }).Build();
        var committed = c.Committed(Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)), TimeSpan.FromSeconds(10));
        return committed.Where(o => o.Offset.Value >= 0).Sum(o => o.Offset.Value);
    }

    /// <summary>All messages of a topic, read from the start by a group-less consumer.</summary>
    public static List<ConsumeResult<byte[]?, byte[]?>> ReadAll(string bootstrap, string topic, int expected)
    {
        using var c = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        c.Subscribe(topic);
        var list = new List<ConsumeResult<byte[]?, byte[]?>>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var quietSince = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline && (list.Count < expected || DateTime.UtcNow - quietSince < TimeSpan.FromSeconds(1)))
        {
            try
            {
                if (c.Consume(TimeSpan.FromMilliseconds(200)) is { } m)
                {
                    list.Add(m);
                    quietSince = DateTime.UtcNow;
                }
            }
            catch (ConsumeException ex) when (ex.Error.Code == ErrorCode.UnknownTopicOrPart)
            {
                // Not created yet (nothing was ever produced to it): an empty topic.
            }
        }

        c.Close();
        return list;
    }
}
