using System.Text;
using Confluent.Kafka;
using Marketing.Core.Domain;
using Marketing.Core.Storage;
using Marketing.Core.Threading;
using Microsoft.Extensions.Logging;

namespace Marketing.Ingest.Kafka;

/// <summary>
/// The consumer's work on one batch, without the consume loop: decode every message, pass the valid posts through
/// the enrichers (sentiment), write them with one idempotent upsert, and send each reject to the dead-letter topic
/// (original key and value, reason headers) and to the store's rejects. <see cref="WriteAsync"/> either completes
/// all of that or throws, in which case the caller must not store the batch's offsets and retries it.
/// </summary>
public sealed class KafkaBatchProcessor
{
    /// <summary>Reason of a record the decoder threw on (a decoder bug must not stop the stream).</summary>
    public const string DecoderErrorReason = "decoder_error";

    /// <summary>Reason of a decoded post that the store refuses (for example a hashtag with white space).</summary>
    public const string InvalidPostReason = "invalid_post";

    private const int MaxRawChars = 2000;

    /// <summary>Dead-letter values are cut to this many bytes, under librdkafka's default message.max.bytes (1,000,000).</summary>
    public const int MaxDeadLetterBytes = 512 * 1024;

    private readonly IRecordDecoder _decoder;
    private readonly IReadOnlyList<IPostEnricher> _enrichers;
    private readonly IPostStore _store;
    private readonly IProducer<byte[]?, byte[]?> _deadLetters;
    private readonly KafkaOptions _options;
    private readonly ILogger _logger;

    public KafkaBatchProcessor(
        IRecordDecoder decoder,
        IEnumerable<IPostEnricher> enrichers,
        IPostStore store,
        IProducer<byte[]?, byte[]?> deadLetters,
        KafkaOptions options,
        ILogger logger)
    {
        _decoder = decoder;
        _enrichers = enrichers.ToList();
        _store = store;
        _deadLetters = deadLetters;
        _options = options;
        _logger = logger;
    }

    public static string SourceOf(ConsumeResult<byte[]?, byte[]?> m) => $"{m.Topic}/{m.Partition.Value}@{m.Offset.Value}";

    /// <summary>
    /// Decodes every message (in parallel: the decoder is thread-safe). Never throws for bad input. The ingest decoder
    /// decodes without its near-duplicate index in parallel, then flags the batch's posts in message order (as the file
    /// source does): the first post of a text is the earliest, and the index lock is taken once per post on one thread
    /// instead of being fought over by every decoding worker.
    /// </summary>
    public KafkaDecodedBatch Decode(IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> messages)
    {
        var results = new DecodeResult[messages.Count];
        var ingest = _decoder as RecordDecoder;
        ParallelRanges.For(messages.Count, i => results[i] = DecodeOne(messages[i], ingest));

        var posts = new List<SocialPost>(messages.Count);
        var rejects = new List<(RejectedRecord, ConsumeResult<byte[]?, byte[]?>)>();
        for (var i = 0; i < results.Length; i++)
        {
            posts.AddRange(results[i].Posts);
            if (Collapse(results[i].Rejects) is { } reject)
            {
                rejects.Add((reject, messages[i]));
            }
        }

        ingest?.FlagNearDuplicates(posts);
        return new KafkaDecodedBatch { Messages = messages, Posts = posts, Rejects = rejects };
    }

    /// <summary>
    /// Runs the enrichers (sentiment) on the decoded posts, once: <see cref="WriteAsync"/> then skips them. The
    /// consumer calls this on its own thread for batch N+1 while batch N is being written.
    /// </summary>
    public async Task EnrichAsync(KafkaDecodedBatch batch, CancellationToken ct)
    {
        if (batch.Enriched)
        {
            return;
        }

        foreach (var enricher in _enrichers)
        {
            await enricher.EnrichAsync(batch.Posts, ct);
        }

        batch.Enriched = true;
    }

    /// <summary>
    /// Enriches (once), upserts the posts, then dead-letters the rejects and waits until the DLQ producer confirms
    /// them. Throws when any of it fails: nothing of the batch may then be acknowledged.
    /// </summary>
    public async Task<UpsertResult> WriteAsync(KafkaDecodedBatch batch, CancellationToken ct)
    {
        await EnrichAsync(batch, ct);
        var result = await UpsertAsync(batch, ct);
        if (batch.Rejects.Count > 0)
        {
            await DeadLetterAsync(batch.Rejects, ct);
            await _store.AddRejectsAsync(batch.Rejects.Select(r => r.Reject).ToList(), ct);
        }

        return result;
    }

    /// <summary>
    /// One reject per message: a message whose records are all bad (a JSON array of 100,000 non-objects) must not
    /// become 100,000 dead letters each carrying the whole message. The reasons are counted in the detail.
    /// </summary>
    internal static RejectedRecord? Collapse(IReadOnlyList<RejectedRecord> rejects)
    {
        if (rejects.Count <= 1)
        {
            return rejects.Count == 0 ? null : rejects[0];
        }

        var first = rejects[0];
        var counts = string.Join(", ", rejects.GroupBy(r => r.Reason, StringComparer.Ordinal).Select(g => $"{g.Count():N0} {g.Key}"));
        return first with { Detail = $"{rejects.Count:N0} records of this message were rejected ({counts}); the first: {first.Detail}" };
    }

