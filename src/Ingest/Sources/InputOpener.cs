using System.IO.Compression;

namespace Marketing.Ingest.Sources;

/// <summary>Opens a file or stdin (<c>-</c>), unwrapping gzip when the first bytes are its magic number (any file name).</summary>
public static class InputOpener
{
    public const string Stdin = "-";

    /// <summary>Opens and sniffs: returns the decompressed stream and its first bytes (already consumed from it).</summary>
    public static async Task<OpenedInput> OpenAsync(string path, Func<Stream>? stdin = null, CancellationToken ct = default)
    {
        Stream raw = path == Stdin
            ? (stdin ?? Console.OpenStandardInput)()
            : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return await OpenAsync(raw, ct);
    }

    public static async Task<OpenedInput> OpenAsync(Stream raw, CancellationToken ct = default)
    {
        var magic = new byte[2];
        var n = await ReadAtLeastAsync(raw, magic, ct);
        Stream stream = new PrefixedStream(magic, n, raw);
        var gzip = n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        if (gzip)
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        // Enough to see the first line of any sane file and decide its layout.
        var head = new byte[64 * 1024];
        var got = await ReadAtLeastAsync(stream, head, ct);
        return new OpenedInput(new PrefixedStream(head, got, stream), head.AsMemory(0, got), gzip);
    }

    private static async Task<int> ReadAtLeastAsync(Stream s, byte[] buffer, CancellationToken ct)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await s.ReadAsync(buffer.AsMemory(total), ct);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
