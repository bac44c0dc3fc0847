namespace Marketing.Ingest.Sources;

/// <summary>
/// Splits a stream into records without holding more than one record (and a 64 KiB buffer) in memory: at each
/// newline (JSONL), or at each newline outside double quotes (CSV, where quoted fields may hold newlines). A record
/// longer than the limit is not kept: its start is kept for the reject, the rest is skipped to the next newline
/// (quote state is reset there, so an unclosed quote costs one record, not the rest of the file).
/// </summary>
public sealed class RecordSplitter(Stream stream, int maxRecordBytes, bool quoteAware, int keepWhenTooLarge = 8192)
{
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;
    private long _line = 1;

    /// <summary>The next record (without its line terminator), or null at the end. Blank lines are skipped.</summary>
    public async ValueTask<RawRecord?> NextAsync(CancellationToken ct)
    {
        var record = new MemoryStream();
        var startLine = _line;
        var inQuotes = false;
        long length = 0;
        var tooLarge = false;
        while (true)
        {
            if (_start == _end)
            {
                if (_eof || !await FillAsync(ct))
                {
                    if (length == 0)
                    {
                        return null;
                    }

                    return Make(record, startLine, length);
                }
            }

            var span = _buffer.AsSpan(_start, _end - _start);
            var cut = -1;
            if (!quoteAware || tooLarge)
            {
                cut = span.IndexOf((byte)'\n');
                if (cut >= 0)
                {
                    _line++;
                }
            }
            else
            {
                var i = 0;
                while (i < span.Length)
                {
                    var k = span[i..].IndexOfAny((byte)'\n', (byte)'"');
                    if (k < 0)
                    {
                        break;
                    }

                    i += k;
                    if (span[i] == (byte)'"')
                    {
                        inQuotes = !inQuotes;
                    }
                    else
                    {
                        _line++;
                        if (!inQuotes)
                        {
                            cut = i;
                            break;
                        }
                    }

                    i++;
                }
            }

            var take = cut < 0 ? span : span[..cut];
            length += take.Length;
            if (!tooLarge && length > maxRecordBytes)
            {
                tooLarge = true;
                inQuotes = false;
            }

            if (record.Length < (tooLarge ? keepWhenTooLarge : maxRecordBytes + 1L))
            {
                var room = (int)Math.Min(take.Length, (tooLarge ? keepWhenTooLarge : maxRecordBytes + 1L) - record.Length);
                record.Write(take[..room]);
            }

            if (cut < 0)
            {
                _start = _end;
                continue;
            }

            _start += cut + 1;
            if (length == 0 || IsBlank(record, length))
            {
                // A blank line between records.
                record.SetLength(0);
                length = 0;
                startLine = _line;
                continue;
            }

            return Make(record, startLine, length);
        }
    }

    private static bool IsBlank(MemoryStream record, long length)
    {
        if (length > 4)
        {
            return false;
        }

        foreach (var b in record.GetBuffer().AsSpan(0, (int)record.Length))
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                return false;
            }
        }

        return true;
    }

    private static RawRecord Make(MemoryStream record, long line, long length)
    {
        var data = record.ToArray();
        if (data.Length == length && data.Length > 0 && data[^1] == (byte)'\r')
        {
            return new RawRecord(data[..^1], line, length - 1);
        }

        return new RawRecord(data, line, length);
    }

    private async ValueTask<bool> FillAsync(CancellationToken ct)
    {
        _start = 0;
        _end = await stream.ReadAsync(_buffer, ct);
        if (_end == 0)
        {
            _eof = true;
            return false;
        }

        return true;
    }
}