    private DecodeResult DecodeOne(ConsumeResult<byte[]?, byte[]?> m, RecordDecoder? ingest)
    {
        var source = SourceOf(m);
        try
        {
            var value = m.Message.Value ?? [];
            return ingest is not null ? ingest.DecodeUnflagged(value, source, ingest.Options.MaxRecordBytes) : _decoder.Decode(value, source);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogWarning(ex, "The decoder failed on {Topic} {Partition} {Offset}; the record goes to the dead-letter topic", m.Topic, m.Partition.Value, m.Offset.Value);
            return DecodeResult.Reject(new RejectedRecord(DecoderErrorReason, $"The decoder failed: {ex.Message}", source, Raw(m.Message.Value), DateTimeOffset.UtcNow));
        }
    }

    private async Task<UpsertResult> UpsertAsync(KafkaDecodedBatch batch, CancellationToken ct)
    {
        try
        {
            return await _store.UpsertPostsAsync(batch.Posts, ct);
        }
        catch (Exception ex) when (IsRefusedPost(ex))
        {
            // A post the store refuses would fail this batch forever. Find it, reject it, store the others.
            _logger.LogWarning("The store refused a post of the batch ({Reason}); storing the batch post by post", ex.Message);
            var total = default(UpsertResult);
            var keep = new List<SocialPost>(batch.Posts.Count);
            foreach (var post in batch.Posts)
            {
                try
                {
                    total += await _store.UpsertPostsAsync([post], ct);
                    keep.Add(post);
                }
                catch (Exception bad) when (IsRefusedPost(bad))
                {
                    var message = batch.Messages.FirstOrDefault(m => SourceOf(m) == post.Source) ?? batch.Messages[0];
                    batch.Rejects.Add((new RejectedRecord(InvalidPostReason, bad.Message, post.Source ?? SourceOf(message), Raw(message.Message.Value), DateTimeOffset.UtcNow), message));
                }
            }

            batch.Posts.Clear();
            batch.Posts.AddRange(keep);
            return total;
        }
    }

    /// <summary>
    /// The store refuses this data, and always will: the store's own validation (<see cref="ArgumentException"/>), or
    /// PostgreSQL's data exceptions (SQLSTATE class 22: a NUL character in text, a value out of range...). Anything else
    /// (connection lost, disk full, read-only) is an outage: the batch is retried, not rejected.
    /// </summary>
    internal static bool IsRefusedPost(Exception ex) =>
        ex is ArgumentException || (ex is Npgsql.PostgresException pg && pg.SqlState.StartsWith("22", StringComparison.Ordinal));

    private async Task DeadLetterAsync(List<(RejectedRecord Reject, ConsumeResult<byte[]?, byte[]?> Message)> rejects, CancellationToken ct)
    {
        var failures = 0;
        Error? lastError = null;
        foreach (var (reject, m) in rejects)
        {
            var headers = new Headers
            {
                { DeadLetterHeaders.Reason, Encoding.UTF8.GetBytes(reject.Reason) },
                { DeadLetterHeaders.Detail, Encoding.UTF8.GetBytes(reject.Detail) },
                { DeadLetterHeaders.SourceTopic, Encoding.UTF8.GetBytes(m.Topic) },
                { DeadLetterHeaders.SourcePartition, Encoding.UTF8.GetBytes(m.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
                { DeadLetterHeaders.SourceOffset, Encoding.UTF8.GetBytes(m.Offset.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
            };
            var value = m.Message.Value;
            if (value is { Length: > MaxDeadLetterBytes })
            {
                // The broker would refuse the whole message (message.max.bytes), and the batch could never be
                // acknowledged: keep the head of the value and say how long it was.
                headers.Add(DeadLetterHeaders.TruncatedFrom, Encoding.UTF8.GetBytes(value.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                value = value[..MaxDeadLetterBytes];
            }

            var message = new Message<byte[]?, byte[]?> { Key = m.Message.Key, Value = value, Headers = headers };
            void OnReport(DeliveryReport<byte[]?, byte[]?> report)
            {
                if (report.Error.IsError)
                {
                    Interlocked.Increment(ref failures);
                    lastError = report.Error;
                }
            }

            while (true)
            {
                try
                {
                    _deadLetters.Produce(_options.DeadLetterTopic(m.Topic), message, OnReport);
                    break;
                }
                catch (ProduceException<byte[]?, byte[]?> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
                {
                    // Many rejects at once: let librdkafka send some, then queue the rest.
                    _deadLetters.Poll(TimeSpan.FromMilliseconds(50));
                }
            }
        }

        // Flush until every dead letter is acknowledged (or failed): only then may the offsets be stored.
        while (_deadLetters.Flush(TimeSpan.FromMilliseconds(200)) > 0)
        {
            ct.ThrowIfCancellationRequested();
            await Task.Yield();
        }

        if (Volatile.Read(ref failures) > 0)
        {
            throw new KafkaException(lastError ?? new Error(ErrorCode.Local_Fail, "dead-letter produce failed"));
        }
    }

    private static string? Raw(byte[]? value)
    {
        if (value is null)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(value, 0, Math.Min(value.Length, MaxRawChars * 4));
        return text.Length <= MaxRawChars ? text : text[..MaxRawChars];
    }
}
