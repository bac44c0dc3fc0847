using System.Security.Cryptography;
using Marketing.Core.Domain;

namespace Marketing.Analysis.Sentiment;

/// <summary>
/// Reads labelled (or unlabelled) text files: TSV with a <c>label TAB text</c> header by default, CSV (RFC 4180) when
/// the file ends in .csv; columns are found by name in the header. Streams: rows are yielded as they are read.
/// </summary>
public static class SentimentData
{
    public const string DefaultTextColumn = "text";
    public const string DefaultLabelColumn = "label";

    public static IEnumerable<SentimentExample> ReadLabelled(string path, string textColumn = DefaultTextColumn, string labelColumn = DefaultLabelColumn)
    {
        using var reader = DelimitedReader.Open(path);
        var header = reader.Read() ?? throw new FormatException($"{path}: the file is empty; expected a header with '{labelColumn}' and '{textColumn}' columns.");
        var labelAt = Column(path, header, labelColumn, "--label-col");
        var textAt = Column(path, header, textColumn, "--text-col");
        var width = Math.Max(labelAt, textAt) + 1;
        while (reader.Read() is { } row)
        {
            if (row.Length < width)
            {
                throw new FormatException($"{path} line {reader.RecordLine}: {row.Length} field(s), expected at least {width} ('{labelColumn}' and '{textColumn}').");
            }

            var rawLabel = row[labelAt];
            if (!SentimentLabels.TryParse(rawLabel, out var label) || label == SentimentLabel.Unscored)
            {
                throw new FormatException($"{path} line {reader.RecordLine}: unknown label '{Short(rawLabel)}'; use negative, neutral or positive.");
            }

            // A TSV text may itself contain tabs: keep everything after the label column when text is the last one.
            var text = !IsCsv(path) && textAt == header.Length - 1 && row.Length > header.Length
                ? string.Join('\t', row[textAt..])
                : row[textAt];
            yield return new SentimentExample(label, text, reader.RecordLine);
        }
    }

    /// <summary>Texts only: a one-column file without header is read as one text per line.</summary>
    public static IEnumerable<string> ReadTexts(string path, string textColumn = DefaultTextColumn)
    {
        using var reader = DelimitedReader.Open(path);
        var header = reader.Read();
        if (header is null)
        {
            yield break;
        }

        var textAt = Array.FindIndex(header, h => string.Equals(h.Trim(), textColumn, StringComparison.OrdinalIgnoreCase));
        if (textAt < 0)
        {
            if (header.Length > 1)
            {
                throw new FormatException($"{path}: no column '{textColumn}' in the header ({string.Join(", ", header.Select(Short))}); pass --text-col.");
            }

            yield return header[0];
            textAt = 0;
        }

        while (reader.Read() is { } row)
        {
            if (row.Length > textAt)
            {
                yield return !IsCsv(path) && textAt == header.Length - 1 ? string.Join('\t', row[textAt..]) : row[textAt];
            }
        }
    }

    /// <summary>SHA-256 of the file bytes (lower-case hex): identifies the training data in the metrics.</summary>
    public static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static bool IsCsv(string path) => path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    private static int Column(string path, string[] header, string name, string option)
    {
        var at = Array.FindIndex(header, h => string.Equals(h.Trim().TrimStart('\uFEFF'), name, StringComparison.OrdinalIgnoreCase));
        return at >= 0
            ? at
            : throw new FormatException($"{path}: no column '{name}' in the header ({string.Join(", ", header.Select(Short))}); pass {option} NAME.");
    }

    private static string Short(string s) => s.Length > 40 ? s[..40] + "..." : s;
}
