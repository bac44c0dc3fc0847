using System.IO.Compression;
using System.Text.Json;

namespace Marketing.Ingest.Kafka;

/// <summary>
/// Splits a file into raw records for the producer, byte for byte (invalid UTF-8 included, so bad records reach the
/// consumer and its dead-letter topic as they were): one record per line (JSONL and single-line JSON documents), or
/// one per element when the file is a top-level JSON array. Gzip is detected from its magic bytes; "-" is stdin.
/// </summary>
public static class RawRecordReader
{
    public static Stream Open(string path)
    {
        var raw = path == "-" ? Console.OpenStandardInput() : File.OpenRead(path);
        var buffered = new BufferedStream(raw, 1 << 16);
        Span<byte> magic = stackalloc byte[2];
        if (buffered.CanSeek)
        {
            var n = buffered.Read(magic);
            buffered.Seek(-n, SeekOrigin.Current);
            if (n == 2 && magic[0] == 0x1f && magic[1] == 0x8b)
            {
                return new BufferedStream(new GZipStream(buffered, CompressionMode.Decompress), 1 << 16);
            }
        }
        else if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            return new BufferedStream(new GZipStream(buffered, CompressionMode.Decompress), 1 << 16);
        }

        return buffered;
    }

    /// <summary>The records of <paramref name="stream"/>; blank lines are skipped.</summary>
    public static IEnumerable<byte[]> Read(Stream stream)
    {
        var first = PeekFirstNonSpace(stream, out var prefix);
        if (first == (byte)'[')
        {
            return ArrayElements(prefix, stream);
        }

        return Lines(prefix, stream);
    }

    private static int PeekFirstNonSpace(Stream stream, out byte[] prefix)
    {
        var seen = new List<byte>();
        int b;
        while ((b = stream.ReadByte()) >= 0)
        {
            seen.Add((byte)b);
            if (b is not (' ' or '\t' or '\r' or '\n' or 0xEF or 0xBB or 0xBF))
            {
                break;
            }
        }

        prefix = seen.ToArray();
        return b;
    }

    /// <summary>One record per line, whatever the first byte.</summary>
    public static IEnumerable<byte[]> ReadLines(Stream stream) => Lines([], stream);

    /// <summary>The elements of a top-level JSON array.</summary>
    public static IEnumerable<byte[]> ReadArray(Stream stream) => ArrayElements([], stream);

    private static IEnumerable<byte[]> ArrayElements(byte[] prefix, Stream stream)
    {
        using var all = new MemoryStream();
        all.Write(prefix);
        stream.CopyTo(all);
        using var doc = JsonDocument.Parse(all.ToArray(), new JsonDocumentOptions { MaxDepth = 256 });
        foreach (var element in doc.RootElement.EnumerateArray())
        {
            yield return System.Text.Encoding.UTF8.GetBytes(element.GetRawText());
        }
    }

    private static IEnumerable<byte[]> Lines(byte[] prefix, Stream stream)
    {
        var line = new MemoryStream();
        line.Write(prefix);
        var buffer = new byte[1 << 16];
        int n;
        while ((n = stream.Read(buffer)) > 0)
        {
            var start = 0;
            for (var i = 0; i < n; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    continue;
                }

                line.Write(buffer, start, i - start);
                start = i + 1;
                if (Finish(line) is { } record)
                {
                    yield return record;
                }
            }

            line.Write(buffer, start, n - start);
        }

        if (Finish(line) is { } last)
        {
            yield return last;
        }
    }

    private static byte[]? Finish(MemoryStream line)
    {
        var bytes = line.GetBuffer().AsSpan(0, (int)line.Length);
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
        }

        var result = bytes.Trim(" \t"u8).IsEmpty ? null : bytes.ToArray();
        line.SetLength(0);
        return result;
    }
}
