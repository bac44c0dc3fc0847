using System.Collections.Concurrent;

namespace Marketing.Ingest.Kafka;

/// <summary>Running totals of a consumer, safe to read from another thread (progress, the web host).</summary>
public sealed class KafkaConsumeCounters
{
    private readonly ConcurrentDictionary<string, long> _byReason = new(StringComparer.Ordinal);
    private long _read;
    private long _stored;
    private long _duplicates;
    private long _rejected;
    private long _batches;
    private long _failedWrites;

    public long Read => Interlocked.Read(ref _read);

    public long Stored => Interlocked.Read(ref _stored);

    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Batch writes that failed and were retried (the store or the dead-letter topic was unavailable).</summary>
    public long FailedWrites => Interlocked.Read(ref _failedWrites);

    internal void AddRead(long n) => Interlocked.Add(ref _read, n);

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

    public KafkaConsumeSummary Snapshot() => new(
        Read,
        Stored,
        Interlocked.Read(ref _duplicates),
        Interlocked.Read(ref _rejected),
        new SortedDictionary<string, long>(_byReason, StringComparer.Ordinal));
}
