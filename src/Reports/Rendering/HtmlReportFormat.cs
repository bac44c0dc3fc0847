using System.Text;
using Marketing.Reports.Charts;
using Marketing.Reports.Model;
using static Marketing.Reports.Rendering.ReportText;

namespace Marketing.Reports.Rendering;

/// <summary>
/// report.html: one self-contained file. CSS is inline, charts are PNG data: URIs, and a Content-Security-Policy that
/// allows no script and no network fetch backs up the escaping (defence in depth: a mistake in one still leaves the other).
/// </summary>
public sealed class HtmlReportFormat : IReportFormat
{
    public const string Csp = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

    private const string Css = """
        body{font-family:"DejaVu Sans",Arial,sans-serif;margin:2em auto;max-width:1000px;color:#222;line-height:1.45;padding:0 1em}
        h1{margin-bottom:.2em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}
        .meta{color:#666}.empty{color:#777;font-style:italic}
        table{border-collapse:collapse;margin:.5em 0;width:100%}th,td{border:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
        th{background:#f4f4f4}td.num{text-align:right;font-variant-numeric:tabular-nums}
        .kpis{display:flex;flex-wrap:wrap;gap:.8em}.kpi{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;min-width:140px}
        .kpi .v{font-size:1.6em;font-weight:bold}.up{color:#1a7f37}.down{color:#c0392b}.flat{color:#666}
        img.chart{max-width:100%;height:auto;border:1px solid #eee}
        blockquote.post{border-left:4px solid #ccc;margin:.5em 0;padding:.3em .8em;background:#fafafa;white-space:pre-wrap;overflow-wrap:anywhere}
        .post .by{color:#666;font-size:.85em;white-space:normal}.draft{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;margin:.6em 0}
        .draft .text{white-space:pre-wrap;overflow-wrap:anywhere}
        """;

    public string FileName => "report.html";

    public Task WriteAsync(ReportData data, IReadOnlyList<ChartImage> charts, string dir, CancellationToken ct) =>
        File.WriteAllTextAsync(Path.Combine(dir, FileName), Render(data, charts), new UTF8Encoding(false), ct);

    public static string Render(ReportData data, IReadOnlyList<ChartImage> charts)
    {
        var h = new StringBuilder(64 * 1024);
        var title = data.Title + (data.Brand is null ? "" : " — " + data.Brand);
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(Csp).Append("\">");
        h.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        h.Append("<title>").Append(Html(title)).Append("</title><style>").Append(Css).Append("</style></head><body>\n");
        h.Append("<h1>").Append(Html(title)).Append("</h1>\n");
        h.Append("<p class=\"meta\">Period ").Append(Html(Period(data.Period))).Append(" compared with ").Append(Html(Period(data.PreviousPeriod)))
            .Append(". Brand: ").Append(Html(data.Brand ?? "all watched brands")).Append(". Generated ").Append(Html(Time(data.GeneratedAt)))
            .Append(" from ").Append(Html(data.Store)).Append(".</p>\n");

        Kpis(h, data);
        Section(h, "trends", "Volume and net sentiment over time");
        Chart(h, charts, "volume");
        Chart(h, charts, "sentiment");
        BrandTable(h, data);
        Section(h, "share-of-voice", "Share of voice");
        Chart(h, charts, "share_of_voice");
        ShareTable(h, data);
        Bursts(h, data);
        Topics(h, data);
        Shifts(h, data);
        Authors(h, data);
        Segments(h, data);
        Drafts(h, data);
        if (data.Notes.Count > 0)
        {
            Section(h, "notes", "Notes");
            h.Append("<ul>");
            foreach (var n in data.Notes)
            {
                h.Append("<li>").Append(Html(n)).Append("</li>");
            }

            h.Append("</ul>\n");
        }

        h.Append("</body></html>\n");
        return h.ToString();
    }

    private static void Section(StringBuilder h, string id, string title) =>
        h.Append("<h2 id=\"").Append(id).Append("\">").Append(Html(title)).Append("</h2>\n");

    private static void Empty(StringBuilder h, string message) => h.Append("<p class=\"empty\">").Append(Html(message)).Append("</p>\n");

    private static void Kpis(StringBuilder h, ReportData data)
    {
        Section(h, "kpis", "Headline KPIs");
        h.Append("<div class=\"kpis\">");
        foreach (var k in data.Kpis)
        {
            h.Append("<div class=\"kpi\" id=\"kpi-").Append(Html(k.Name)).Append("\"><div>").Append(Html(k.Label)).Append("</div><div class=\"v\">")
                .Append(Html(KpiValue(k))).Append("</div><div class=\"").Append(k.Change.Direction).Append("\">")
                .Append(Html(KpiChange(k))).Append(" vs previous (").Append(Html(k.Unit == "−1..1" ? Net(k.Previous) : k.Unit == "%" ? k.Previous.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " %" : Number(k.Previous)))
                .Append(")</div></div>");
        }

        h.Append("</div>\n");
    }

