using Confluent.Kafka;
using Marketing.Core.Domain;

namespace Marketing.Ingest.Kafka;

/// <summary>A batch of messages after decoding: the posts to store and the rejects to dead-letter, each reject with its message.</summary>
public sealed class KafkaDecodedBatch
{
    public required IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> Messages { get; init; }

    public required List<SocialPost> Posts { get; init; }

    public required List<(RejectedRecord Reject, ConsumeResult<byte[]?, byte[]?> Message)> Rejects { get; init; }

    /// <summary>Set once the enrichers (sentiment) ran, so a retried write does not score twice.</summary>
    public bool Enriched { get; set; }
}
