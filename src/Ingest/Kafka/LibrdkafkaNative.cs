using System.Reflection;
using System.Runtime.InteropServices;

namespace Marketing.Ingest.Kafka;

/// <summary>
/// The few exported librdkafka mock-cluster functions that Confluent.Kafka does not wrap. The admin client cannot
/// create a topic with more than the mock's default 4 partitions (CreateTopics times out waiting for a controller),
/// so topics are created on the mock directly.
/// </summary>
internal static class LibrdkafkaNative
{
    private const string Library = "librdkafka";
    private static int _resolverSet;

    [DllImport(Library)]
    private static extern IntPtr rd_kafka_handle_mock_cluster(IntPtr rk);

    [DllImport(Library)]
    private static extern int rd_kafka_mock_topic_create(IntPtr mcluster, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int partitionCount, int replicationFactor);

    [DllImport(Library)]
    private static extern IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr mcluster);

    [DllImport(Library)]
    private static extern void rd_kafka_mock_group_initial_rebalance_delay_ms(IntPtr mcluster, int delayMs);

    /// <summary>The mock cluster that the client behind <paramref name="handle"/> hosts.</summary>
    public static IntPtr MockCluster(Confluent.Kafka.Handle handle)
    {
        EnsureResolver();
        // Confluent.Kafka keeps the native handle internal; the package version is pinned for this (Directory.Packages.props).
        var property = handle.GetType().GetProperty("LibrdkafkaHandle", BindingFlags.NonPublic | BindingFlags.Instance)
            ?? throw new InvalidOperationException("This Confluent.Kafka version has no internal Handle.LibrdkafkaHandle; the mock cluster cannot be reached. Keep the pinned version.");
        var safe = (SafeHandle)(property.GetValue(handle) ?? throw new InvalidOperationException("The Kafka client handle is closed."));
        var cluster = rd_kafka_handle_mock_cluster(safe.DangerousGetHandle());
        return cluster != IntPtr.Zero ? cluster : throw new InvalidOperationException("The client does not host a mock cluster.");
    }

    public static int CreateTopic(IntPtr mockCluster, string topic, int partitions, int replicationFactor) =>
        rd_kafka_mock_topic_create(mockCluster, topic, partitions, replicationFactor);

    public static void SetInitialRebalanceDelay(IntPtr mockCluster, int milliseconds) =>
        rd_kafka_mock_group_initial_rebalance_delay_ms(mockCluster, milliseconds);

    public static string Bootstraps(IntPtr mockCluster) =>
        Marshal.PtrToStringUTF8(rd_kafka_mock_cluster_bootstraps(mockCluster)) ?? "";

    /// <summary>
    /// Resolves "librdkafka" to the very library Confluent.Kafka loaded. The default probe would find
    /// runtimes/linux-x64/native/librdkafka.so, which needs libsasl2.so.3 (absent on slim hosts), while Confluent
    /// itself falls back to another build (centos8-librdkafka.so); two copies would not share the mock cluster anyway.
    /// </summary>
    private static void EnsureResolver()
    {
        if (Interlocked.Exchange(ref _resolverSet, 1) == 1)
        {
            return;
        }

        NativeLibrary.SetDllImportResolver(typeof(LibrdkafkaNative).Assembly, (name, _, _) =>
        {
            if (name != Library)
            {
                return IntPtr.Zero;
            }

            if (LoadedPath() is { } path)
            {
                return NativeLibrary.Load(path);
            }

            throw new DllNotFoundException("librdkafka is not loaded in this process yet: create a Kafka client first.");
        });
    }

    private static string? LoadedPath()
    {
        if (OperatingSystem.IsLinux() && File.Exists("/proc/self/maps"))
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                var at = line.IndexOf('/', StringComparison.Ordinal);
                if (at >= 0 && line.Contains("librdkafka", StringComparison.Ordinal))
                {
                    return line[at..].Trim();
                }
            }
        }

        return null;
    }
}
