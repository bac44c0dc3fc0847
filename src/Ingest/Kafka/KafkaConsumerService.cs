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
/// <item>Overlapped, one batch deep: while batch N is written on a writer thread, this thread collects, decodes and
/// enriches (scores) batch N+1. Every Kafka call stays on this thread. N's offsets are stored here once its write has
/// succeeded, and before N+1's write starts, so offsets are stored in order and only after the durable write. A failed
/// write is retried here (as above) before any later batch is written. Before partitions are revoked the running
/// write is awaited, so its offsets are committed with the others.</item>
/// </list>
/// </summary>
public sealed class KafkaConsumerService : BackgroundService
{
    private static readonly TimeSpan PollSlice = TimeSpan.FromMilliseconds(100);

    // How long leaving the group may take. librdkafka's close can hang during a cooperative rebalance (seen once in
    // CI); the offsets are committed before it, so giving up only means the group notices the leave at session timeout.
    private static readonly TimeSpan CloseLimit = TimeSpan.FromSeconds(30);

    // How long the final commit is retried while the group rebalances (see CommitBeforeLeaving).
    private static readonly TimeSpan LeaveCommitLimit = TimeSpan.FromSeconds(15);

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

    // The batch being written on the writer thread while this loop prepares the next one; null when none.
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

    private ConsumerActivity _activity = new("starting", Stopwatch.GetTimestamp());

    /// <summary>What the consumer thread is doing and since when, so a progress line can say where a stuck consumer waits.</summary>
    public ConsumerActivity Activity => Volatile.Read(ref _activity);

