using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Llm.Tests;

public sealed class LlmResponseCacheTests
{
    [Test]
    public async Task A_repeated_request_is_a_cache_hit_and_the_server_sees_one_request()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Enqueue(FakeChatServerReply.Json(new { label = "positive" }, 30, 5));

        var first = await h.Client.CompleteAsync(LlmHarness.Request("same", LlmHarness.LabelSchema));
        var second = await h.Client.CompleteAsync(LlmHarness.Request("same", LlmHarness.LabelSchema));

        Assert.That(second.Text, Is.EqualTo(first.Text));
        Assert.That(first.FromCache, Is.False);
        Assert.That(second.FromCache, Is.True);
        Assert.That(h.Server.RequestCount, Is.EqualTo(1));
        Assert.That(h.Client.Usage.CacheHits, Is.EqualTo(1));
        Assert.That(h.Client.Usage.Calls, Is.EqualTo(1));
        Assert.That(h.Client.Usage.InputTokens, Is.EqualTo(30), "a hit spends no tokens");
    }

    [Test]
    public async Task Identical_requests_in_flight_at_once_share_one_call()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.DefaultReply = FakeChatServerReply.Json(new { label = "positive" }).WithDelay(TimeSpan.FromMilliseconds(300));

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => h.Client.CompleteAsync(LlmHarness.Request("dup", LlmHarness.LabelSchema))));

        Assert.That(h.Server.RequestCount, Is.EqualTo(1));
        Assert.That(answers.Select(a => a.Text), Is.All.EqualTo("""{"label":"positive"}"""));
        Assert.That(answers.Count(a => !a.FromCache), Is.EqualTo(1));
        Assert.That(h.Client.Usage.CacheHits, Is.EqualTo(4));
    }

    [Test]
    public async Task Followers_of_a_failed_shared_call_get_the_same_unavailable_error()
    {
        await using var h = await LlmHarness.StartAsync(o => o.MaxRetries = 0);
        h.Server.DefaultReply = FakeChatServerReply.Error(500).WithDelay(TimeSpan.FromMilliseconds(300));

        var calls = Enumerable.Range(0, 3).Select(_ => h.Client.CompleteAsync(LlmHarness.Request("dup"))).ToList();

        foreach (var call in calls)
        {
            Assert.That(async () => await call, Throws.TypeOf<LlmUnavailableException>());
        }

        Assert.That(h.Server.RequestCount, Is.EqualTo(1));
    }

    [Test]
    public async Task Any_change_in_model_system_user_schema_or_temperature_misses_the_cache()
    {
        var baseline = new LlmRequest("p", "sys", "user", LlmHarness.LabelSchema, 0.2f);
        var key = LlmResponseCache.Key("m", baseline);

        Assert.That(LlmResponseCache.Key("m", baseline), Is.EqualTo(key));
        Assert.That(LlmResponseCache.Key("m", baseline with { Purpose = "other" }), Is.EqualTo(key), "purpose is only a label");
        Assert.That(LlmResponseCache.Key("m2", baseline), Is.Not.EqualTo(key));
        Assert.That(LlmResponseCache.Key("m", baseline with { System = "sys2" }), Is.Not.EqualTo(key));
        Assert.That(LlmResponseCache.Key("m", baseline with { User = "user2" }), Is.Not.EqualTo(key));
        Assert.That(LlmResponseCache.Key("m", baseline with { JsonSchema = null }), Is.Not.EqualTo(key));
        Assert.That(LlmResponseCache.Key("m", baseline with { Temperature = 0.3f }), Is.Not.EqualTo(key));
        // Length prefixes keep field boundaries: moving text from one field to the next is a different key.
        Assert.That(LlmResponseCache.Key("m", baseline with { System = "sy", User = "suser" }), Is.Not.EqualTo(key));
        Assert.That(key, Does.Match("^[0-9a-f]{64}$"));
    }

    [Test]
    public async Task Persisted_cache_survives_a_new_client_with_the_same_store()
    {
        await using var store = await TestStores.OpenNewAsync(StoreKind.Sqlite);
        await using var server = await FakeChatServer.StartAsync();
        server.Enqueue(FakeChatServerReply.Json(new { label = "negative" }, 50, 4));

        await using (var first = await LlmHarness.StartAsync(store: store, server: server))
        {
            await first.Client.CompleteAsync(LlmHarness.Request("persist me", LlmHarness.LabelSchema));
        }

        await using var second = await LlmHarness.StartAsync(store: store, server: await FakeChatServer.StartAsync());
        var again = await second.Client.CompleteAsync(LlmHarness.Request("persist me", LlmHarness.LabelSchema));

        Assert.That(again.FromCache, Is.True);
        Assert.That(again.Text, Is.EqualTo("""{"label":"negative"}"""));
        Assert.That(second.Server.RequestCount, Is.Zero);
        Assert.That(second.Client.Usage.CacheHits, Is.EqualTo(1));
        var artifacts = await store.ListArtifactsAsync(LlmResponseCache.ArtifactKind);
        Assert.That(artifacts, Has.Count.EqualTo(1));
        Assert.That(artifacts[0].Json, Does.Not.Contain("persist me"), "the cache stores answers, not prompts");
    }

    [Test]
    public async Task With_caching_off_every_request_goes_to_the_server()
    {
        await using var h = await LlmHarness.StartAsync(o => o.Cache = false);

        await h.Client.CompleteAsync(LlmHarness.Request("same"));
        var second = await h.Client.CompleteAsync(LlmHarness.Request("same"));

        Assert.That(second.FromCache, Is.False);
        Assert.That(h.Server.RequestCount, Is.EqualTo(2));
    }

    [Test]
    public async Task Failed_requests_are_not_cached()
    {
        await using var h = await LlmHarness.StartAsync(o => o.MaxRetries = 0);
        h.Server.Enqueue(FakeChatServerReply.Error(500), FakeChatServerReply.Content("later"));

        await Assert.ThrowsAsync<LlmUnavailableException>(() => h.Client.CompleteAsync(LlmHarness.Request("q")));
        var answer = await h.Client.CompleteAsync(LlmHarness.Request("q"));

        Assert.That(answer.FromCache, Is.False);
        Assert.That(answer.Text, Is.EqualTo("later"));
    }
}
