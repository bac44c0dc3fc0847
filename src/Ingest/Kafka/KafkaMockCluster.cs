using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketing.Ingest.Kafka;

/// <summary>
/// librdkafka's mock cluster, hosted in this process (<c>test.mock.num.brokers</c>). Its brokers listen on loopback
/// TCP, so any Kafka client (other processes, kcat) can use <see cref="BootstrapServers"/> while this object lives.
/// <para>
/// Caveat: each mock partition keeps at most <see cref="PartitionByteCap"/> bytes or <see cref="PartitionMessageSetCap"/>
/// message sets; beyond that it silently drops the OLDEST message sets, so a slow consumer loses data. Create topics
/// with enough partitions (<see cref="PartitionsFor"/>) before producing a large file. Topics that are auto-created
/// get 4 partitions.
/// </para>
/// </summary>
public sealed class KafkaMockCluster : IDisposable
{
    /// <summary>Bytes (of stored, compressed message sets) a mock partition keeps before dropping its oldest.</summary>
    public const long PartitionByteCap = 5L * 1024 * 1024;

    /// <summary>Message sets (producer batches, not messages) a mock partition keeps before dropping its oldest.</summary>
    public const int PartitionMessageSetCap = 100_000;

    /// <summary>What the mock gives a topic that is created by a produce or a metadata request.</summary>
    public const int AutoCreatePartitions = 4;

    /// <summary>
    /// linger.ms for a producer that fills the mock before a consumer reads it (the project's producer default is 20).
    /// The mock answers a fetch with one message set (producer batch) per partition, found by a linear scan of the
    /// partition's message sets (librdkafka's mock: "FIXME: Maintain an index"), so a topic filled in small batches
    /// costs the consumer time quadratic in their number: ~5 µs CPU per post of the 1M-post pipeline bench with 20 ms
    /// batches. A real broker returns up to max.partition.fetch.bytes per partition per fetch, whatever the batching.
    /// </summary>
    public const int FillLingerMs = 500;

    private readonly IAdminClient _host;
    private readonly IntPtr _cluster;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _topics = new(StringComparer.Ordinal);

    private KafkaMockCluster(IAdminClient host, IntPtr cluster, int brokers, ILogger logger)
    {
        _host = host;
        _cluster = cluster;
        _logger = logger;
        Brokers = brokers;
        BootstrapServers = LibrdkafkaNative.Bootstraps(cluster);
    }

    /// <summary>host:port of every mock broker, comma-separated.</summary>
    public string BootstrapServers { get; }

    public int Brokers { get; }

    /// <param name="initialRebalanceDelay">
    /// How long a new consumer group waits for more members before its first assignment (Kafka's
    /// group.initial.rebalance.delay.ms, 3 s by default). Default here 300 ms: a dev cluster should answer quickly.
    /// </param>
    public static KafkaMockCluster Start(int brokers = 3, ILogger? logger = null, TimeSpan? initialRebalanceDelay = null)
    {
        if (brokers is < 1 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(brokers), brokers, "The mock cluster takes 1 to 16 brokers.");
        }

        logger ??= NullLogger.Instance;
        var config = new AdminClientConfig(new Dictionary<string, string>
        {
            ["test.mock.num.brokers"] = brokers.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        // This client owns the brokers: they live as long as it does.
        var host = new AdminClientBuilder(config)
            .SetLogHandler((_, m) => logger.LogDebug("librdkafka mock {Facility}: {Message}", m.Facility, m.Message))
            .Build();
        try
        {
            var cluster = LibrdkafkaNative.MockCluster(host.Handle);
            // Name a controller: admin requests that wait for one (DescribeCluster) then answer instead of timing out.
            LibrdkafkaNative.SetControllerId(cluster, 1);
            LibrdkafkaNative.SetInitialRebalanceDelay(cluster, (int)(initialRebalanceDelay ?? TimeSpan.FromMilliseconds(300)).TotalMilliseconds);
            var mock = new KafkaMockCluster(host, cluster, brokers, logger);
            logger.LogInformation("Kafka mock cluster with {Brokers} broker(s) at {Bootstrap}", brokers, mock.BootstrapServers);
            return mock;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Creates <paramref name="topic"/> with <paramref name="partitions"/> partitions (the admin API cannot do this on
    /// the mock). Creating a topic that this cluster already made with at least as many partitions is a no-op.
    /// </summary>
    public void CreateTopic(string topic, int partitions, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        if (partitions is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(partitions), partitions, "Partitions must be between 1 and 10000.");
        }

        lock (_gate)
        {
            if (_topics.TryGetValue(topic, out var existing) && existing >= partitions)
            {
                return;
            }

            var rc = LibrdkafkaNative.CreateTopic(_cluster, topic, partitions, Math.Clamp(replicationFactor, 1, Brokers));
            if (rc != 0)
            {
                throw new InvalidOperationException($"The mock cluster could not create topic '{topic}' with {partitions} partitions (librdkafka error {rc}: {(ErrorCode)rc}). A topic that already exists keeps its partitions.");
            }

            _topics[topic] = partitions;
            _logger.LogInformation("Created mock topic {Topic} with {Partitions} partitions", topic, partitions);
        }
    }

    /// <summary>
    /// Partitions that keep <paramref name="bytes"/> of messages under the mock's per-partition byte cap with a 2x
    /// margin (uncompressed bytes are counted, so compression only adds margin), and never fewer than <paramref name="minimum"/>.
    /// </summary>
    public static int PartitionsFor(long bytes, int minimum = AutoCreatePartitions)
    {
        var needed = (int)Math.Ceiling(bytes / (PartitionByteCap / 2.0));
        return Math.Max(minimum, needed);
    }

    /// <summary>
    /// True when the cluster behind <paramref name="bootstrapServers"/> is a librdkafka mock started by this class
    /// (<c>mkt kafka dev</c>): its cluster id starts with <c>mockCluster</c>, so producers can warn about the cap.
    /// False when unreachable or a real cluster. (A bare librdkafka mock names no controller and does not answer.)
    /// </summary>
    public static async Task<bool> IsMockAsync(string bootstrapServers, TimeSpan timeout)
    {
        try
        {
            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers, SocketTimeoutMs = (int)timeout.TotalMilliseconds })
                .SetLogHandler((_, _) => { })
                .Build();
            var description = await admin.DescribeClusterAsync(new DescribeClusterOptions { RequestTimeout = timeout });
            return description.ClusterId?.StartsWith("mockCluster", StringComparison.Ordinal) == true;
        }
        catch (KafkaException)
        {
            return false;
        }
    }

    public void Dispose() => _host.Dispose();
}
