using System.Reflection;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;

namespace Marketing.Ingest.Kafka;

/// <summary>
/// Kafka settings, bound from the <c>Kafka</c> configuration section (appsettings.json, then <c>MKT__Kafka__...</c>
/// environment variables, then command options). The <c>Consumer</c> and <c>Producer</c> subsections bind straight
/// into librdkafka's <see cref="ConsumerConfig"/> / <see cref="ProducerConfig"/>: a key that names a property
/// (<c>FetchMinBytes</c>) binds to it, and any other key is passed to librdkafka as it is (<c>fetch.min.bytes</c>), so
/// every librdkafka setting can be changed without a code change.
/// </summary>
public sealed class KafkaOptions
{
    public const string SectionName = "Kafka";

    /// <summary>The bootstrap value that starts librdkafka's mock cluster inside the command.</summary>
    public const string Embedded = "embedded";

    /// <summary>host:port,... or <see cref="Embedded"/>.</summary>
    public string BootstrapServers { get; set; } = "localhost:9092";

    public string Topic { get; set; } = "posts";

    public string GroupId { get; set; } = "mkt-ingest";

    /// <summary>Messages per batch: one store transaction, one DLQ flush and one offset store per batch.</summary>
    public int BatchSize { get; set; } = 2000;

    /// <summary>A batch is written when it is full or when this much time has passed since its first message.</summary>
    public TimeSpan BatchTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Write batch N on a writer thread while the poll thread collects, decodes and scores batch N+1 (one batch deep).
    /// False writes each batch before the next is collected, as before. Either way offsets are stored only after the
    /// write, in order.
    /// </summary>
    public bool OverlapWrites { get; set; } = true;

    /// <summary>Rejected records go to the topic <c>&lt;topic&gt;&lt;suffix&gt;</c>.</summary>
    public string DeadLetterSuffix { get; set; } = ".dlq";

    /// <summary>How often the consumer logs its lag per partition.</summary>
    public TimeSpan LagLogInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>First wait before a failed batch write is retried; it doubles up to <see cref="MaxRetryBackoff"/>.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>When set, the consumer stops after this long without a message (demos and tests).</summary>
    public TimeSpan? IdleExit { get; set; }

    /// <summary>Brokers of the embedded mock cluster.</summary>
    public int MockBrokers { get; set; } = 3;

    /// <summary>librdkafka consumer settings. Always enforced on top: EnableAutoOffsetStore=false (see the consumer).</summary>
    public ConsumerConfig Consumer { get; set; } = new();

    public ProducerConfig Producer { get; set; } = new();

    public string DeadLetterTopic(string topic) => topic + DeadLetterSuffix;

    public bool IsEmbedded => string.Equals(BootstrapServers.Trim(), Embedded, StringComparison.OrdinalIgnoreCase);

    /// <summary>Binds the <see cref="SectionName"/> section of <paramref name="configuration"/>.</summary>
    public static KafkaOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var options = new KafkaOptions();
        section.Bind(options);
        PassThrough(section.GetSection(nameof(Consumer)), options.Consumer);
        PassThrough(section.GetSection(nameof(Producer)), options.Producer);
        return options;
    }

    /// <summary>
    /// The consumer configuration: project defaults, then the configured <see cref="Consumer"/> settings, then the
    /// settings the delivery guarantee depends on.
    /// </summary>
    public ConsumerConfig BuildConsumerConfig(string bootstrapServers, string groupId)
    {
        var config = new ConsumerConfig
        {
            ClientId = "mkt-consumer",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = true,
            AutoCommitIntervalMs = 1000,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            // A group member that vanishes (a killed process) is noticed after this; its partitions then move on.
            SessionTimeoutMs = 10_000,
            // Larger fetches: the consumer works in batches anyway. A deep prefetch queue keeps fetches running while
            // a batch is decoded and written: with 20,000 the consumer alone (no-op store) spent most of its time
            // waiting for fetches from the mock brokers (22k posts/s, 2.7 s CPU in 9 s); with 200,000, 68k posts/s.
            // Memory stays capped by queued.max.messages.kbytes (64 MiB by default).
            FetchMinBytes = 1,
            QueuedMinMessages = 200_000,
            // The consumer reads a message's topic, partition, offset, key and value, never its headers or
            // timestamp: not marshalling them saves a Headers object and two native calls per message.
            ConsumeResultFields = "topic",
        };
        Overlay(config, Consumer);
        config.BootstrapServers = bootstrapServers;
        config.GroupId = groupId;
        // At-least-once: an offset is stored only after its message is durably written (and dead-lettered when
        // rejected). Auto-commit then commits stored offsets only. Not configurable on purpose.
        config.EnableAutoOffsetStore = false;
        return config;
    }

    /// <summary>The producer configuration: project defaults, then the configured <see cref="Producer"/> settings.</summary>
    public ProducerConfig BuildProducerConfig(string bootstrapServers)
    {
        var config = new ProducerConfig
        {
            ClientId = "mkt-producer",
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 20,
            // Compressed message sets keep the embedded mock under its per-partition byte cap for longer, and cut
            // network and disk on a real cluster; lz4 is the cheapest on CPU.
            CompressionType = CompressionType.Lz4,
        };
        Overlay(config, Producer);
        config.BootstrapServers = bootstrapServers;
        return config;
    }

    private static void Overlay(ClientConfig target, ClientConfig source)
    {
        foreach (var (key, value) in source)
        {
            if (value is not null)
            {
                target.Set(key, value);
            }
        }
    }

    /// <summary>Keys that name no property of the config class are librdkafka names: pass them on as they are.</summary>
    private static void PassThrough(IConfigurationSection section, ClientConfig target)
    {
        var properties = target.GetType()
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (child.Value is not null && !properties.Contains(child.Key))
            {
                target.Set(child.Key, child.Value);
            }
        }
    }
}
