using Marketing.Reports.Tests.Support;
using Marketing.TestSupport;
using Marketing.TestSupport.Chromium;

namespace Marketing.Reports.Tests.Browser;

/// <summary>The HTML report opened in headless Chromium (gated by MKT_TEST_CHROMIUM, the binary's path).</summary>
public sealed class ReportInBrowserTests
{
    private static string _html = null!;
    private static ChromiumOptions? _options;

    [OneTimeSetUp]
    public async Task WriteReport()
    {
        _options = ChromiumOptions.FromEnvironment();
        if (_options is null)
        {
            return;
        }

        await using var store = await ReportStore.OpenFilledAsync();
        var drafts = TestPaths.NewTempDir("drafts");
        await File.WriteAllTextAsync(Path.Combine(drafts, "acme-x.md"), "draft");
        var result = await new ReportWriter().WriteAsync(store, new Model.ReportRequest { OutDir = Path.Combine(TestPaths.NewTempDir("browser"), "report"), Period = ReportStore.Period, DraftsDir = drafts });
        _html = result.Html;
    }

    private static async Task<(ChromiumBrowser Browser, ChromiumPage Page)> OpenAsync()
    {
        if (_options is null)
        {
            Assert.Ignore($"Browser tests need headless Chromium: apt-get install -y chromium, then set {ChromiumOptions.Variable}=/usr/bin/chromium.");
        }

        var browser = await ChromiumBrowser.LaunchAsync(_options!);
        try
        {
            var page = await browser.NewPageAsync();
            await page.NavigateAsync(new Uri(_html).AbsoluteUri);
            // Give any (unexpected) late loads or timers a moment to show up in the recordings.
            await Task.Delay(500);
            return (browser, page);
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    [Test]
    public async Task The_report_makes_no_network_request()
    {
        var (browser, page) = await OpenAsync();
        await using var _ = browser;

        var reportUrl = new Uri(_html).AbsoluteUri;
        Assert.That(page.Requests, Does.Contain(reportUrl), "the recorder saw the document itself");
        Assert.That(page.Requests.Where(u => u != reportUrl && !u.StartsWith("data:", StringComparison.Ordinal)), Is.Empty,
            "every request is the report file or one of its data: charts");
        var loaded = (await page.EvaluateAsync("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)")).GetBoolean();
        Assert.That(loaded, Is.True, "the embedded charts decode");
    }

    [Test]
    public async Task Post_text_with_script_and_onerror_renders_as_text_and_runs_nothing()
    {
        var (browser, page) = await OpenAsync();
        await using var _ = browser;

        Assert.That(page.Dialogs, Is.Empty, "alert() never ran");
        Assert.That(page.ConsoleMessages, Is.Empty);
        Assert.That(page.Exceptions, Is.Empty);
        var text = await page.EvaluateStringAsync("document.body.innerText");
        Assert.That(text, Does.Contain(ReportStore.ScriptText));
        Assert.That(text, Does.Contain(ReportStore.ImgText));
        Assert.That((await page.EvaluateAsync("document.scripts.length")).GetInt32(), Is.EqualTo(0));
        Assert.That((await page.EvaluateAsync("document.querySelectorAll('[onerror]').length")).GetInt32(), Is.EqualTo(0));
        Assert.That((await page.EvaluateAsync("document.images.length")).GetInt32(), Is.EqualTo(3), "only the three charts are images");
        var shot = await page.ScreenshotAsync(Path.Combine(Gallery.Dir, "report_in_chromium.png"), fullPage: true);
        Assert.That(Png.Measure(shot).LuminanceStdDev, Is.GreaterThan(5));
    }

    [Test]
    public async Task The_driver_detects_script_when_a_page_does_run_one()
    {
        // Proves the two tests above can fail: the same recorders catch a page that does alert and log.
        if (_options is null)
        {
            Assert.Ignore($"Browser tests need {ChromiumOptions.Variable}.");
        }

        var file = Path.Combine(TestPaths.NewTempDir("evil"), "evil.html");
        await File.WriteAllTextAsync(file, "<html><body><img src=x onerror=\"console.log('ran');alert(1)\"><script>fetch('http://127.0.0.1:9/x').catch(()=>{})</script></body></html>");
        await using var browser = await ChromiumBrowser.LaunchAsync(_options!);
        var page = await browser.NewPageAsync();
        await page.NavigateAsync(new Uri(file).AbsoluteUri);
        await Task.Delay(500);

        Assert.That(page.Dialogs, Is.EqualTo(new[] { "1" }));
        Assert.That(page.ConsoleMessages, Has.Some.Contains("ran"));
        Assert.That(page.Requests, Has.Some.StartsWith("http://127.0.0.1:9/"));
    }
}
