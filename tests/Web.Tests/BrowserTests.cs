using Marketing.Core.Domain;
using Marketing.TestSupport;
using Marketing.TestSupport.Chromium;
using NUnit.Framework;

namespace Marketing.Web.Tests;

/// <summary>End-to-end in headless Chromium (DevTools protocol). Runs when MKT_TEST_CHROMIUM names the browser.</summary>
[TestFixture]
public sealed class BrowserTests
{
    private WebFixture? _web;
    private ChromiumBrowser? _browser;

    [OneTimeSetUp]
    public async Task Start()
    {
        if (ChromiumOptions.FromEnvironment() is not { } options)
        {
            Assert.Ignore($"Set {ChromiumOptions.Variable}=/usr/bin/chromium to run the browser tests.");
            return;
        }

        _web = await WebFixture.StartAsync(extraPosts: [Posts.Make("x1", "acme <script>alert(1)</script> hi", Posts.Epoch.AddHours(5), brands: ["acme"], sentiment: SentimentLabel.Negative)]);
        _browser = await ChromiumBrowser.LaunchAsync(options);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        if (_web is not null)
        {
            await _web.DisposeAsync();
        }
    }

    private string Url(string path) => new Uri(_web!.BaseAddress, path).ToString();

    /// <summary>Polls a JS condition through navigations (evaluating during a page change may throw).</summary>
    private static async Task<bool> WaitForAsync(ChromiumPage page, string condition, int seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until)
        {
            try
            {
                if ((await page.EvaluateAsync($"document.readyState === 'complete' && !!({condition})")).ValueKind == System.Text.Json.JsonValueKind.True)
                {
                    return true;
                }
            }
            catch (CdpException)
            {
            }

            await Task.Delay(100);
        }

        return false;
    }

    [Test]
    public async Task Overview_filter_posts_and_screenshot()
    {
        await using var page = await _browser!.NewPageAsync();
        await page.NavigateAsync(Url("/"));
        Assert.That(await page.EvaluateStringAsync("document.title"), Is.Not.Empty);
        await page.NavigateAsync(Url("/posts"));
        await page.EvaluateAsync("document.getElementById('text').value = 'review 17'; document.getElementById('filters').submit(); true");
        Assert.That(await WaitForAsync(page, "location.search.includes('text=') && document.getElementById('count')"), Is.True, "the filtered page did not load");
        var rows = await page.EvaluateAsync("document.querySelectorAll('#posts tr.post-row').length");
        var count = await page.EvaluateStringAsync("document.getElementById('count').textContent");
        Assert.Multiple(() =>
        {
            Assert.That(rows.GetInt32(), Is.EqualTo(1));
            Assert.That(count, Does.Contain('1'));
        });
        await page.NavigateAsync(Url("/"));
        var png = await page.ScreenshotAsync(Path.Combine(TestContext.CurrentContext.WorkDirectory, "web_overview.png"), fullPage: true);
        Assert.That(png, Has.Length.GreaterThan(1000));
        TestContext.AddTestAttachment(Path.Combine(TestContext.CurrentContext.WorkDirectory, "web_overview.png"));
    }

    [Test]
    public async Task Draft_form_starts_a_job_and_shows_drafts()
    {
        await using var page = await _browser!.NewPageAsync();
        await page.NavigateAsync(Url("/drafts"));
        await page.EvaluateAsync("(() => { const b = document.querySelector('#draft-form [name=brand]'); if (b) b.value = 'acme'; document.getElementById('generate').click(); return true; })()");
        Assert.That(await WaitForAsync(page, "/^\\/drafts\\/[^/]+$/.test(location.pathname) && document.querySelectorAll('#drafts tr').length > 1", 40), Is.True,
            "no drafts appeared: " + await page.EvaluateStringAsync("location.href + ' ' + document.body.innerText.slice(0, 500)"));
        await page.ScreenshotAsync(Path.Combine(TestContext.CurrentContext.WorkDirectory, "web_drafts.png"), fullPage: true);
    }

    [Test]
    public async Task Script_in_a_post_renders_as_text()
    {
        await using var page = await _browser!.NewPageAsync();
        await page.NavigateAsync(Url("/posts?text=script"));
        var text = await page.EvaluateStringAsync("document.getElementById('posts').innerText");
        var scripts = await page.EvaluateAsync("document.querySelectorAll('#posts script').length");
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("<script>alert(1)</script>"));
            Assert.That(scripts.GetInt32(), Is.Zero);
            Assert.That(page.Dialogs, Is.Empty);
        });
    }
}
