using System.Diagnostics;
using Confluent.Kafka;
using Marketing.Core.Domain;
using Marketing.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketing.Ingest.Kafka;

/// <summary>
/// The Kafka consumer: one long-lived client in a consumer group, a blocking loop on its own thread. It takes
/// messages in batches (<see cref="KafkaOptions.BatchSize"/> or <see cref="KafkaOptions.BatchTimeout"/>), hands each
/// batch to <see cref="KafkaBatchProcessor"/>, and stores the batch's offsets only after the posts are durably
/// written and the rejects acknowledged by the dead-letter topic. Auto-commit commits stored offsets only, so
/// delivery is at-least-once and the idempotent upsert on (platform, id) makes the store exactly-once.
/// <list type="bullet">
/// <item>A failed write is retried with back-off, partitions paused, never skipped; offsets stay unstored meanwhile.</item>
/// <item>Cooperative-sticky assignment: a rebalance moves only the partitions that must move; before partitions are
/// revoked the stored offsets are committed, and their unwritten messages are dropped from the batch (the new owner
/// reads them).</item>
/// <item>On shutdown the in-flight batch is finished and committed, then the client leaves the group (Close).</item>
/// <item>Pipelined: batch N is enriched and written on a worker thread while this loop collects and decodes batch
/// N+1; N's offsets are stored on this thread as soon as its write has completed (the loop looks at least every
/// poll slice, and before any partition is revoked). A failed write is then retried here, as above, and no later
/// batch is started until it is written.</item>
/// </list>
/// </summary>
public sealed class KafkaConsumerService : BackgroundService
{
    private static readonly TimeSpan PollSlice = TimeSpan.FromMilliseconds(100);

    private readonly KafkaOptions _options;
    private readonly IRecordDecoder _decoder;
    private readonly IEnumerable<IPostEnricher> _enrichers;
    private readonly IPostStore _store;
    private readonly ILogger<KafkaConsumerService> _logger;
    private readonly IHostApplicationLifetime? _lifetime;
    private readonly List<ConsumeResult<byte[]?, byte[]?>> _batch = [];

    // Messages that arrived while the loop waited to retry a failed write; they open the next batch.
    private readonly List<ConsumeResult<byte[]?, byte[]?>> _carry = [];

    private bool _writing;

    // The batch being written on a worker thread while the loop prepares the next one; null when none.
    private InFlightBatch? _inFlight;

    // Set when shutdown gave up on an unwritten batch: from then on no offset is stored (it would skip that batch).
    private bool _unwritten;

    private sealed record InFlightBatch(List<ConsumeResult<byte[]?, byte[]?>> Messages, KafkaDecodedBatch Decoded, Task<UpsertResult> Write);

    // Waiting to join a group is not idleness: a member of a killed process holds its partitions until its session
    // times out, and the first assignment can take that long.
    private static readonly TimeSpan JoinGrace = TimeSpan.FromSeconds(30);
    private bool _everAssigned;
    private int _assigned;

    public KafkaConsumerService(
        KafkaOptions options,
        IRecordDecoder decoder,
        IEnumerable<IPostEnricher> enrichers,
        IPostStore store,
        ILogger<KafkaConsumerService> logger,
        IHostApplicationLifetime? lifetime = null)
    {
        if (options.BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "Kafka:BatchSize must be at least 1.");
        }

