namespace Marketing.Ingest.Sources;

/// <summary>One record's bytes as split from a file, with the line it starts on.</summary>
/// <param name="Data">The bytes; they may live in a <see cref="RecordArena"/> that the reader reuses for the next batch.</param>
/// <param name="Length">The full length; more than <c>Data.Length</c> when the record was too large and only its start was kept.</param>
public readonly record struct RawRecord(ReadOnlyMemory<byte> Data, long Line, long Length)
{
    public bool Truncated => Length > Data.Length;
}
