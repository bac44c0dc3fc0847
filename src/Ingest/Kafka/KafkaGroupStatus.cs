using Confluent.Kafka;

namespace Marketing.Ingest.Kafka;

/// <summary>
/// A consumer group's progress on a topic, read without joining the group (no rebalance for the running members):
/// committed offset, watermarks and lag per partition, and the dead-letter topic's size. For <c>mkt status</c>.
/// </summary>
public static class KafkaGroupStatus
{
    public static IngestStatus Read(KafkaOptions options, TimeSpan wait)
    {
        var notes = new List<string>();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = options.BootstrapServers, SocketTimeoutMs = (int)wait.TotalMilliseconds })
            .SetLogHandler((_, _) => { })
            .Build();
        Metadata meta;
        try
        {
            meta = admin.GetMetadata(wait);
        }
        catch (KafkaException ex)
        {
            throw new InvalidOperationException($"Kafka at {options.BootstrapServers} did not answer within {wait.TotalSeconds:0.#} s ({ex.Error.Reason}). Check --bootstrap.", ex);
        }

        int Partitions(string name) => meta.Topics.FirstOrDefault(t => t.Topic == name && !t.Error.IsError)?.Partitions.Count ?? 0;
        var count = Partitions(options.Topic);
        if (count == 0)
        {
            notes.Add($"topic '{options.Topic}' does not exist (yet)");
        }

        // Reads committed offsets and watermarks without joining the group (no rebalance for the running members).
        using var reader = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = options.BootstrapServers, GroupId = options.GroupId, EnableAutoCommit = false })
            .SetLogHandler((_, _) => { })
            .Build();
        var parts = Enumerable.Range(0, count).Select(p => new TopicPartition(options.Topic, p)).ToList();
        var committed = count == 0 ? [] : reader.Committed(parts, wait).ToDictionary(c => c.Partition.Value, c => c.Offset.Value);
        var rows = new List<PartitionStatus>();
        foreach (var tp in parts)
        {
            var w = reader.QueryWatermarkOffsets(tp, wait);
            var c = committed.TryGetValue(tp.Partition.Value, out var v) && v >= 0 ? v : -1;
            rows.Add(new PartitionStatus(tp.Partition.Value, c, w.Low.Value, w.High.Value, w.High.Value - (c >= 0 ? c : w.Low.Value)));
        }

        var dlqTopic = options.DeadLetterTopic(options.Topic);
        long dlq = 0;
        for (var p = 0; p < Partitions(dlqTopic); p++)
        {
            var w = reader.QueryWatermarkOffsets(new TopicPartition(dlqTopic, p), wait);
            dlq += w.High.Value - w.Low.Value;
        }

        return new IngestStatus(options.Topic, options.GroupId, options.BootstrapServers, rows, rows.Sum(r => r.Lag), dlqTopic, dlq, [], "unknown", notes);
    }

}

/// <param name="Committed">The group's committed offset (next message to process), or -1 when none is committed.</param>
public sealed record PartitionStatus(int Partition, long Committed, long Low, long High, long Lag);

public sealed record MemberStatus(string Member, DateTimeOffset UpdatedAt, bool Stopped, long Stored, long Rejected, long FailedWrites, long Lag, string? StoreProblem, string? LlmBreaker);

public sealed record IngestStatus(
    string Topic,
    string Group,
    string Bootstrap,
    IReadOnlyList<PartitionStatus> Partitions,
    long LagTotal,
    string DeadLetterTopic,
    long DeadLetters,
    IReadOnlyList<MemberStatus> Members,
    string LlmBreaker,
    IReadOnlyList<string> Notes);
