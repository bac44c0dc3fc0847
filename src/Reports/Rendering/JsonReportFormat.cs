using System.Text;
using Marketing.Core.Json;
using Marketing.Reports.Charts;
using Marketing.Reports.Model;

namespace Marketing.Reports.Rendering;

/// <summary>report.json: the whole view-model (snake_case, like every --json output), plus the files beside it.</summary>
public sealed class JsonReportFormat : IReportFormat
{
    public string FileName => "report.json";

    public Task WriteAsync(ReportData data, IReadOnlyList<ChartImage> charts, string dir, CancellationToken ct) =>
        File.WriteAllTextAsync(Path.Combine(dir, FileName), Render(data, charts), new UTF8Encoding(false), ct);

    public static string Render(ReportData data, IReadOnlyList<ChartImage> charts) => SnakeCaseJson.Serialize(new
    {
        schema = "marketing.report/1",
        title = data.Title,
        period = new { start = data.Period.Start, end = data.Period.End },
        previous_period = new { start = data.PreviousPeriod.Start, end = data.PreviousPeriod.End },
        brand = data.Brand,
        generated_at = data.GeneratedAt,
        store = data.Store,
        bucket = data.BucketUnit,
        data.Kpis,
        series = data.Series.Select(s => new
        {
            s.Brand,
            points = s.Points.Select(p => new { start = p.Start, p.Volume, p.Positive, p.Neutral, p.Negative, p.Engagement, p.NetSentiment }),
        }),
        data.ShareOfVoice,
        data.Bursts,
        data.Topics,
        data.SentimentShifts,
        data.TopAuthors,
        data.Segments,
        data.Drafts,
        data.Notes,
        files = new
        {
            html = "report.html",
            markdown = "report.md",
            charts = charts.SelectMany(c => new[] { $"charts/{c.Name}.png", $"charts/{c.Name}.svg" }),
            drafts = data.Drafts.Where(d => d.File is not null).Select(d => d.File),
        },
    }, indented: true);
}
