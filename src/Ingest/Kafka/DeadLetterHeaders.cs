namespace Marketing.Ingest.Kafka;

/// <summary>
/// Headers of a dead-letter message (topic <c>&lt;topic&gt;.dlq</c>). The value and key are the original message's,
/// byte for byte, so a fixed record can be replayed as it was. Header values are UTF-8 text.
/// </summary>
public static class DeadLetterHeaders
{
    /// <summary>The stable reason code (no_text, bad_date, too_large, invalid_utf8, bad_json, wrong_type, ...).</summary>
    public const string Reason = "mkt.error.reason";

    /// <summary>A sentence a person can act on.</summary>
    public const string Detail = "mkt.error.detail";

    public const string SourceTopic = "mkt.source.topic";

    public const string SourcePartition = "mkt.source.partition";

    public const string SourceOffset = "mkt.source.offset";

    /// <summary>Present when the value was cut (it was larger than a dead letter may be): the original length in bytes.</summary>
    public const string TruncatedFrom = "mkt.value.truncated_from";
}
