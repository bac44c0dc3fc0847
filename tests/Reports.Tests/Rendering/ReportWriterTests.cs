using System.Text.Json;
using Marketing.Reports.Charts;
using Marketing.Reports.Model;
using Marketing.Reports.Rendering;
using Marketing.Reports.Tests.Support;
using Marketing.TestSupport;

namespace Marketing.Reports.Tests.Rendering;

public sealed class ReportWriterTests
{
    private string _dir = null!;

    [SetUp]
    public void NewDir() => _dir = TestPaths.NewTempDir("report");

    private async Task<ReportResult> WriteFilledAsync(string? draftsDir = null, string sub = "out")
    {
        await using var store = await ReportStore.OpenFilledAsync();
        return await new ReportWriter().WriteAsync(store, new ReportRequest { OutDir = Path.Combine(_dir, sub), Period = ReportStore.Period, DraftsDir = draftsDir });
    }

    [Test]
    public async Task Html_contains_post_text_only_escaped()
    {
        var result = await WriteFilledAsync();
        var html = await File.ReadAllTextAsync(result.Html);

        Assert.That(html, Does.Not.Contain("<script>alert"));
        Assert.That(html, Does.Not.Contain("<img src=x"));
        Assert.That(html, Does.Not.Contain("onerror=alert(1)>"));
        Assert.That(html, Does.Not.Contain("<b>complaints</b>"), "artifact text is escaped too");
        Assert.That(html, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;"));
        Assert.That(html, Does.Contain("&lt;img src=x onerror=alert(1)&gt;"));
        Assert.That(html, Does.Not.Contain("<script"), "the report itself has no script at all");
    }

    [Test]
    public async Task Html_is_self_contained_with_inline_css_and_png_data_uris()
    {
        var result = await WriteFilledAsync();
        var html = await File.ReadAllTextAsync(result.Html);

        Assert.That(html, Does.Contain("<style>"));
        Assert.That(html, Does.Not.Contain("<link"));
        Assert.That(html, Does.Contain("Content-Security-Policy"));
        var sources = System.Text.RegularExpressions.Regex.Matches(html, "src=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.That(sources, Has.Count.EqualTo(3));
        Assert.That(sources, Has.All.StartsWith("data:image/png;base64,"));
        Assert.That(html, Does.Not.Contain("http://").And.Not.Contain("https://"));
    }

    [Test]
    public async Task Html_has_every_section_of_the_report()
    {
        var result = await WriteFilledAsync();
        var html = await File.ReadAllTextAsync(result.Html);

        foreach (var id in new[] { "kpis", "trends", "share-of-voice", "bursts", "topics", "sentiment-shifts", "top-authors", "segments", "drafts" })
        {
            Assert.That(html, Does.Contain($"id=\"{id}\""), id);
        }

        Assert.That(html, Does.Contain("Outage &lt;b&gt;complaints&lt;/b&gt; after the update"));
        Assert.That(html, Does.Contain("Early adopters").And.Contain("Lookalike of top authors"));
        Assert.That(html, Does.Contain("battery life"));
        Assert.That(html, Does.Contain("6.7 %"), "mentions went from 30 to 32");
    }

    [Test]
    public async Task Markdown_has_the_sections_png_charts_beside_it_and_escaped_text()
    {
        var result = await WriteFilledAsync();
        var md = await File.ReadAllTextAsync(result.Markdown);

        foreach (var heading in new[] { "## Headline KPIs", "## Volume and net sentiment over time", "## Share of voice", "## Bursts", "## Emerging topics", "## Sentiment shifts", "## Top authors", "## Segments and targeting suggestions", "## Latest drafts" })
        {
            Assert.That(md, Does.Contain(heading), heading);
        }

        foreach (var chart in new[] { "volume", "sentiment", "share_of_voice" })
        {
            Assert.That(md, Does.Contain($"(charts/{chart}.png)"));
            Assert.That(File.Exists(Path.Combine(result.Dir, "charts", chart + ".png")), Is.True);
            Assert.That(File.Exists(Path.Combine(result.Dir, "charts", chart + ".svg")), Is.True);
        }

        Assert.That(md, Does.Not.Contain("<script>"));
        Assert.That(md, Does.Not.Contain("<img"));
    }

    [Test]
    public async Task Json_summary_has_kpis_sections_and_file_names()
    {
        var result = await WriteFilledAsync();
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(result.Json));
        var root = doc.RootElement;

        Assert.That(root.GetProperty("schema").GetString(), Is.EqualTo("marketing.report/1"));
        var mentions = root.GetProperty("kpis").EnumerateArray().Single(k => k.GetProperty("name").GetString() == "mentions");
        Assert.That(mentions.GetProperty("value").GetDouble(), Is.EqualTo(32));
        Assert.That(mentions.GetProperty("previous").GetDouble(), Is.EqualTo(30));
        foreach (var section in new[] { "series", "share_of_voice", "bursts", "topics", "sentiment_shifts", "top_authors", "segments", "drafts" })
        {
            Assert.That(root.GetProperty(section).GetArrayLength(), Is.GreaterThan(0), section);
        }

        Assert.That(root.GetProperty("files").GetProperty("html").GetString(), Is.EqualTo("report.html"));
    }

    [Test]
    public async Task A_report_over_an_empty_store_says_plainly_that_each_section_has_no_data()
    {
        await using var store = await ReportStore.OpenEmptyAsync();
        var result = await new ReportWriter().WriteAsync(store, new ReportRequest { OutDir = Path.Combine(_dir, "empty"), Period = ReportStore.Period });
        var html = await File.ReadAllTextAsync(result.Html);
        var md = await File.ReadAllTextAsync(result.Markdown);

        foreach (var text in new[] { "No bursts detected in this period.", "No emerging topics in this period.", "No audience segments have been computed yet.", "No campaign drafts have been generated yet.", "No posts in this period, so no authors to rank." })
        {
            Assert.That(html, Does.Contain(text), text);
            Assert.That(md, Does.Contain(text.TrimEnd('.')), text);
        }
    }

    [Test]
    public async Task Draft_exports_are_copied_beside_the_report_and_linked()
    {
        var drafts = TestPaths.NewTempDir("drafts");
        await File.WriteAllTextAsync(Path.Combine(drafts, "acme-x.md"), "# We fixed it\nUpdate 2.1 is out");
        await File.WriteAllTextAsync(Path.Combine(drafts, "google-ads.csv"), "headline,description\nFixed,Update 2.1\n");
        var result = await WriteFilledAsync(drafts);
        var html = await File.ReadAllTextAsync(result.Html);

        Assert.That(File.Exists(Path.Combine(result.Dir, "drafts", "acme-x.md")), Is.True);
        Assert.That(File.Exists(Path.Combine(result.Dir, "drafts", "google-ads.csv")), Is.True);
        Assert.That(html, Does.Contain("href=\"drafts/acme-x.md\""));
        Assert.That(html, Does.Contain("href=\"drafts/google-ads.csv\""), "an export no artifact names is listed too");
        Assert.That(html, Does.Contain("Update 2.1 is out &lt;script&gt;"), "draft text is escaped");
        Assert.That(await File.ReadAllTextAsync(result.Markdown), Does.Contain("(drafts/acme-x.md)"));
    }

    [Test]
    public async Task A_failing_render_leaves_no_report_folder_and_no_partial_file()
    {
        await using var store = await ReportStore.OpenFilledAsync();
        var writer = new ReportWriter(formats: [new HtmlReportFormat(), new FailingFormat()]);
        var target = Path.Combine(_dir, "never");

        await Assert.ThrowsAsync<IOException>(() => writer.WriteAsync(store, new ReportRequest { OutDir = target, Period = ReportStore.Period }));
        Assert.That(Directory.Exists(target), Is.False);
        Assert.That(Directory.GetFileSystemEntries(_dir), Is.Empty, "the staging folder is removed too");
    }

    [Test]
    public async Task A_failing_rerun_keeps_the_previous_report_intact()
    {
        var first = await WriteFilledAsync(sub: "kept");
        var before = await File.ReadAllTextAsync(first.Html);
        await using var store = await ReportStore.OpenEmptyAsync();

        await Assert.ThrowsAsync<IOException>(() => new ReportWriter(formats: [new HtmlReportFormat(), new FailingFormat()])
            .WriteAsync(store, new ReportRequest { OutDir = first.Dir, Period = ReportStore.Period }));
        Assert.That(await File.ReadAllTextAsync(first.Html), Is.EqualTo(before));
        Assert.That(Directory.GetDirectories(_dir).Select(Path.GetFileName), Is.EqualTo(new[] { "kept" }));
    }

    private sealed class FailingFormat : IReportFormat
    {
        public string FileName => "broken.txt";

        public async Task WriteAsync(ReportData data, IReadOnlyList<ChartImage> charts, string dir, CancellationToken ct)
        {
            await File.WriteAllTextAsync(Path.Combine(dir, FileName), "half", ct);
            throw new IOException("disk full (simulated)");
        }
    }
}
