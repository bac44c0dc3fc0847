using System.Collections.Concurrent;

namespace Marketing.Ingest.Kafka;

/// <summary>Running totals of a consumer, safe to read from another thread (progress, the web host).</summary>
public sealed class KafkaConsumeCounters
{
    private readonly ConcurrentDictionary<string, long> _byReason = new(StringComparer.Ordinal);
    private long _messages;
    private long _stored;
    private long _duplicates;
    private long _rejected;
    private long _batches;
    private long _failedWrites;

    /// <summary>Kafka messages taken (a redelivered message counts again).</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Records decoded from those messages: stored + duplicates + rejected.</summary>
    public long Read => Stored + Interlocked.Read(ref _duplicates) + Interlocked.Read(ref _rejected);

    public long Stored => Interlocked.Read(ref _stored);

    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Batch writes that failed and were retried (the store or the dead-letter topic was unavailable).</summary>
    public long FailedWrites => Interlocked.Read(ref _failedWrites);

    internal void AddMessages(long n) => Interlocked.Add(ref _messages, n);

    internal void AddFailedWrite() => Interlocked.Increment(ref _failedWrites);

    internal void AddBatch(long stored, long duplicates, IEnumerable<string> rejectReasons)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _stored, stored);
        Interlocked.Add(ref _duplicates, duplicates);
        foreach (var reason in rejectReasons)
        {
            Interlocked.Increment(ref _rejected);
            _byReason.AddOrUpdate(reason, 1, (_, n) => n + 1);
        }
    }

    public KafkaConsumeSummary Snapshot()
    {
        var stored = Stored;
        var duplicates = Interlocked.Read(ref _duplicates);
        var rejected = Interlocked.Read(ref _rejected);
        return new(stored + duplicates + rejected, stored, duplicates, rejected, new SortedDictionary<string, long>(_byReason, StringComparer.Ordinal), Messages);
    }
}
