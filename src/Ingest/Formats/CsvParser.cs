using System.Text;

namespace Marketing.Ingest.Formats;

/// <summary>RFC 4180 fields of one record: quoted fields may hold the delimiter, doubled quotes and newlines.</summary>
public static class CsvParser
{
    /// <summary>The fields of one record, or null with a reason when a quote is not closed.</summary>
    public static List<string>? Parse(string record, char delimiter, out string? error)
    {
        error = null;
        var fields = new List<string>();
        var sb = new StringBuilder();
        var i = 0;
        while (true)
        {
            sb.Clear();
            if (i < record.Length && record[i] == '"')
            {
                i++;
                var closed = false;
                while (i < record.Length)
                {
                    var c = record[i];
                    if (c == '"')
                    {
                        if (i + 1 < record.Length && record[i + 1] == '"')
                        {
                            sb.Append('"');
                            i += 2;
                            continue;
                        }

                        closed = true;
                        i++;
                        break;
                    }

                    sb.Append(c);
                    i++;
                }

                if (!closed)
                {
                    error = $"A quoted field (field {fields.Count + 1}) is not closed.";
                    return null;
                }

                // Lenient: text between the closing quote and the delimiter is kept (some exporters write "a"b).
                while (i < record.Length && record[i] != delimiter)
                {
                    sb.Append(record[i++]);
                }
            }
            else
            {
                var next = record.IndexOf(delimiter, i);
                var end = next < 0 ? record.Length : next;
                sb.Append(record, i, end - i);
                i = end;
            }

            fields.Add(sb.ToString());
            if (i >= record.Length)
            {
                return fields;
            }

            i++; // the delimiter
        }
    }
}
