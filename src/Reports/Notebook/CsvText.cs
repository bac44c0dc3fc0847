using System.Globalization;
using System.Text;

namespace Marketing.Reports.Notebook;

/// <summary>CSV per RFC 4180 (CRLF line ends, fields with comma, quote or line break quoted, quotes doubled), invariant culture, ISO dates.</summary>
public static class CsvText
{
    public static string Field(object? value, ColumnType type) => Quote(Format(value, type));

    public static string Format(object? value, ColumnType type) => value switch
    {
        null => "",
        DateTimeOffset t when type == ColumnType.Date => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        double d when double.IsNaN(d) => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => ((double)f).ToString("R", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static string Quote(string s)
    {
        if (s.IndexOfAny([',', '"', '\r', '\n']) < 0)
        {
            return s;
        }

        var sb = new StringBuilder(s.Length + 8).Append('"');
        foreach (var c in s)
        {
            sb.Append(c == '"' ? "\"\"" : c.ToString());
        }

        return sb.Append('"').ToString();
    }

    public static string Row(IReadOnlyList<ExportColumn> columns, object?[] values)
    {
        var sb = new StringBuilder(256);
        for (var i = 0; i < columns.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(Field(values[i], columns[i].Type));
        }

        return sb.Append("\r\n").ToString();
    }
}