    private static void Chart(StringBuilder h, IReadOnlyList<ChartImage> charts, string name)
    {
        if (charts.FirstOrDefault(c => c.Name == name) is not { } c)
        {
            return;
        }

        h.Append("<p><img class=\"chart\" alt=\"").Append(Html(c.Title)).Append("\" width=\"").Append(ReportCharts.Width).Append("\" height=\"")
            .Append(ReportCharts.Height).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(c.Png)).Append("\"></p>\n");
    }

    private static void BrandTable(StringBuilder h, ReportData data)
    {
        if (data.Series.Count == 0)
        {
            Empty(h, "No brand mentions in this period.");
            return;
        }

        h.Append("<table><tr><th>brand</th><th>mentions</th><th>positive</th><th>negative</th><th>net sentiment (−1..1)</th><th>engagement</th></tr>");
        foreach (var s in data.Series)
        {
            var pos = s.Points.Sum(p => p.Positive);
            var neg = s.Points.Sum(p => p.Negative);
            var vol = s.Volume;
            h.Append("<tr><td>").Append(Html(s.Brand)).Append("</td><td class=\"num\">").Append(Number(vol)).Append("</td><td class=\"num\">").Append(Number(pos))
                .Append("</td><td class=\"num\">").Append(Number(neg)).Append("</td><td class=\"num\">").Append(Net(vol == 0 ? null : (pos - neg) / (double)vol))
                .Append("</td><td class=\"num\">").Append(Number(s.Points.Sum(p => p.Engagement))).Append("</td></tr>");
        }

        h.Append("</table>\n");
    }

    private static void ShareTable(StringBuilder h, ReportData data)
    {
        if (data.ShareOfVoice.Count == 0)
        {
            Empty(h, "No brand mentions in this period, so no share of voice.");
            return;
        }

        h.Append("<table><tr><th>brand</th><th>mentions</th><th>share</th><th>previous share</th><th>change</th></tr>");
        foreach (var s in data.ShareOfVoice)
        {
            h.Append("<tr><td>").Append(Html(s.Brand)).Append("</td><td class=\"num\">").Append(Number(s.Volume)).Append("</td><td class=\"num\">").Append(Percent(s.Share))
                .Append("</td><td class=\"num\">").Append(Percent(s.PreviousShare)).Append("</td><td class=\"num\">").Append(Html(Signed((s.Share - s.PreviousShare) * 100, "0.0") + " pts")).Append("</td></tr>");
        }

        h.Append("</table>\n");
    }

    private static void Bursts(StringBuilder h, ReportData data)
    {
        Section(h, "bursts", "Bursts");
        if (data.Bursts.Count == 0)
        {
            Empty(h, "No bursts detected in this period.");
            return;
        }

        foreach (var b in data.Bursts)
        {
            h.Append("<h3>").Append(Html(BurstTitle(b))).Append("</h3>\n<p class=\"meta\">").Append(Html(Time(b.Start))).Append(" → ").Append(Html(Time(b.End)));
            if (b.Volume is { } v)
            {
                h.Append(" · ").Append(Number(v)).Append(" posts");
            }

            if (b.Score is { } sc)
            {
                h.Append(" · score ").Append(Html(Number(Math.Round(sc, 2))));
            }

            h.Append("</p>\n<p>").Append(Html(b.Explanation)).Append("</p>\n");
            if (b.Examples.Count == 0)
            {
                Empty(h, "No example posts are stored for this burst.");
            }

            foreach (var p in b.Examples)
            {
                Post(h, p);
            }
        }
    }

    internal static string BurstTitle(BurstItem b) =>
        (b.Brand, b.Term) switch
        {
            ({ } brand, { } term) when !string.Equals(brand, term, StringComparison.OrdinalIgnoreCase) => $"{brand}: {term}",
            ({ } brand, _) => brand,
            (_, { } term) => term,
            _ => b.Key,
        };

    private static void Post(StringBuilder h, PostSnippet p)
    {
        h.Append("<blockquote class=\"post\">").Append(Html(p.Text)).Append("<div class=\"by\">").Append(Html(p.Author)).Append(" on ").Append(Html(p.Platform))
            .Append(", ").Append(Html(Time(p.CreatedAt))).Append(" · ").Append(Number(p.Engagement)).Append(" interactions");
        if (p.Sentiment is { } s)
        {
            h.Append(" · ").Append(Html(s));
        }

        h.Append("</div></blockquote>\n");
    }

    private static void Topics(StringBuilder h, ReportData data)
    {
        Section(h, "topics", "Emerging topics");
        if (data.Topics.Count == 0)
        {
            Empty(h, "No emerging topics in this period.");
            return;
        }

        h.Append("<table><tr><th>topic</th><th>terms</th><th>posts</th><th>previous period</th><th>growth</th></tr>");
        foreach (var t in data.Topics)
        {
            h.Append("<tr><td>").Append(Html(t.Label)).Append("</td><td>").Append(Html(string.Join(", ", t.Terms))).Append("</td><td class=\"num\">").Append(Number(t.Volume))
                .Append("</td><td class=\"num\">").Append(Number(t.PreviousVolume)).Append("</td><td class=\"num\">")
                .Append(Html(t.Growth is { } g ? Signed(g * 100, "0") + " %" : "new")).Append("</td></tr>");
        }

        h.Append("</table>\n");
    }

    private static void Shifts(StringBuilder h, ReportData data)
    {
        Section(h, "sentiment-shifts", "Sentiment shifts");
        if (data.SentimentShifts.Count == 0)
        {
            Empty(h, "No sentiment shifts: no brand has scored mentions in both periods.");
            return;
        }

        var significant = data.SentimentShifts.Count(s => s.Significant);
        h.Append("<p>").Append(significant == 0
            ? "No brand's net sentiment moved by 0.10 or more on enough mentions."
            : $"{significant} brand(s) moved by 0.10 or more (marked ▲/▼).").Append("</p>\n");
        h.Append("<table><tr><th>brand</th><th>previous net (−1..1)</th><th>net now (−1..1)</th><th>change</th><th>mentions now</th><th>mentions before</th></tr>");
        foreach (var s in data.SentimentShifts)
        {
            var mark = s.Significant ? (s.Delta > 0 ? " ▲" : " ▼") : "";
            h.Append("<tr><td>").Append(Html(s.Brand)).Append("</td><td class=\"num\">").Append(Net(s.Previous)).Append("</td><td class=\"num\">").Append(Net(s.Current))
                .Append("</td><td class=\"num ").Append(s.Delta > 0 ? "up" : s.Delta < 0 ? "down" : "flat").Append("\">").Append(Html(Signed(s.Delta, "0.00") + mark))
                .Append("</td><td class=\"num\">").Append(Number(s.Volume)).Append("</td><td class=\"num\">").Append(Number(s.PreviousVolume)).Append("</td></tr>");
        }

        h.Append("</table>\n");
    }

    private static void Authors(StringBuilder h, ReportData data)
    {
        Section(h, "top-authors", "Top authors");
        if (data.TopAuthors.Count == 0)
        {
            Empty(h, "No posts in this period, so no authors to rank.");
            return;
        }

        h.Append("<table><tr><th>author</th><th>platform</th><th>posts</th><th>engagement (interactions)</th><th>followers</th><th>net sentiment (−1..1)</th></tr>");
        foreach (var a in data.TopAuthors)
        {
            h.Append("<tr><td>").Append(Html(a.Handle.Length > 0 ? "@" + a.Handle : a.AuthorId)).Append("</td><td>").Append(Html(a.Platform)).Append("</td><td class=\"num\">").Append(Number(a.Posts))
                .Append("</td><td class=\"num\">").Append(Number(a.Engagement)).Append("</td><td class=\"num\">").Append(Number(a.Followers)).Append("</td><td class=\"num\">")
                .Append(Net(a.NetSentiment)).Append("</td></tr>");
        }

        h.Append("</table>\n");
    }

    private static void Segments(StringBuilder h, ReportData data)
    {
        Section(h, "segments", "Segments and targeting suggestions");
        if (data.Segments.Count == 0)
        {
            Empty(h, "No audience segments have been computed yet.");
            return;
        }

        foreach (var s in data.Segments)
        {
            h.Append("<h3>").Append(Html(s.Name)).Append(s.Size is { } n ? " <span class=\"meta\">(" + Number(n) + " authors)</span>" : "").Append("</h3>\n");
            if (s.Description.Length > 0)
            {
                h.Append("<p>").Append(Html(s.Description)).Append("</p>\n");
            }

            if (s.Traits.Count > 0)
            {
                h.Append("<p class=\"meta\">Traits: ").Append(Html(string.Join(", ", s.Traits))).Append("</p>\n");
            }

            if (s.Targeting.Count == 0)
            {
                Empty(h, "No targeting suggestions for this segment.");
                continue;
            }

            h.Append("<ul>");
            foreach (var t in s.Targeting)
            {
                h.Append("<li>").Append(Html(t)).Append("</li>");
            }

            h.Append("</ul>\n");
        }
    }

    private static void Drafts(StringBuilder h, ReportData data)
    {
        Section(h, "drafts", "Latest drafts");
        if (data.Drafts.Count == 0)
        {
            Empty(h, "No campaign drafts have been generated yet.");
            return;
        }

        foreach (var d in data.Drafts)
        {
            h.Append("<div class=\"draft\"><div class=\"meta\">").Append(Html(string.Join(" · ", new[] { d.Brand, d.Channel, Time(d.CreatedAt) }.Where(x => !string.IsNullOrEmpty(x)))));
            if (d.File is { } f)
            {
                h.Append(" · <a href=\"").Append(Html(Uri.EscapeDataString(f).Replace("%2F", "/", StringComparison.Ordinal))).Append("\">").Append(Html(f)).Append("</a>");
            }

            h.Append("</div>");
            if (d.Title is { Length: > 0 } t)
            {
                h.Append("<strong>").Append(Html(t)).Append("</strong>");
            }

            h.Append("<div class=\"text\">").Append(Html(d.Text)).Append("</div></div>\n");
        }
    }
}