    private void Doing(string what) => Volatile.Write(ref _activity, new ConsumerActivity(what, Stopwatch.GetTimestamp()));

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // librdkafka's Consume blocks: give the loop a thread of its own instead of blocking the host's startup. A
        // dedicated thread (LongRunning), not a pool thread as Task.Run would: the loop never returns its thread, and
        // its decoding and scoring keep the pool's few threads (2 on 2 cores) busy with work items that finish quickly,
        // so the pool sees no starvation and a second or third member's loop queued behind them did not start
        // until the others went idle.
        Task.Factory.StartNew(() => Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stop)
    {
        var consumerConfig = _options.BuildConsumerConfig(_options.BootstrapServers, _options.GroupId);
        var idle = Stopwatch.StartNew();
        // Disposed bounded (see Bounded), like the consumer.
        var deadLetters = new ProducerBuilder<byte[]?, byte[]?>(_options.BuildProducerConfig(_options.BootstrapServers))
            .SetLogHandler((_, m) => LogClient("dead-letter producer", m))
            .Build();
        // Disposed by Close (bounded), not by a using: a hung close must not hang the caller too.
        var consumer = new ConsumerBuilder<byte[]?, byte[]?>(consumerConfig)
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
        var lagClock = Stopwatch.StartNew();
        try
        {
            consumer.Subscribe(_options.Topic);
            _logger.LogInformation("Consuming {Topic} as group {Group} from {Bootstrap}, batches of {BatchSize}", _options.Topic, _options.GroupId, _options.BootstrapServers, _options.BatchSize);
            while (!stop.IsCancellationRequested)
            {
                Doing("polling");
                Fill(consumer, processor, stop);
                if (_batch.Count > 0)
                {
                    Hand(consumer, processor, stop);
                    // Idle time counts from the last message handled: a slow write is not a quiet stream.
                    idle.Restart();
                    if (_unwritten)
                    {
                        break;
                    }
                }
                else if (_inFlight is not null)
                {
                    // The stream went quiet: finish the last write and store its offsets now.
                    Settle(consumer, processor, stop);
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
            Shutdown(consumer, processor);
            Doing("closing the dead-letter producer");
            Bounded("dead-letter producer dispose", deadLetters.Dispose);
            Doing("stopped");
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
            if (_inFlight is { Write.IsCompletedSuccessfully: true })
            {
                // Store the previous batch's offsets as soon as it is written, not only when this one is full.
                Settle(consumer, processor, stop);
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
    /// Decodes and enriches the collected batch while the previous one is still being written, then finishes that
    /// write (storing its offsets) and starts writing this batch on a writer thread.
    /// </summary>
    private void Hand(IConsumer<byte[]?, byte[]?> consumer, KafkaBatchProcessor processor, CancellationToken stop)
    {
        var messages = _batch.ToList();
        _batch.Clear();
        Counters.AddMessages(messages.Count);
        Doing($"decoding and enriching a batch of {messages.Count} message(s)");
        var decoded = processor.Decode(messages);
        try
        {
            // Once shutdown has begun the batch is still finished, as the write is.
            processor.EnrichAsync(decoded, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The write enriches what is not enriched yet, and a failure there is retried like any failed write.
            _logger.LogWarning(ex, "Enriching a batch of {Count} message(s) failed; the write tries again", messages.Count);
        }

        Settle(consumer, processor, stop);
        if (_unwritten)
        {
            // Shutdown gave up on the previous batch: nothing after it may be written or acknowledged now.
            return;
        }

        Doing($"writing a batch of {messages.Count} message(s)");
        // A thread of its own (not the pool, which the decoding and scoring keep busy): the write blocks on the store.
        var write = Task.Factory.StartNew(
            () => processor.WriteAsync(decoded, CancellationToken.None),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap();
        _inFlight = new InFlightBatch(messages, decoded, write);
        if (!_options.OverlapWrites)
        {
            Settle(consumer, processor, stop);
        }
    }

    /// <summary>
    /// Waits for the in-flight write, retries it here if it failed, then stores its offsets. Nothing when none is in
    /// flight. When shutdown gives up on it, no offset is stored from then on.
    /// </summary>
    private void Settle(IConsumer<byte[]?, byte[]?> consumer, KafkaBatchProcessor processor, CancellationToken stop)
    {
        if (_inFlight is not { } flight)
        {
            return;
        }

        _inFlight = null;
        if (WriteWithRetry(consumer, processor, flight.Messages, flight.Decoded, flight.Write, stop))
        {
            StoreOffsets(consumer, flight.Messages);
        }
        else
        {
            _unwritten = true;
        }
    }

    /// <summary>
    /// Takes the result of the write already started, and if it failed writes the batch again here with back-off and
    /// paused partitions until it succeeds. False only when shutdown gave up on it: its offsets must then not be stored.
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
                    Counters.AddBatch(result.Inserted, result.Updated, decoded.Rejects.Select(r => r.Reject.Reason));
                    StoreProblem = null;
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

                    if (attempt == 1)
                    {
                        // Said once, so the progress line shows how long this batch has been stuck.
                        Doing($"writing a batch of {messages.Count} message(s) (retrying)");
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
        if (_inFlight is { } flight && !_writing)
        {
            // Let the running write finish, so its offsets are committed below before the partitions move. A failed
            // write stays in flight: the loop retries all of it (offsets of partitions no longer owned are then not
            // stored, and the new owner's upserts of the same posts are idempotent).
            Doing($"finishing a write of {flight.Messages.Count} message(s) before partitions are revoked");
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
                var result = flight.Write.Result;
                Counters.AddBatch(result.Inserted, result.Updated, flight.Decoded.Rejects.Select(r => r.Reject.Reason));
                StoreProblem = null;
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

    /// <summary>
    /// The last commit must land: a member that leaves with stored but uncommitted offsets makes the next owner read
    /// those messages again, and if every member stops at once (idle exits) the group's offsets stay behind. A commit
    /// fails while the group rebalances (another member joining or leaving), so it is retried for up to
    /// <see cref="LeaveCommitLimit"/> while polling, which lets the rebalance finish. A message polled meanwhile is not
    /// handled and its offset not stored: the next owner reads it.
    /// </summary>
    private void CommitBeforeLeaving(IConsumer<byte[]?, byte[]?> consumer)
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                consumer.Commit();
                return;
            }
            catch (KafkaException ex) when (ex.Error.Code == ErrorCode.Local_NoOffset)
            {
                return; // nothing stored since the last commit
            }
            catch (KafkaException ex) when (!ex.Error.IsFatal && clock.Elapsed < LeaveCommitLimit)
            {
                _logger.LogInformation("Final commit failed ({Reason}, attempt {Attempt}); retrying while the group settles", ex.Error.Reason, attempt);
                try
                {
                    consumer.Consume(TimeSpan.FromMilliseconds(250));
                }
                catch (ConsumeException)
                {
                    // Only the rebalance matters here.
                }
            }
            catch (KafkaException ex)
            {
                _logger.LogWarning("Final commit failed: {Reason}; the next owner re-reads this member's last messages (upserted again, no duplicate rows)", ex.Error.Reason);
                return;
            }
        }
    }

    private void Shutdown(IConsumer<byte[]?, byte[]?> consumer, KafkaBatchProcessor processor)
    {
        try
        {
            var stopping = new CancellationToken(canceled: true);
            if (_inFlight is { } flight)
            {
                _logger.LogInformation("Finishing the in-flight write of {Count} message(s) before stopping", flight.Messages.Count);
                Doing($"finishing the in-flight write of {flight.Messages.Count} message(s)");
                Settle(consumer, processor, stopping);
            }

            if (_batch.Count > 0 && !_unwritten)
            {
                _logger.LogInformation("Finishing the in-flight batch of {Count} message(s) before stopping", _batch.Count);
                Doing($"finishing the in-flight batch of {_batch.Count} message(s)");
                Hand(consumer, processor, stopping);
                Settle(consumer, processor, stopping);
            }

            Doing("committing offsets");
            CommitBeforeLeaving(consumer);
            LogLag(consumer);
        }
        catch (KafkaException ex)
        {
            _logger.LogWarning("Could not finish cleanly: {Reason}", ex.Error.Reason);
        }
        finally
        {
            // Leaves the group at once, so the partitions move now instead of after the session timeout.
            Doing("leaving the group");
            Close(consumer);
            WriteStatus(stopped: true);
            var s = Counters.Snapshot();
            _logger.LogInformation("Consumer stopped: {Messages} message(s), read {Read}, stored {Stored}, duplicates {Duplicates}, rejected {Rejected}", s.Messages, s.Read, s.Stored, s.Duplicates, s.Rejected);
        }
    }

    /// <summary>
    /// Leaves the group and frees the client, bounded by <see cref="CloseLimit"/> (see <see cref="Bounded"/>). Every
    /// written batch's offsets were committed before; if the client never returns, the group drops this member when
    /// its session times out.
    /// </summary>
    private void Close(IConsumer<byte[]?, byte[]?> consumer) => Bounded("consumer close", () =>
    {
        consumer.Close();
        consumer.Dispose();
    });

    /// <summary>
    /// Runs a librdkafka call that may not return (close and destroy can hang during a cooperative rebalance) on a
    /// thread of its own and waits at most <see cref="CloseLimit"/>. A call that does not return is abandoned, logged,
    /// and the process carries on: shutdown never hangs on it.
    /// </summary>
    private void Bounded(string what, Action action)
    {
        var thread = new Thread(() =>
        {
            try
            {
                action();
            }
            catch (Exception ex) when (ex is KafkaException or ObjectDisposedException)
            {
                _logger.LogWarning("Kafka {What}: {Reason}", what, ex.Message);
            }
        })
        {
            IsBackground = true,
            Name = "kafka-" + what.Replace(' ', '-'),
        };
        thread.Start();
        if (!thread.Join(CloseLimit))
        {
            _logger.LogError("Kafka {What} did not return within {Seconds} s (group {Group}); carrying on without it. Written offsets were committed before", what, (int)CloseLimit.TotalSeconds, _options.GroupId);
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

/// <summary>What a consumer thread is doing (<see cref="KafkaConsumerService.Activity"/>) and since when (a <see cref="Stopwatch"/> timestamp).</summary>
public sealed record ConsumerActivity(string What, long Since)
{
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(Since);
}
