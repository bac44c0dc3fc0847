using System.Text;
using Marketing.Core.Json;

namespace Marketing.Reports.Notebook;

/// <summary>data_dictionary.md and data_dictionary.json: every table, every column, its type and meaning.</summary>
public static class DataDictionary
{
    public static string Markdown(IReadOnlyList<ExportTable> tables, bool redacted)
    {
        var m = new StringBuilder();
        m.Append("# Data dictionary\n\nEach table is written twice with the same columns: `NAME.parquet` (Parquet) and `NAME.csv` ")
            .Append("(UTF-8, RFC 4180 quoting, CRLF line ends, invariant-culture numbers, ISO 8601 UTC times such as `2026-11-01T08:00:00.000Z`, days as `2026-11-01`). ")
            .Append("An empty cell is a missing value.\n\n");
        if (redacted)
        {
            m.Append("**This export is redacted**: author ids and handles are salted SHA-256 hashes (`anon_` + 16 hex digits, stable within this export; the salt is not stored), ")
                .Append("and e-mail addresses, phone numbers and @handles were removed from text.\n\n");
        }

        foreach (var t in tables)
        {
            m.Append("## ").Append(t.Name).Append("\n\nOne row = ").Append(t.Row).Append(".\n\n| column | type | meaning |\n|---|---|---|\n");
            foreach (var c in t.Columns)
            {
                m.Append("| `").Append(c.Name).Append("` | ").Append(c.TypeName).Append(" | ").Append(c.Meaning.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
            }

            m.Append('\n');
        }

        return m.ToString();
    }

    public static string Json(IReadOnlyList<ExportTable> tables, bool redacted) => SnakeCaseJson.Serialize(new
    {
        redacted,
        csv = new { encoding = "utf-8", quoting = "RFC 4180", line_end = "\r\n", timestamps = "ISO 8601 UTC (Z)", culture = "invariant" },
        tables = tables.Select(t => new
        {
            t.Name,
            t.Row,
            files = new[] { t.Name + ".parquet", t.Name + ".csv" },
            columns = t.Columns.Select(c => new { c.Name, type = c.TypeName, c.Meaning }),
        }),
    }, indented: true);
}
