using NUnit.Framework;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marketing.TestSupport;

namespace Marketing.Web.Tests;

[TestFixture]
public sealed class ApiTests
{
    private WebFixture _web = null!;

    [OneTimeSetUp]
    public async Task Start() => _web = await WebFixture.StartAsync(extraPosts: [Posts.Make("x1", "acme <script>alert(1)</script> hi", Posts.Epoch.AddHours(5), brands: ["acme"], sentiment: Marketing.Core.Domain.SentimentLabel.Negative)]);

    [OneTimeTearDown]
    public async Task Stop() => await _web.DisposeAsync();

    private static async Task<JsonElement> JsonOf(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    [Test]
    public async Task Healthz_is_ok()
    {
        using var r = await _web.Http.GetAsync("/healthz");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var j = await JsonOf(r);
        Assert.That(j.GetProperty("status").GetString(), Is.EqualTo("ok"));
        Assert.That(r.Headers.GetValues("X-Content-Type-Options"), Does.Contain("nosniff"));
    }

    [Test]
    public async Task Posts_filters_by_brand_sentiment_and_text()
    {
        var all = (await JsonOf(await _web.Http.GetAsync("/api/posts?limit=100"))).ToString();
        var acmeNeg = (await JsonOf(await _web.Http.GetAsync("/api/posts?brand=acme&sentiment=negative&limit=100"))).ToString();
        var globex = (await JsonOf(await _web.Http.GetAsync("/api/posts?brand=globex"))).ToString();
        var text = (await JsonOf(await _web.Http.GetAsync("/api/posts?text=review%2017"))).ToString();
        Assert.Multiple(() =>
        {
            Assert.That(all, Does.Contain("\"post_id\":\"g1\"").And.Contain("\"post_id\":\"a0\""));
            Assert.That(acmeNeg, Does.Contain("\"post_id\":\"a1\"").And.Not.Contain("\"post_id\":\"a0\"").And.Not.Contain("\"post_id\":\"g1\""));
            Assert.That(globex, Does.Contain("\"post_id\":\"g1\"").And.Not.Contain("\"post_id\":\"a1\""));
            Assert.That(text, Does.Contain("\"post_id\":\"a17\"").And.Not.Contain("\"post_id\":\"a16\""));
        });
    }

    [Test]
    public async Task Sentiment_scores_then_serves_from_cache()
    {
        using var first = await _web.Http.PostAsync("/api/sentiment", JsonBody("""{"text":"I love it, great product"}"""));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), await first.Content.ReadAsStringAsync());
        var a = await JsonOf(first);
        using var second = await _web.Http.PostAsync("/api/sentiment", JsonBody("""{"text":"I love it, great product"}"""));
        var b = await JsonOf(second);
        Assert.Multiple(() =>
        {
            Assert.That(a.GetProperty("label").GetString(), Is.EqualTo("positive"));
            var p = a.GetProperty("probabilities");
            Assert.That(p.GetProperty("positive").GetDouble() + p.GetProperty("negative").GetDouble() + p.GetProperty("neutral").GetDouble(), Is.EqualTo(1).Within(0.01));
            Assert.That(a.GetProperty("cached").GetBoolean(), Is.False);
            Assert.That(b.GetProperty("cached").GetBoolean(), Is.True);
        });
    }

    [Test]
    public async Task Sentiment_refuses_bad_requests()
    {
        using var notJson = await _web.Http.PostAsync("/api/sentiment", new StringContent("text=hi", Encoding.UTF8, "text/plain"));
        using var badJson = await _web.Http.PostAsync("/api/sentiment", JsonBody("{\"text\": "));
        using var tooLong = await _web.Http.PostAsync("/api/sentiment", JsonBody(JsonSerializer.Serialize(new { text = new string('a', 10_001) })));
        using var overLimit = await _web.Http.PostAsync("/api/sentiment", JsonBody(JsonSerializer.Serialize(new { text = new string('a', 300 * 1024) })));
        Assert.Multiple(() =>
        {
            Assert.That(notJson.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
            Assert.That(badJson.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(tooLong.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(overLimit.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge).Or.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    [Test]
    public async Task Drafts_job_finishes_and_repeats_are_cached()
    {
        const string body = """{"brand":"acme","channels":["x"],"variants":2}""";
        using var created = await _web.Http.PostAsync("/api/drafts", JsonBody(body));
        Assert.That((int)created.StatusCode, Is.EqualTo(202).Or.EqualTo(200), await created.Content.ReadAsStringAsync());
        var id = (await JsonOf(created)).GetProperty("id").GetString();
        JsonElement job = default;
        for (var i = 0; i < 200; i++)
        {
            job = await JsonOf(await _web.Http.GetAsync($"/api/drafts/{id}"));
            if (job.GetProperty("status").GetString() is "done" or "failed")
            {
                break;
            }

            await Task.Delay(50);
        }

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("done"), job.ToString());
        Assert.That(job.GetProperty("result").ToString(), Does.Contain("acme").IgnoreCase);
        using var again = await _web.Http.PostAsync("/api/drafts", JsonBody(body));
        var j = await JsonOf(again);
        Assert.Multiple(() =>
        {
            Assert.That(j.GetProperty("cached").GetBoolean(), Is.True);
            Assert.That(j.GetProperty("id").GetString(), Is.EqualTo(id));
        });
    }

    [Test]
    public async Task Metrics_and_openapi_are_served()
    {
        await _web.Http.GetAsync("/healthz");
        var metrics = await _web.Http.GetStringAsync("/metrics");
        var openapi = await _web.Http.GetStringAsync("/openapi/v1.json");
        Assert.Multiple(() =>
        {
            Assert.That(metrics, Does.Contain("# TYPE").And.Contain("mkt_"));
            Assert.That(openapi, Does.Contain("/api/sentiment").And.Contain("/api/drafts"));
        });
    }

    [Test]
    public async Task Script_in_a_post_is_escaped_in_html()
    {
        var html = await _web.Http.GetStringAsync("/posts?text=script");
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;"));
            Assert.That(html, Does.Not.Contain("<script>alert(1)"));
        });
    }

    [Test]
    public async Task Draft_form_without_antiforgery_token_is_refused()
    {
        using var r = await _web.Http.PostAsync("/drafts", new FormUrlEncodedContent(new Dictionary<string, string> { ["brand"] = "acme", ["channels"] = "x" }));
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Pages_render()
    {
        foreach (var page in new[] { "/", "/trends", "/posts", "/drafts", "/reports", "/settings" })
        {
            using var r = await _web.Http.GetAsync(page);
            Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), page);
        }
    }
}

[TestFixture]
public sealed class SecurityTests
{
    [Test]
    public void Binding_beyond_loopback_without_a_token_throws()
    {
        Assert.Throws<InvalidOperationException>(() => WebApp.Build(null!, new WebOptions { Urls = "http://0.0.0.0:0" }));
    }

    [Test]
    public async Task Token_is_required_when_set()
    {
        await using var web = await WebFixture.StartAsync(withModel: false, options: new WebOptions { Urls = "http://127.0.0.1:0", Token = "s3cret-token" });
        using var anon = await web.Http.GetAsync("/healthz");
        using var req = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret-token");
        using var authed = await web.Http.SendAsync(req);
        Assert.Multiple(() =>
        {
            Assert.That(anon.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(authed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Sentiment_without_a_model_says_how_to_train_one()
    {
        await using var web = await WebFixture.StartAsync(withModel: false);
        using var r = await web.Http.PostAsJsonAsync("/api/sentiment", new { text = "hello" });
        Assert.Multiple(async () =>
        {
            Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(await r.Content.ReadAsStringAsync(), Does.Contain("mkt train"));
        });
    }
}
