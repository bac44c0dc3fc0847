using System.Globalization;
using System.Text;
using Marketing.Reports.Charts;
using Marketing.Reports.Model;
using static Marketing.Reports.Rendering.ReportText;

namespace Marketing.Reports.Rendering;

/// <summary>report.md with the PNG charts beside it (charts/NAME.png). All foreign text goes through <see cref="ReportText.Markdown"/>.</summary>
public sealed class MarkdownReportFormat : IReportFormat
{
    public string FileName => "report.md";

    public Task WriteAsync(ReportData data, IReadOnlyList<ChartImage> charts, string dir, CancellationToken ct) =>
        File.WriteAllTextAsync(Path.Combine(dir, FileName), Render(data, charts), new UTF8Encoding(false), ct);

    public static string Render(ReportData data, IReadOnlyList<ChartImage> charts)
    {
        var m = new StringBuilder(16 * 1024);
        m.Append("# ").Append(Markdown(data.Title + (data.Brand is null ? "" : " — " + data.Brand))).Append("\n\n");
        m.Append("Period ").Append(Markdown(Period(data.Period))).Append(", compared with ").Append(Markdown(Period(data.PreviousPeriod)))
            .Append(". Brand: ").Append(Markdown(data.Brand ?? "all watched brands")).Append(". Generated ").Append(Markdown(Time(data.GeneratedAt))).Append(".\n\n");

        m.Append("## Headline KPIs\n\n| KPI | this period | previous period | change |\n|---|---:|---:|---:|\n");
        foreach (var k in data.Kpis)
        {
            var prev = k with { Value = k.Previous };
            m.Append("| ").Append(Markdown(k.Label)).Append(" | ").Append(Markdown(KpiValue(k))).Append(" | ").Append(Markdown(KpiValue(prev))).Append(" | ").Append(Markdown(KpiChange(k))).Append(" |\n");
        }

        m.Append("\n## Volume and net sentiment over time\n\n");
        Image(m, charts, "volume");
        Image(m, charts, "sentiment");
        if (data.Series.Count == 0)
        {
            m.Append("_No brand mentions in this period._\n\n");
        }
        else
        {
            m.Append("| brand | mentions | net sentiment (−1..1) |\n|---|---:|---:|\n");
            foreach (var s in data.Series)
            {
                var pos = s.Points.Sum(p => p.Positive);
                var neg = s.Points.Sum(p => p.Negative);
                m.Append("| ").Append(Markdown(s.Brand)).Append(" | ").Append(Number(s.Volume)).Append(" | ").Append(Markdown(Net(s.Volume == 0 ? null : (pos - neg) / (double)s.Volume))).Append(" |\n");
            }

            m.Append('\n');
        }

        m.Append("## Share of voice\n\n");
        Image(m, charts, "share_of_voice");
        if (data.ShareOfVoice.Count == 0)
        {
            m.Append("_No brand mentions in this period, so no share of voice._\n\n");
        }
        else
        {
            m.Append("| brand | mentions | share | previous share |\n|---|---:|---:|---:|\n");
            foreach (var s in data.ShareOfVoice)
            {
                m.Append("| ").Append(Markdown(s.Brand)).Append(" | ").Append(Number(s.Volume)).Append(" | ").Append(Markdown(Percent(s.Share))).Append(" | ").Append(Markdown(Percent(s.PreviousShare))).Append(" |\n");
            }

            m.Append('\n');
        }

        m.Append("## Bursts\n\n");
        if (data.Bursts.Count == 0)
        {
            m.Append("_No bursts detected in this period._\n\n");
        }

        foreach (var b in data.Bursts)
        {
            m.Append("### ").Append(Markdown(HtmlReportFormat.BurstTitle(b))).Append("\n\n").Append(Markdown(Time(b.Start) + " → " + Time(b.End)))
                .Append(b.Volume is { } v ? ", " + Number(v) + " posts" : "").Append("\n\n").Append(Markdown(b.Explanation)).Append("\n\n");
            foreach (var p in b.Examples)
            {
                m.Append("> ").Append(Markdown(p.Text)).Append("  \n> — ").Append(Markdown(p.Author + " on " + p.Platform + ", " + Time(p.CreatedAt))).Append("\n\n");
            }
        }

        m.Append("## Emerging topics\n\n");
        if (data.Topics.Count == 0)
        {
            m.Append("_No emerging topics in this period._\n\n");
        }
        else
        {
            m.Append("| topic | terms | posts | previous period | growth |\n|---|---|---:|---:|---:|\n");
            foreach (var t in data.Topics)
            {
                m.Append("| ").Append(Markdown(t.Label)).Append(" | ").Append(Markdown(string.Join(", ", t.Terms))).Append(" | ").Append(Number(t.Volume)).Append(" | ").Append(Number(t.PreviousVolume))
                    .Append(" | ").Append(Markdown(t.Growth is { } g ? Signed(g * 100, "0") + " %" : "new")).Append(" |\n");
            }

            m.Append('\n');
        }

        m.Append("## Sentiment shifts\n\n");
        if (data.SentimentShifts.Count == 0)
        {
            m.Append("_No sentiment shifts: no brand has scored mentions in both periods._\n\n");
        }
        else
        {
            m.Append("| brand | previous net | net now | change | significant |\n|---|---:|---:|---:|---|\n");
            foreach (var s in data.SentimentShifts)
            {
                m.Append("| ").Append(Markdown(s.Brand)).Append(" | ").Append(Markdown(Net(s.Previous))).Append(" | ").Append(Markdown(Net(s.Current))).Append(" | ").Append(Markdown(Signed(s.Delta, "0.00")))
                    .Append(" | ").Append(s.Significant ? "yes" : "no").Append(" |\n");
            }

            m.Append('\n');
        }

        m.Append("## Top authors\n\n");
        if (data.TopAuthors.Count == 0)
        {
            m.Append("_No posts in this period, so no authors to rank._\n\n");
        }
        else
        {
            m.Append("| author | platform | posts | engagement | followers |\n|---|---|---:|---:|---:|\n");
            foreach (var a in data.TopAuthors)
            {
                m.Append("| ").Append(Markdown(a.Handle.Length > 0 ? "@" + a.Handle : a.AuthorId)).Append(" | ").Append(Markdown(a.Platform)).Append(" | ").Append(Number(a.Posts)).Append(" | ")
                    .Append(Number(a.Engagement)).Append(" | ").Append(Number(a.Followers)).Append(" |\n");
            }

            m.Append('\n');
        }

        m.Append("## Segments and targeting suggestions\n\n");
        if (data.Segments.Count == 0)
        {
            m.Append("_No audience segments have been computed yet._\n\n");
        }

        foreach (var s in data.Segments)
        {
            m.Append("### ").Append(Markdown(s.Name)).Append(s.Size is { } n ? " (" + Number(n) + " authors)" : "").Append("\n\n");
            if (s.Description.Length > 0)
            {
                m.Append(Markdown(s.Description)).Append("\n\n");
            }

            foreach (var t in s.Targeting)
            {
                m.Append("- ").Append(Markdown(t)).Append('\n');
            }

            m.Append('\n');
        }

        m.Append("## Latest drafts\n\n");
        if (data.Drafts.Count == 0)
        {
            m.Append("_No campaign drafts have been generated yet._\n\n");
        }

        foreach (var d in data.Drafts)
        {
            m.Append("- ").Append(Markdown(string.Join(" · ", new[] { d.Brand, d.Channel, d.Title }.Where(x => !string.IsNullOrEmpty(x)))));
            if (d.File is { } f)
            {
                m.Append(" ([").Append(Markdown(f)).Append("](").Append(Uri.EscapeDataString(f).Replace("%2F", "/", StringComparison.Ordinal)).Append("))");
            }

            m.Append(": ").Append(Markdown(d.Text)).Append('\n');
        }

        if (data.Notes.Count > 0)
        {
            m.Append("\n## Notes\n\n");
            foreach (var n in data.Notes)
            {
                m.Append("- ").Append(Markdown(n)).Append('\n');
            }
        }

        return m.ToString();
    }

    private static void Image(StringBuilder m, IReadOnlyList<ChartImage> charts, string name)
    {
        if (charts.FirstOrDefault(c => c.Name == name) is { } c)
        {
            m.Append("![").Append(Markdown(c.Title)).Append("](charts/").Append(c.Name).Append(".png)\n\n");
        }
    }

    internal static string Invariant(double v) => v.ToString(CultureInfo.InvariantCulture);
}
