using System.Text;

namespace Marketing.Analysis.Sentiment;

/// <summary>
/// Reads delimited records. CSV follows RFC 4180 (quoted fields, doubled quotes, line breaks inside quotes); TSV is
/// split on tabs without quoting, the layout of the SemEval files where quotes are part of the tweet.
/// </summary>
public sealed class DelimitedReader : IDisposable
{
    private readonly TextReader _reader;
    private readonly char _delimiter;
    private readonly bool _quoted;
    private readonly StringBuilder _field = new();

    public DelimitedReader(TextReader reader, char delimiter, bool quoted)
    {
        _reader = reader;
        _delimiter = delimiter;
        _quoted = quoted;
    }

    /// <summary>Line number (1-based) where the last record returned started.</summary>
    public long RecordLine { get; private set; }

    private long _line = 1;

    public static DelimitedReader Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Data file '{path}' does not exist.", path);
        }

        var csv = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        return new DelimitedReader(new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true), csv ? ',' : '\t', csv);
    }

    /// <summary>The next record, or null at the end. Empty lines are skipped.</summary>
    public string[]? Read()
    {
        while (true)
        {
            RecordLine = _line;
            var record = _quoted ? ReadQuoted() : ReadPlain();
            if (record is null)
            {
                return null;
            }

            if (record.Length == 1 && record[0].Length == 0)
            {
                continue;
            }

            return record;
        }
    }

    private string[]? ReadPlain()
    {
        var line = _reader.ReadLine();
        if (line is null)
        {
            return null;
        }

        _line++;
        return line.Split(_delimiter);
    }

    private string[]? ReadQuoted()
    {
        var fields = new List<string>();
        _field.Clear();
        var c = _reader.Read();
        if (c < 0)
        {
            return null;
        }

        var inQuotes = false;
        var quotedField = false;
        while (true)
        {
            if (c < 0)
            {
                if (inQuotes)
                {
                    throw new FormatException($"line {RecordLine}: a quoted field is not closed before the end of the file.");
                }

                fields.Add(_field.ToString());
                return [.. fields];
            }

            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (_reader.Peek() == '"')
                    {
                        _reader.Read();
                        _field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        _line++;
                    }

                    _field.Append(ch);
                }
            }
            else if (ch == '"' && _field.Length == 0 && !quotedField)
            {
                inQuotes = true;
                quotedField = true;
            }
            else if (ch == _delimiter)
            {
                fields.Add(_field.ToString());
                _field.Clear();
                quotedField = false;
            }
            else if (ch is '\r' or '\n')
            {
                if (ch == '\r' && _reader.Peek() == '\n')
                {
                    _reader.Read();
                }

                _line++;
                fields.Add(_field.ToString());
                return [.. fields];
            }
            else
            {
                _field.Append(ch);
            }

            c = _reader.Read();
        }
    }

    public void Dispose() => _reader.Dispose();
}