        _options = options;
        _decoder = decoder;
        _enrichers = enrichers;
        _store = store;
        _logger = logger;
        _lifetime = lifetime;
    }

    public KafkaConsumeCounters Counters { get; } = new();

    /// <summary>Partitions this member owns now.</summary>
    public int AssignedPartitions => Volatile.Read(ref _assigned);

    /// <summary>True once the consumer stopped because no message came for <see cref="KafkaOptions.IdleExit"/>.</summary>
    public bool StoppedWhenIdle { get; private set; }

    /// <summary>Artifact kind of the status each member writes to the store (read by <c>mkt status</c>).</summary>
    public const string StatusArtifactKind = "kafka-consumer";

    /// <summary>This member's key in the <see cref="StatusArtifactKind"/> artifacts: group/host/pid.</summary>
    public string MemberKey => $"{_options.GroupId}/{Environment.MachineName}/{Environment.ProcessId}";

    /// <summary>Extra facts for the status artifact (for example the LLM breaker state); read on the consumer thread.</summary>
    public Func<IReadOnlyDictionary<string, object?>>? StatusDetails { get; init; }

    /// <summary>The last failed write, explained (null once a write succeeds again).</summary>
    public string? StoreProblem { get; private set; }

    /// <summary>Sum over the assigned partitions of high watermark − position, as last measured (-1 before the first).</summary>
    public long Lag => Interlocked.Read(ref _lag);

    private long _lag = -1;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // librdkafka's Consume blocks: give the loop a thread of its own instead of blocking the host's startup.
        Task.Run(() => Run(stoppingToken), CancellationToken.None);

    private void Run(CancellationToken stop)
    {
        var consumerConfig = _options.BuildConsumerConfig(_options.BootstrapServers, _options.GroupId);
        var idle = Stopwatch.StartNew();
        using var deadLetters = new ProducerBuilder<byte[]?, byte[]?>(_options.BuildProducerConfig(_options.BootstrapServers))
            .SetLogHandler((_, m) => LogClient("dead-letter producer", m))
            .Build();
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(consumerConfig)
            .SetLogHandler((_, m) => LogClient("consumer", m))
            .SetErrorHandler((_, e) => _logger.LogWarning("Kafka consumer error {Code}: {Reason}", e.Code, e.Reason))
            .SetPartitionsAssignedHandler((_, parts) =>
            {
                // Idle time counts from the moment there is something to read (an empty incremental assignment,
                // which a cooperative rebalance may hand out, is nothing to read).
                if (parts.Count > 0)
                {
                    idle.Restart();
                    _everAssigned = true;
                }

                Interlocked.Add(ref _assigned, parts.Count);
                _logger.LogInformation("Assigned {Count} partition(s) of {Topic}: {Partitions}", parts.Count, _options.Topic, string.Join(",", parts.Select(p => p.Partition.Value)));
            })
            .SetPartitionsRevokedHandler(OnRevoked)
            .SetPartitionsLostHandler((_, parts) =>
            {
                _logger.LogWarning("Lost {Count} partition(s) of {Topic}; their unwritten messages will be redelivered to the new owner", parts.Count, _options.Topic);
                Interlocked.Add(ref _assigned, -parts.Count);
                DropFromBatch(parts.Select(p => p.TopicPartition));
            })
            .Build();
        var processor = new KafkaBatchProcessor(_decoder, _enrichers, _store, deadLetters, _options, _logger);
        consumer.Subscribe(_options.Topic);
        _logger.LogInformation("Consuming {Topic} as group {Group} from {Bootstrap}, batches of {BatchSize}", _options.Topic, _options.GroupId, _options.BootstrapServers, _options.BatchSize);

        var lagClock = Stopwatch.StartNew();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                Fill(consumer, processor, stop);
                if (_batch.Count > 0)
                {
                    Hand(consumer, processor, stop);
                    // Idle time counts from the last message handled: a slow write is not a quiet stream.
                    idle.Restart();
                }
                else if (Complete(consumer, processor, stop))
                {
                    // The stream went quiet: the last batch's write is finished and its offsets stored.
                    idle.Restart();
                }
                else if (_options.IdleExit is { } limit && idle.Elapsed >= (_everAssigned ? limit : limit + JoinGrace))
                {
                    _logger.LogInformation("No message for {Seconds} s: stopping", (int)limit.TotalSeconds);
                    StoppedWhenIdle = true;
                    break;
                }

                if (lagClock.Elapsed >= _options.LagLogInterval)
                {
                    lagClock.Restart();
                    LogLag(consumer);
                }
            }
        }
        finally
        {
            FinishInFlight(consumer, processor);
            Shutdown(consumer, processor);
        }

        if (StoppedWhenIdle)
        {
            _lifetime?.StopApplication();
        }
    }

    /// <summary>Collects messages until the batch is full, its time is up, the stream is quiet or shutdown begins.</summary>
    private void Fill(IConsumer<byte[]?, byte[]?> consumer, KafkaBatchProcessor processor, CancellationToken stop)
    {
        if (_carry.Count > 0)
        {
            _batch.AddRange(_carry);
            _carry.Clear();
        }

        var started = _batch.Count > 0 ? Stopwatch.StartNew() : null;
        while (_batch.Count < _options.BatchSize && !stop.IsCancellationRequested)
        {
            if (_inFlight is { Write.IsCompleted: true })
            {
                // Store the previous batch's offsets as soon as it is written, not only when this one is full.
                Complete(consumer, processor, stop);
                if (_carry.Count > 0)
                {
                    // Read while that write was retried: they come before anything consumed from here on.
                    _batch.AddRange(_carry);
                    _carry.Clear();
                }
            }

            var timeout = PollSlice;
            if (started is not null)
            {
                var left = _options.BatchTimeout - started.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    return;
                }

                timeout = left < PollSlice ? left : PollSlice;
            }

            var message = ConsumeOne(consumer, timeout);
            if (message is null)
            {
                if (started is null)
                {
                    return;
                }

                continue;
            }

            _batch.Add(message);
            started ??= Stopwatch.StartNew();
        }
    }

    private ConsumeResult<byte[]?, byte[]?>? ConsumeOne(IConsumer<byte[]?, byte[]?> consumer, TimeSpan timeout)
    {
        try
        {
            var message = consumer.Consume(timeout);
            return message is { IsPartitionEOF: false } ? message : null;
        }
        catch (ConsumeException ex) when (!ex.Error.IsFatal)
        {
            _logger.LogWarning("Consume error {Code} on {Topic} {Partition} {Offset}: {Reason}", ex.Error.Code, ex.ConsumerRecord?.Topic, ex.ConsumerRecord?.Partition.Value, ex.ConsumerRecord?.Offset.Value, ex.Error.Reason);
            return null;
        }
        catch (ConsumeException ex)
        {
            _logger.LogCritical("Fatal consumer error {Code}: {Reason}; the consumer stops", ex.Error.Code, ex.Error.Reason);
            throw;
        }
    }

    /// <summary>
    /// Decodes the collected batch while the previous one is still being written, then waits for that write (storing
    /// its offsets) and starts enriching and writing this batch on a worker thread.
    /// </summary>
    private void Hand(IConsumer<byte[]?, byte[]?> consumer, KafkaBatchProcessor processor, CancellationToken stop)
    {
        var messages = _batch.ToList();
        _batch.Clear();
        Counters.AddMessages(messages.Count);
        var decoded = processor.Decode(messages);
        Complete(consumer, processor, stop);
        _inFlight = new InFlightBatch(messages, decoded, Task.Run(() => processor.WriteAsync(decoded, CancellationToken.None)));
    }

    /// <summary>
    /// Waits for the in-flight write, retries it here if it failed, then stores its offsets. False when there was none.
    /// </summary>
    private bool Complete(IConsumer<byte[]?, byte[]?> consumer, KafkaBatchProcessor processor, CancellationToken stop)
    {
        if (_inFlight is not { } flight)
        {
            return false;
        }

        _inFlight = null;
        if (WriteWithRetry(consumer, processor, flight.Messages, flight.Decoded, flight.Write, stop))
        {
            StoreOffsets(consumer, flight.Messages);
        }
        else
        {
            // Given up at shutdown: a later batch's offsets would cover this one's, so none may be stored now.
            _unwritten = true;
        }

        return true;
    }

    /// <summary>On the way out (stop, idle exit or a fatal error): the in-flight batch is finished before Shutdown.</summary>
    private void FinishInFlight(IConsumer<byte[]?, byte[]?> consumer, KafkaBatchProcessor processor)
    {
        try
        {
            Complete(consumer, processor, new CancellationToken(canceled: true));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogWarning("Could not finish the in-flight batch: {Reason}; its offsets are not stored, so it will be redelivered", ex.Message);
        }
    }

    /// <summary>Writes the batch, retrying until it succeeds (or shutdown gives up), then stores its offsets.</summary>
    private void Process(IConsumer<byte[]?, byte[]?> consumer, KafkaBatchProcessor processor, CancellationToken stop)
    {
        Complete(consumer, processor, stop);
        Counters.AddMessages(_batch.Count);
        var decoded = processor.Decode(_batch.ToList());
        if (WriteWithRetry(consumer, processor, _batch, decoded, null, stop))
        {
            StoreOffsets(consumer, _batch);
        }
        else
        {
            _unwritten = true;
        }

        _batch.Clear();
    }

    /// <summary>
    /// Writes a decoded batch (or takes the result of the write already started), retrying with back-off and paused
    /// partitions until it succeeds. False only when shutdown gave up on it: its offsets must then not be stored.
    /// </summary>
    private bool WriteWithRetry(IConsumer<byte[]?, byte[]?> consumer, KafkaBatchProcessor processor, List<ConsumeResult<byte[]?, byte[]?>> messages, KafkaDecodedBatch decoded, Task<UpsertResult>? started, CancellationToken stop)
    {
        var backoff = _options.RetryBackoff;
        var paused = new List<TopicPartition>();
        var attempt = 0;
        _writing = true;
        try
        {
            while (true)
            {
                attempt++;
                try
                {
                    // Once shutdown has begun the write still runs to the end: the in-flight batch is finished.
                    var write = attempt == 1 && started is not null ? started : processor.WriteAsync(decoded, CancellationToken.None);
                    var result = write.GetAwaiter().GetResult();
                    Written(decoded, result);
                    return true;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    Counters.AddFailedWrite();
                    StoreProblem = Explain(ex);
                    if (stop.IsCancellationRequested && attempt >= 3)
                    {
                        _logger.LogError(ex, "Shutting down with an unwritten batch of {Count} message(s); its offsets are not stored, so it will be redelivered", messages.Count);
                        return false;
                    }

                    if (attempt == 1 || attempt % 10 == 0)
                    {
                        _logger.LogError(ex, "Batch write failed: {Problem} (attempt {Attempt}, {Count} message(s)); offsets not stored, partitions paused, retrying in {Delay} ms", StoreProblem, attempt, messages.Count, (int)backoff.TotalMilliseconds);
                    }
                    else
                    {
                        _logger.LogWarning("Batch write failed again: {Problem} (attempt {Attempt}); retrying in {Delay} ms", StoreProblem, attempt, (int)backoff.TotalMilliseconds);
                    }

                    if (paused.Count == 0)
                    {
                        paused.AddRange(consumer.Assignment);
                        consumer.Pause(paused);
                    }

                    Wait(consumer, backoff);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxRetryBackoff.Ticks));
                }
            }
        }
        finally
        {
            _writing = false;
            if (paused.Count > 0)
            {
                var still = consumer.Assignment.ToHashSet();
                consumer.Resume(paused.Where(still.Contains).ToList());
                _logger.LogInformation("Batch written after {Attempts} attempt(s); partitions resumed", attempt);
            }
        }
    }

    private void Written(KafkaDecodedBatch decoded, UpsertResult result)
    {
        Counters.AddBatch(result.Inserted, result.Updated, decoded.Rejects.Select(r => r.Reject.Reason));
        StoreProblem = null;
    }

    /// <summary>
    /// What a failed write means for an operator. A full disk or a read-only store will not heal by itself: say so,
    /// so the log tells what to fix. Either way the batch is kept and retried; no offset is stored for it.
    /// </summary>
    public static string Explain(Exception ex)
    {
        var text = string.Join(" | ", Chain(ex).Select(e => e.Message));
        string? kind = null;
        if (Contains(text, "readonly database") || Contains(text, "read-only") || Contains(text, "read only") || Contains(text, "25006")
            || Contains(text, "permission denied") || Contains(text, "42501"))
        {
            kind = "the store is read-only (it refuses writes): make it writable (file permissions, grants, a primary instead of a replica)";
        }
        else if (Contains(text, "disk is full") || Contains(text, "disk full") || Contains(text, "No space left") || Contains(text, "53100") || Contains(text, "ENOSPC"))
        {
            kind = "the store's disk is full: free space";
        }
        else if (Chain(ex).Any(e => e is System.Net.Sockets.SocketException or TimeoutException) || Contains(text, "Failed to connect") || Contains(text, "unavailable") || Contains(text, "Exception while reading from stream") || Contains(text, "connection"))
        {
            kind = "the store is unreachable: it is retried until it answers";
        }

        var first = ex.GetBaseException().Message;
        return kind is null ? $"{ex.GetType().Name}: {first}" : $"{kind} ({ex.GetType().Name}: {first})";

        static bool Contains(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);

        static IEnumerable<Exception> Chain(Exception e)
        {
            for (Exception? x = e; x is not null; x = x.InnerException)
            {
                yield return x;
            }
        }
    }

    /// <summary>
    /// Waits for a retry while still polling: a consumer that stops polling for max.poll.interval.ms is thrown out of
    /// its group. Its partitions are paused, so normally nothing arrives; anything that does is kept for later.
    /// </summary>
    private void Wait(IConsumer<byte[]?, byte[]?> consumer, TimeSpan delay)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < delay)
        {
            var left = delay - clock.Elapsed;
            if (ConsumeOne(consumer, left < PollSlice ? left : PollSlice) is { } early)
            {
                _carry.Add(early);
            }
        }
    }

    private void StoreOffsets(IConsumer<byte[]?, byte[]?> consumer, List<ConsumeResult<byte[]?, byte[]?>> written)
    {
        if (_unwritten)
        {
            return;
        }

        // The next offset to read per partition: the highest written offset + 1.
        var next = new Dictionary<TopicPartition, long>();
        foreach (var m in written)
        {
            if (!next.TryGetValue(m.TopicPartition, out var o) || m.Offset.Value + 1 > o)
            {
                next[m.TopicPartition] = m.Offset.Value + 1;
            }
        }

        foreach (var (tp, offset) in next)
        {
            try
            {
                consumer.StoreOffset(new TopicPartitionOffset(tp, offset));
            }
            catch (KafkaException ex)
            {
                // The partition moved to another member while the batch was written: it will re-read (idempotently).
                _logger.LogDebug("Offset {Offset} of {Topic} {Partition} not stored: {Reason}", offset, tp.Topic, tp.Partition.Value, ex.Error.Reason);
            }
        }
    }

    private void OnRevoked(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartitionOffset> revoked)
    {
        _logger.LogInformation("Revoking {Count} partition(s) of {Topic}: {Partitions}", revoked.Count, _options.Topic, string.Join(",", revoked.Select(p => p.Partition.Value)));
        Interlocked.Add(ref _assigned, -revoked.Count);
        if (_inFlight is { } flight)
        {
            // Let the running write finish, so its offsets are committed below before the partitions move. A failed
            // write stays in flight: the loop retries all of it (offsets of partitions no longer owned are then not
            // stored, and the new owner's upserts of the same posts are idempotent).
            try
            {
                flight.Write.Wait();
            }
            catch (AggregateException)
            {
            }

            if (flight.Write.IsCompletedSuccessfully)
            {
                _inFlight = null;
                Written(flight.Decoded, flight.Write.Result);
                StoreOffsets(consumer, flight.Messages);
            }
        }

        if (!_writing)
        {
            // Not written yet: the next owner reads these from the committed offset.
            DropFromBatch(revoked.Select(p => p.TopicPartition));
        }

        Commit(consumer);
    }

    private void DropFromBatch(IEnumerable<TopicPartition> partitions)
    {
        var set = partitions.ToHashSet();
        if (!_writing)
        {
            _batch.RemoveAll(m => set.Contains(m.TopicPartition));
        }

        _carry.RemoveAll(m => set.Contains(m.TopicPartition));
    }

    private void Commit(IConsumer<byte[]?, byte[]?> consumer)
    {
        try
        {
            consumer.Commit();
        }
        catch (KafkaException ex) when (ex.Error.Code == ErrorCode.Local_NoOffset)
        {
            // Nothing stored since the last commit.
        }
        catch (KafkaException ex)
        {
            _logger.LogWarning("Commit failed: {Reason}", ex.Error.Reason);
        }
    }

    private void Shutdown(IConsumer<byte[]?, byte[]?> consumer, KafkaBatchProcessor processor)
    {
        try
        {
            if (_batch.Count > 0)
            {
                _logger.LogInformation("Finishing the in-flight batch of {Count} message(s) before stopping", _batch.Count);
                Process(consumer, processor, new CancellationToken(canceled: true));
            }

            Commit(consumer);
            LogLag(consumer);
        }
        catch (KafkaException ex)
        {
            _logger.LogWarning("Could not finish cleanly: {Reason}", ex.Error.Reason);
        }
        finally
        {
            // Leaves the group at once, so the partitions move now instead of after the session timeout.
            consumer.Close();
            WriteStatus(stopped: true);
            var s = Counters.Snapshot();
            _logger.LogInformation("Consumer stopped: {Messages} message(s), read {Read}, stored {Stored}, duplicates {Duplicates}, rejected {Rejected}", s.Messages, s.Read, s.Stored, s.Duplicates, s.Rejected);
        }
    }

    private void LogLag(IConsumer<byte[]?, byte[]?> consumer)
    {
        long total = 0;
        try
        {
            foreach (var tp in consumer.Assignment)
            {
                var watermarks = consumer.GetWatermarkOffsets(tp);
                var position = consumer.Position(tp);
                if (watermarks.High == Offset.Unset || position == Offset.Unset)
                {
                    continue;
                }

                total += watermarks.High.Value - position.Value;
                _logger.LogInformation("Consumer lag {Topic} {Partition} {Offset} {Lag}", tp.Topic, tp.Partition.Value, position.Value, watermarks.High.Value - position.Value);
            }
        }
        catch (KafkaException ex)
        {
            _logger.LogDebug("Lag not measured: {Reason}", ex.Error.Reason);
        }

        Interlocked.Exchange(ref _lag, total);
        WriteStatus(stopped: false);
    }

    /// <summary>
    /// Best effort: this member's counters, lag, store problem and <see cref="StatusDetails"/> as a
    /// <see cref="StatusArtifactKind"/> artifact, so <c>mkt status</c> can show what only the process knows.
    /// </summary>
    private void WriteStatus(bool stopped)
    {
        try
        {
            var s = Counters.Snapshot();
            var status = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["member"] = MemberKey,
                ["group"] = _options.GroupId,
                ["topic"] = _options.Topic,
                ["updated_at"] = DateTimeOffset.UtcNow,
                ["stopped"] = stopped,
                ["messages"] = s.Messages,
                ["stored"] = s.Stored,
                ["duplicates"] = s.Duplicates,
                ["rejected"] = s.Rejected,
                ["failed_writes"] = Counters.FailedWrites,
                ["lag"] = Lag,
                ["store_problem"] = StoreProblem,
            };
            foreach (var (k, v) in StatusDetails?.Invoke() ?? new Dictionary<string, object?>())
            {
                status[k] = v;
            }

            var json = System.Text.Json.JsonSerializer.Serialize(status);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            _store.PutArtifactAsync(StatusArtifactKind, MemberKey, json, timeout.Token).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogDebug("Status not written: {Reason}", ex.Message);
        }
    }

    private void LogClient(string client, LogMessage m)
    {
        var level = m.Level switch
        {
            SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical or SyslogLevel.Error => LogLevel.Error,
            SyslogLevel.Warning => LogLevel.Warning,
            SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
            _ => LogLevel.Debug,
        };
        _logger.Log(level, "librdkafka {Client} {Facility}: {Message}", client, m.Facility, m.Message);
    }
}
