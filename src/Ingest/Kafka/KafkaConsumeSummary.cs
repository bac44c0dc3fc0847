namespace Marketing.Ingest.Kafka;

/// <summary>What a consumer did: the <c>mkt consume --json</c> shape.</summary>
/// <param name="Read">Records decoded: <paramref name="Stored"/> + <paramref name="Duplicates"/> + <paramref name="Rejected"/> (one message may hold several posts).</param>
/// <param name="Stored">Posts new to the store.</param>
/// <param name="Duplicates">Posts already stored (same platform and id): updated in place, never added twice.</param>
/// <param name="Messages">Kafka messages taken (a redelivered message counts again).</param>
/// <param name="Rejected">Records sent to the dead-letter topic and the store's rejects.</param>
public sealed record KafkaConsumeSummary(
    long Read,
    long Stored,
    long Duplicates,
    long Rejected,
    IReadOnlyDictionary<string, long> RejectedByReason,
    long Messages);
