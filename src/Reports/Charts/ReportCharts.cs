using Marketing.Reports.Model;
using ScottPlot;

namespace Marketing.Reports.Charts;

/// <summary>
/// The report's charts, drawn with ScottPlot as PNG (embedded in HTML, beside the Markdown) and SVG (for print).
/// Every chart has a title, labelled axes with units and a legend when it shows more than one series.
/// </summary>
public static class ReportCharts
{
    public const int Width = 900;
    public const int Height = 420;

    /// <summary>More lines than this are unreadable; the busiest brands are drawn and the title says so.</summary>
    public const int MaxBrands = 8;

    // ScottPlot's default font is DejaVu Serif on Linux (TOOLCHAIN §4); the report reads better in sans.
    private const string FontName = "DejaVu Sans";

    public static IReadOnlyList<ChartImage> Render(ReportData data) =>
    [
        Volume(data),
        NetSentiment(data),
        ShareOfVoice(data),
    ];

    public static ChartImage Volume(ReportData data)
    {
        var plt = NewPlot();
        var shown = data.Series.Take(MaxBrands).ToList();
        foreach (var s in shown)
        {
            var line = plt.Add.Scatter(s.Points.Select(p => p.Start.UtcDateTime.ToOADate()).ToArray(), s.Points.Select(p => (double)p.Volume).ToArray());
            line.LegendText = s.Brand;
            line.LineWidth = 2;
            line.MarkerSize = 4;
        }

        foreach (var b in data.Bursts.Where(b => b.Start is not null))
        {
            var start = b.Start!.Value;
            var end = b.End is { } e && e > start ? e : start + data.Bucket;
            var span = plt.Add.HorizontalSpan(start.UtcDateTime.ToOADate(), end.UtcDateTime.ToOADate());
            span.FillColor = Colors.Orange.WithAlpha(0.18);
            span.LineColor = Colors.Orange.WithAlpha(0.5);
        }

        plt.Axes.DateTimeTicksBottom();
        var title = "Mentions per " + data.BucketUnit + (data.Series.Count > MaxBrands ? $" (top {MaxBrands} brands)" : "")
            + (data.Bursts.Any(b => b.Start is not null) ? ", bursts shaded" : "");
        Finish(plt, title, "time (UTC)", "posts per " + data.BucketUnit, shown.Count, shown.Count == 0 ? "No mentions in this period" : null);
        plt.Axes.SetLimitsY(0, Math.Max(1, shown.SelectMany(s => s.Points).Select(p => p.Volume).DefaultIfEmpty(0).Max() * 1.1));
        return Save(plt, "volume", title);
    }

    public static ChartImage NetSentiment(ReportData data)
    {
        var plt = NewPlot();
        var shown = data.Series.Take(MaxBrands).ToList();
        foreach (var s in shown)
        {
            // Empty buckets have no sentiment; they are left out rather than drawn as neutral.
            var points = s.Points.Where(p => p.NetSentiment is not null).ToList();
            var line = plt.Add.Scatter(points.Select(p => p.Start.UtcDateTime.ToOADate()).ToArray(), points.Select(p => p.NetSentiment!.Value).ToArray());
            line.LegendText = s.Brand;
            line.LineWidth = 2;
            line.MarkerSize = 4;
        }

        var zero = plt.Add.HorizontalLine(0);
        zero.LineColor = Colors.Gray;
        zero.LinePattern = LinePattern.Dashed;
        plt.Axes.DateTimeTicksBottom();
        var title = "Net sentiment per " + data.BucketUnit + (data.Series.Count > MaxBrands ? $" (top {MaxBrands} brands)" : "");
        Finish(plt, title, "time (UTC)", "net sentiment (−1..1)", shown.Count, shown.Count == 0 ? "No scored mentions in this period" : null);
        plt.Axes.SetLimitsY(-1.05, 1.05);
        return Save(plt, "sentiment", title);
    }

    public static ChartImage ShareOfVoice(ReportData data)
    {
        var plt = NewPlot();
        var items = data.ShareOfVoice.Take(12).ToList();
        var bars = new List<Bar>();
        for (var i = 0; i < items.Count; i++)
        {
            bars.Add(new Bar { Position = i * 3, Value = items[i].PreviousShare * 100, FillColor = Colors.LightGray });
            bars.Add(new Bar { Position = (i * 3) + 1, Value = items[i].Share * 100, FillColor = Colors.SteelBlue });
        }

        if (bars.Count > 0)
        {
            plt.Add.Bars(bars);
            plt.Axes.Bottom.SetTicks(items.Select((_, i) => (i * 3) + 0.5).ToArray(), items.Select(s => s.Brand).ToArray());
            plt.Legend.ManualItems.Add(new LegendItem { LabelText = "previous period", FillColor = Colors.LightGray });
            plt.Legend.ManualItems.Add(new LegendItem { LabelText = "this period", FillColor = Colors.SteelBlue });
        }

        const string title = "Share of voice";
        Finish(plt, title, "brand", "share of mentions (%)", bars.Count > 0 ? 2 : 0, bars.Count == 0 ? "No mentions in this period" : null);
        plt.Axes.SetLimitsY(0, Math.Max(10, bars.Select(b => b.Value).DefaultIfEmpty(0).Max() * 1.15));
        return Save(plt, "share_of_voice", title);
    }

    private static Plot NewPlot()
    {
        var plt = new Plot();
        plt.Font.Set(FontName);
        return plt;
    }

    private static void Finish(Plot plt, string title, string x, string y, int legendItems, string? emptyMessage)
    {
        plt.Title(title);
        plt.XLabel(x);
        plt.YLabel(y);
        if (legendItems > 1 || plt.Legend.ManualItems.Count > 0)
        {
            plt.ShowLegend(Alignment.UpperLeft);
        }

        if (emptyMessage is not null)
        {
            var text = plt.Add.Text(emptyMessage, 0.5, 0.5);
            text.LabelFontSize = 18;
            text.LabelAlignment = Alignment.MiddleCenter;
            plt.Axes.SetLimitsX(0, 1);
        }
    }

    private static ChartImage Save(Plot plt, string name, string title)
    {
        var png = plt.GetImageBytes(Width, Height, ImageFormat.Png);
        var svg = plt.GetSvgXml(Width, Height);
        return new ChartImage(name, title, png, svg);
    }
}
