using System.Text;
using Confluent.Kafka;
using Marketing.Core.Domain;
using Marketing.Core.Storage;
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

    /// <summary>Decodes every message (in parallel: the decoder is thread-safe). Never throws for bad input.</summary>
    public KafkaDecodedBatch Decode(IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> messages)
    {
        var results = new DecodeResult[messages.Count];
        if (messages.Count >= 256 && Environment.ProcessorCount > 1)
        {
            Parallel.For(0, messages.Count, i => results[i] = DecodeOne(messages[i]));
        }
        else
        {
            for (var i = 0; i < messages.Count; i++)
            {
                results[i] = DecodeOne(messages[i]);
            }
        }

        var posts = new List<SocialPost>(messages.Count);
        var rejects = new List<(RejectedRecord, ConsumeResult<byte[]?, byte[]?>)>();
        for (var i = 0; i < results.Length; i++)
        {
            posts.AddRange(results[i].Posts);
            foreach (var r in results[i].Rejects)
            {
                rejects.Add((r, messages[i]));
            }
        }

        return new KafkaDecodedBatch { Messages = messages, Posts = posts, Rejects = rejects };
    }

    /// <summary>
    /// Enriches (once), upserts the posts, then dead-letters the rejects and waits until the DLQ producer confirms
    /// them. Throws when any of it fails: nothing of the batch may then be acknowledged.
    /// </summary>
    public async Task<UpsertResult> WriteAsync(KafkaDecodedBatch batch, CancellationToken ct)
    {
        if (!batch.Enriched)
        {
            foreach (var enricher in _enrichers)
            {
                await enricher.EnrichAsync(batch.Posts, ct);
            }

            batch.Enriched = true;
        }

        var result = await UpsertAsync(batch, ct);
        if (batch.Rejects.Count > 0)
        {
            await DeadLetterAsync(batch.Rejects, ct);
            await _store.AddRejectsAsync(batch.Rejects.Select(r => r.Reject).ToList(), ct);
        }

        return result;
    }

    private DecodeResult DecodeOne(ConsumeResult<byte[]?, byte[]?> m)
    {
        var source = SourceOf(m);
        try
        {
            return _decoder.Decode(m.Message.Value ?? [], source);
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
        catch (ArgumentException ex)
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
                catch (ArgumentException bad)
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
            var message = new Message<byte[]?, byte[]?> { Key = m.Message.Key, Value = m.Message.Value, Headers = headers };
            _deadLetters.Produce(_options.DeadLetterTopic(m.Topic), message, report =>
            {
                if (report.Error.IsError)
                {
                    Interlocked.Increment(ref failures);
                    lastError = report.Error;
                }
            });
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
