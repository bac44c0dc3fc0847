using System.Text;
using System.Text.Json;
using Marketing.Ingest.Formats;

namespace Marketing.Ingest.Sources;

/// <summary>Decides how to split a file from its name, the named format and its first bytes.</summary>
public static class LayoutSniffer
{
    public static (FileLayout Layout, char Delimiter) Sniff(string path, InputFormat format, ReadOnlySpan<byte> head)
    {
        if (format == InputFormat.Csv)
        {
            return (FileLayout.Delimited, ',');
        }

        if (format == InputFormat.Tsv)
        {
            return (FileLayout.Delimited, '\t');
        }

        var name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        if (format == InputFormat.Auto && name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return (FileLayout.Delimited, ',');
        }

        if (format == InputFormat.Auto && name.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase))
        {
            return (FileLayout.Delimited, '\t');
        }

        var text = head.StartsWith("\uFEFF"u8) ? head[3..] : head;
        var firstNonSpace = text.IndexOfAnyExcept(" \t\r\n"u8);
        if (firstNonSpace >= 0 && text[firstNonSpace] == (byte)'[')
        {
            return (FileLayout.JsonDocument, ',');
        }

        if (firstNonSpace >= 0 && text[firstNonSpace] == (byte)'{')
        {
            return (FirstLineIsCompleteJson(text[firstNonSpace..]) ? FileLayout.JsonLines : FileLayout.JsonDocument, ',');
        }

        if (format == InputFormat.Auto && firstNonSpace >= 0)
        {
            // Text that is not JSON: a header row of an export with tabs or commas.
            var nl = text.IndexOf((byte)'\n');
            var line = nl < 0 ? text : text[..nl];
            if (line.IndexOf((byte)'\t') >= 0 && LooksLikeHeader(line, '\t'))
            {
                return (FileLayout.Delimited, '\t');
            }

            if (line.IndexOf((byte)',') >= 0 && LooksLikeHeader(line, ','))
            {
                return (FileLayout.Delimited, ',');
            }
        }

        return (FileLayout.JsonLines, ',');
    }

    private static bool FirstLineIsCompleteJson(ReadOnlySpan<byte> text)
    {
        var nl = text.IndexOf((byte)'\n');
        var line = nl < 0 ? text : text[..nl];
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 256, CommentHandling = JsonCommentHandling.Skip });
            return reader.Read() && reader.TrySkip() && !reader.Read();
        }
        catch (JsonException)
        {
            // A first line that does not parse alone: pretty-printed JSON (a document) or a bad first record of a
            // JSONL file. In JSONL the next record starts at the line's first column with '{'.
            if (nl < 0)
            {
                return true;
            }

            var rest = text[(nl + 1)..];
            var next = rest.IndexOfAnyExcept("\r\n"u8);
            return next >= 0 && rest[next] == (byte)'{';
        }
    }

    /// <summary>Valid text naming at least one known column: random bytes with a comma are not a CSV header.</summary>
    private static bool LooksLikeHeader(ReadOnlySpan<byte> line, char delimiter)
    {
        if (!System.Text.Unicode.Utf8.IsValid(line))
        {
            return false;
        }

        var s = Encoding.UTF8.GetString(line);
        return s.Split(delimiter).Any(c => ColumnMap.Fields.Values.Any(names => names.Contains(c.Trim().Trim('"').ToLowerInvariant())));
    }
}
