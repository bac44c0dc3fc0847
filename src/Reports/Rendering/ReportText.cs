using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Marketing.Reports.Rendering;

/// <summary>
/// The one encoder every renderer uses for text it did not write itself (post text, handles, brand ids, artifact
/// fields). HTML gets <see cref="HtmlEncoder.Default"/>; Markdown gets the same HTML encoding (Markdown viewers render
/// raw HTML) plus escaping of Markdown's own syntax, so a post can neither run script nor forge a link or heading.
/// </summary>
public static class ReportText
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    public static string Html(string? text) => Encoder.Encode(text ?? "");

    /// <summary>
    /// For Markdown prose and table cells: one line; &amp;, &lt; and &gt; become entities (Markdown viewers render raw
    /// HTML, so no tag survives) and Markdown's own syntax is backslash-escaped (no forged link, heading or table cell).
    /// </summary>
    public static string Markdown(string? text)
    {
        var line = OneLine(text);
        var sb = new StringBuilder(line.Length + 16);
        foreach (var c in line)
        {
            switch (c)
            {
                case '&':
                    sb.Append("&amp;");
                    break;
                case '<':
                    sb.Append("&lt;");
                    break;
                case '>':
                    sb.Append("&gt;");
                    break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '(' or ')' or '#' or '|' or '!' or '~':
                    sb.Append('\\').Append(c);
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }

    public static string OneLine(string? text) => string.Join(' ', (text ?? "").Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    public static string Number(double v) => Math.Abs(v - Math.Round(v)) < 1e-9 && Math.Abs(v) < 1e15
        ? ((long)Math.Round(v)).ToString("N0", CultureInfo.InvariantCulture)
        : v.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Signed(double v, string format) => (v > 0 ? "+" : v < 0 ? "−" : "±") + Math.Abs(v).ToString(format, CultureInfo.InvariantCulture);

    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    public static string Time(DateTimeOffset? t) => t is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    public static string Day(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Net(double? v) => v is { } x ? x.ToString("+0.00;−0.00;0.00", CultureInfo.InvariantCulture) : "—";

    /// <summary>A KPI value in its unit.</summary>
    public static string KpiValue(Model.Kpi k) => k.Unit switch
    {
        "−1..1" => Net(k.Value),
        "%" => k.Value.ToString("0.0", CultureInfo.InvariantCulture) + " %",
        _ => Number(k.Value),
    };

    public static string KpiChange(Model.Kpi k)
    {
        if (k.Change.IsRatio)
        {
            return k.Unit == "%" ? Signed(k.Change.Absolute, "0.0") + " pts" : Signed(k.Change.Absolute, "0.00");
        }

        return k.Change.Percent is { } p ? Signed(p, "0.0") + " %" : (k.Change.Absolute == 0 ? "±0" : "new");
    }

    /// <summary>The period of a report, as a reader says it: 2026-11-01 00:00 UTC → 2026-11-08 00:00 UTC.</summary>
    public static string Period(Marketing.Core.Storage.TimeRange r) => $"{Time(r.Start)} → {Time(r.End)}";
}
