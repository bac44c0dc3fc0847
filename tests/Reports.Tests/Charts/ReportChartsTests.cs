using Marketing.Reports.Charts;
using Marketing.Reports.Data;
using Marketing.Reports.Model;
using Marketing.Reports.Tests.Support;

namespace Marketing.Reports.Tests.Charts;

public sealed class ReportChartsTests
{
    private static ReportData _data = null!;

    [OneTimeSetUp]
    public async Task BuildData()
    {
        await using var store = await ReportStore.OpenFilledAsync();
        _data = await new ReportDataBuilder(store).BuildAsync(new ReportRequest { OutDir = "unused", Period = ReportStore.Period });
    }

    private static IEnumerable<TestCaseData> Charts() =>
    [
        new TestCaseData("volume").SetName("Volume_chart_renders_a_non_blank_png_of_the_report_size"),
        new TestCaseData("sentiment").SetName("Sentiment_chart_renders_a_non_blank_png_of_the_report_size"),
        new TestCaseData("share_of_voice").SetName("Share_of_voice_chart_renders_a_non_blank_png_of_the_report_size"),
    ];

    [TestCaseSource(nameof(Charts))]
    public void Chart_renders_a_non_blank_png(string name)
    {
        var chart = ReportCharts.Render(_data).Single(c => c.Name == name);
        Gallery.Save(name + ".png", chart.Png);
        File.WriteAllText(Path.Combine(Gallery.Dir, name + ".svg"), chart.Svg);

        Assert.That(Png.IsPng(chart.Png), Is.True);
        var (width, height, stdDev, colors) = Png.Measure(chart.Png);
        Assert.That((width, height), Is.EqualTo((ReportCharts.Width, ReportCharts.Height)));
        Assert.That(stdDev, Is.GreaterThan(10), "a blank image has no luminance variance");
        Assert.That(colors, Is.GreaterThan(20), "lines, text and legend add colours and anti-aliasing shades");
        Assert.That(chart.Png.Length, Is.GreaterThan(10_000));
    }

    [Test]
    public void Charts_have_titles_axis_labels_with_units_and_legends_in_their_svg()
    {
        var charts = ReportCharts.Render(_data).ToDictionary(c => c.Name);

        Assert.That(charts["volume"].Svg, Does.Contain("posts per day").And.Contain("time (UTC)").And.Contain("acme").And.Contain("globex"));
        Assert.That(charts["sentiment"].Svg, Does.Contain("net sentiment (−1..1)"));
        Assert.That(charts["share_of_voice"].Svg, Does.Contain("share of mentions (%)").And.Contain("this period").And.Contain("previous period"));
        Assert.That(charts["volume"].Svg, Does.Contain("DejaVu Sans"), "ScottPlot defaults to a serif font on Linux");
    }

    [Test]
    public void Charts_of_an_empty_period_say_there_is_no_data_instead_of_failing()
    {
        var empty = _data with { Series = [], ShareOfVoice = [], Bursts = [] };
        foreach (var chart in ReportCharts.Render(empty))
        {
            Gallery.Save("empty_" + chart.Name + ".png", chart.Png);
            Assert.That(chart.Svg, Does.Contain("No "), chart.Name);
            Assert.That(Png.Measure(chart.Png).LuminanceStdDev, Is.GreaterThan(5), chart.Name);
        }
    }
}
