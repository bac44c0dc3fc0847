namespace Marketing.Ingest.Sources;

/// <summary>
/// Splits a stream into records without holding more than one record (and a 64 KiB buffer) in memory: at each
/// newline (JSONL), or at each newline outside double quotes (CSV, where quoted fields may hold newlines). A record
/// longer than the limit is not kept: its start is kept for the reject, the rest is skipped to the next newline
/// (quote state is reset there, so an unclosed quote costs one record, not the rest of the file). A record is
/// assembled in one reused buffer and then copied once, into a <see cref="RecordArena"/> when the caller gives one.
/// </summary>
public sealed class RecordSplitter(Stream stream, int maxRecordBytes, bool quoteAware, int keepWhenTooLarge = 8192)
{
    private readonly byte[] _buffer = new byte[1 << 16];
    private byte[] _record = new byte[4096];
    private int _recordLength;
    private int _start;
    private int _end;
    private bool _eof;
    private long _line = 1;

    /// <summary>
    /// The next record (without its line terminator), or null at the end. Blank lines are skipped. With an
    /// <paramref name="arena"/> the bytes are stored there (valid until its next reset); otherwise in a new array.
    /// </summary>
    public async ValueTask<RawRecord?> NextAsync(CancellationToken ct, RecordArena? arena = null)
    {
        _recordLength = 0;
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

                    return Make(arena, startLine, length);
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

            var keep = tooLarge ? keepWhenTooLarge : maxRecordBytes + 1L;
            if (_recordLength < keep)
            {
                Append(take[..(int)Math.Min(take.Length, keep - _recordLength)]);
            }

            if (cut < 0)
            {
                _start = _end;
                continue;
            }

            _start += cut + 1;
            if (length == 0 || IsBlank(length))
            {
                // A blank line between records.
                _recordLength = 0;
                length = 0;
                startLine = _line;
                continue;
            }

            return Make(arena, startLine, length);
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_recordLength + bytes.Length > _record.Length)
        {
            Array.Resize(ref _record, Math.Max(_record.Length * 2, _recordLength + bytes.Length));
        }

        bytes.CopyTo(_record.AsSpan(_recordLength));
        _recordLength += bytes.Length;
    }

    private bool IsBlank(long length)
    {
        if (length > 4)
        {
            return false;
        }

        foreach (var b in _record.AsSpan(0, _recordLength))
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                return false;
            }
        }

        return true;
    }

    private RawRecord Make(RecordArena? arena, long line, long length)
    {
        var data = _record.AsSpan(0, _recordLength);
        if (data.Length == length && data.Length > 0 && data[^1] == (byte)'\r')
        {
            data = data[..^1];
            length--;
        }

        return new RawRecord(arena is null ? data.ToArray() : arena.Add(data), line, length);
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
