using Marketing.Core.Domain;

namespace Marketing.Ingest;

/// <summary>
/// Turns one raw record into normalized posts (brands matched, hashtags/mentions/links extracted, language detected)
/// or rejects with reasons. A record is a JSONL line, a CSV row, a Kafka message value, or a whole JSON document
/// (an X API v2 response holds many posts). Implementations are thread-safe.
/// </summary>
public interface IRecordDecoder
{
    DecodeResult Decode(ReadOnlyMemory<byte> raw, string source);
}
