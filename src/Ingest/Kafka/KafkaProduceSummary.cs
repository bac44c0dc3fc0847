namespace Marketing.Ingest.Kafka;

/// <summary>What a producer run did: the <c>mkt produce --json</c> shape.</summary>
/// <param name="Produced">Records handed to the producer.</param>
/// <param name="Delivered">Records the brokers acknowledged (delivery reports without error).</param>
/// <param name="Failed">Records whose delivery report carried an error, by error code in <paramref name="FailedByError"/>.</param>
public sealed record KafkaProduceSummary(
    string Topic,
    long Produced,
    long Delivered,
    long Failed,
    long Bytes,
    double Seconds,
    double MessagesPerSecond,
    IReadOnlyDictionary<string, long> FailedByError);
