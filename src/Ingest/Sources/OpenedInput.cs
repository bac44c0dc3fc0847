namespace Marketing.Ingest.Sources;

/// <param name="Stream">The whole content, decompressed, from its first byte.</param>
/// <param name="Head">The first bytes (up to 64 KiB), for sniffing the layout.</param>
public sealed record OpenedInput(Stream Stream, ReadOnlyMemory<byte> Head, bool Gzip) : IDisposable
{
    public void Dispose() => Stream.Dispose();
}
