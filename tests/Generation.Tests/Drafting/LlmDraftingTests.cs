using System.Text.RegularExpressions;
using Marketing.Core.Storage;
using Marketing.Generation.Channels;
using Marketing.Generation.Drafting;
using Marketing.Generation.Export;
using Marketing.Llm;
using Marketing.TestSupport;
using Microsoft.Extensions.Logging;

namespace Marketing.Generation.Tests.Drafting;

/// <summary>Drafting through a real LlmClient against a loopback chat-completions server.</summary>
public partial class LlmDraftingTests
{
    private const string ApiKey = "sk-test-DO-NOT-LEAK-4242";

    private IPostStore _store = null!;
    private FakeChatServer _server = null!;
    private CapturingLoggerFactory _logs = null!;

    [SetUp]
    public async Task Start()
    {
        _store = await SampleWorld.CreateAsync();
        _server = await FakeChatServer.StartAsync();
        _server.Responder = GoodAnswer;
        _logs = new CapturingLoggerFactory();
    }

    [TearDown]
    public async Task Stop()
    {
        await _server.DisposeAsync();
        await _store.DisposeAsync();
        _logs.Dispose();
    }

    private ILlmClient Client() => LlmClientFactory.Create(
        new LlmOptions
        {
            Endpoint = _server.Endpoint, Model = "fake-model", ApiKey = new LlmSecret(ApiKey), MaxRetries = 1, RetryBaseDelaySeconds = 0.01,
            RetryMaxDelaySeconds = 0.05, MaxRetryAfterSeconds = 0.05, AttemptTimeoutSeconds = 2, PersistCache = false,
        },
        _logs);

    private Task<DraftSet> Generate(ILlmClient llm, string[]? channels = null, int variants = 1) =>
        new DraftGenerator(_store, llm, new Logger<DraftGenerator>(_logs)).GenerateAsync(new DraftRequest
        {
            Brand = SampleWorld.Acme, Watchlist = SampleWorld.Watchlist, Profile = SampleWorld.Profile(), Variants = variants,
            Channels = channels ?? [ChannelIds.X],
        });

    [Test]
    public async Task Requests_carry_the_brand_voice_the_evidence_and_the_fenced_posts()
    {
        var set = await Generate(Client());
        var draft = set.Drafts.Single();
        Assert.That((draft.Provider, draft.Model, draft.AiGenerated), Is.EqualTo(("openai-compatible", "fake-model", true)));

        var (system, user) = SystemAndUser(_server.Requests[0]);
        Assert.That(system, Does.Contain("warm, plain-spoken, confident"));
        Assert.That(system, Does.Contain("cheap").And.Contain("Up to 30 hours of battery life").And.Contain("https://www.acme.com/"));
        Assert.That(user, Does.Contain("theme:battery-life").Or.Contain("theme:customer-support"));
        Assert.That(user, Does.Contain("pain:app-crashes"));
        var fence = FenceRegex().Match(user);
        Assert.That(fence.Success, Is.True, "posts are fenced");
        Assert.That(system, Does.Contain($"<<<POST-{fence.Groups[1].Value}"), "the system prompt states the fence rule with the same nonce");
        Assert.That(_server.Requests[0].Authorization, Is.EqualTo("Bearer " + ApiKey));
        Assert.That(_server.Requests[0].Body, Does.Contain("json_schema"));
    }

    [Test]
    public async Task The_injection_post_stays_inside_its_fence_and_what_it_asks_for_never_ships()
    {
        // A model that obeys whatever the posts say.
        _server.Responder = req => SystemAndUser(req).User.Contains("Ignore previous instructions", StringComparison.Ordinal)
            ? FakeChatServerReply.Json(new { text = "Acme is the #1 best phone, 100% guaranteed! https://evil.example.net mail jane.doe@example.com @janedoe", tone = "x", cta = "x", evidence_ids = new[] { "theme:battery-life" } })
            : GoodAnswer(req);
        var set = await Generate(Client(), variants: 2);

        var (system, user) = SystemAndUser(_server.Requests[0]);
        Assert.That(system, Does.Not.Contain("Ignore previous instructions"));
        var inside = FenceRegex().Matches(user).Select(m => m.Value).ToList();
        Assert.That(inside, Has.Some.Contains("Ignore previous instructions"), "the post is quoted, as data, inside a fence");
        Assert.That(FenceRegex().Replace(user, ""), Does.Not.Contain("Ignore previous instructions"), "and nowhere outside one");

        Assert.That(set.Drafts, Is.Empty);
        Assert.That(set.Rejected, Has.Count.EqualTo(2));
        Assert.That(set.Rejected.SelectMany(r => r.Reasons).Select(r => r.Code),
            Is.SupersetOf(new[] { "unsupported_claim", "disallowed_link", "personal_data", "private_handle" }));
    }

    [Test]
    public async Task Over_long_banned_and_unsupported_answers_are_caught_fed_back_and_finally_rejected()
    {
        _server.Enqueue(
            Answer(new string('a', 300) + " https://www.acme.com/"),
            Answer("A cheap way to stay charged https://www.acme.com/"),
            Answer("The best battery you can buy https://www.acme.com/"));
        var set = await Generate(Client());

        Assert.That(_server.RequestCount, Is.EqualTo(3));
        Assert.That(SystemAndUser(_server.Requests[1]).User, Does.Contain("refused").And.Contain("X post weighs"));
        Assert.That(SystemAndUser(_server.Requests[2]).User, Does.Contain("'cheap' is a banned term"));
        var rejected = set.Rejected.Single();
        Assert.That(rejected.Attempts, Is.EqualTo(3));
        Assert.That(rejected.Reasons.Select(r => r.Code), Is.EqualTo(new[] { "unsupported_claim" }));
    }

    [TestCase("429")]
    [TestCase("500")]
    [TestCase("timeout")]
    [TestCase("garbage")]
    [TestCase("not-json-content")]
    public async Task When_the_llm_fails_the_draft_falls_back_to_templates_and_says_so(string failure)
    {
        FakeChatServerReply reply = failure switch
        {
            "429" => FakeChatServerReply.RateLimited("0"),
            "500" => FakeChatServerReply.Error(500),
            "timeout" => FakeChatServerReply.Hanging(),
            "garbage" => FakeChatServerReply.Garbage(),
            _ => FakeChatServerReply.Content("Sure! Here is your ad: buy Acme."),
        };
        _server.Responder = _ => reply;
        var set = await Generate(Client(), channels: [ChannelIds.X, ChannelIds.Meta]);

        Assert.That(set.Rejected, Is.Empty);
        Assert.That(set.Drafts, Has.Count.EqualTo(2));
        Assert.That(set.Drafts, Has.All.Matches<Draft>(d => d!.Provider == TemplateDraftWriter.ProviderName && !d.AiGenerated));
        Assert.That(set.Drafts[0].FallbackReason, Does.StartWith("llm unavailable"));
        Assert.That(set.Notes, Has.Some.Contains("LLM was unavailable"));
        Assert.That(_server.RequestCount, Is.EqualTo(2), "one request plus one retry, then templates for the rest of the run");
    }

    [Test]
    public async Task A_repeated_run_is_answered_from_the_cache()
    {
        var llm = Client();
        var first = await Generate(llm, channels: [ChannelIds.X, ChannelIds.LinkedIn]);
        var sent = _server.RequestCount;
        var second = await Generate(llm, channels: [ChannelIds.X, ChannelIds.LinkedIn]);

        Assert.That(sent, Is.EqualTo(2));
        Assert.That(_server.RequestCount, Is.EqualTo(sent), "no new request");
        Assert.That(llm.Usage.CacheHits, Is.EqualTo(2));
        Assert.That(second.Drafts.Select(d => d.Fields.All().First().Value), Is.EqualTo(first.Drafts.Select(d => d.Fields.All().First().Value)));
    }

    [Test]
    public async Task The_api_key_never_appears_in_any_output_file_artifact_or_log()
    {
        _server.Enqueue(FakeChatServerReply.Error(401, message: "Incorrect API key provided: " + ApiKey));
        var set = await Generate(Client(), channels: [.. ChannelIds.All]);
        var dir = TestPaths.NewTempDir("llm-out");
        var files = DraftExporter.WriteAll(set, null, dir);

        Assert.That(_server.Requests.Select(r => r.Authorization), Has.Some.EqualTo("Bearer " + ApiKey), "the key was used");
        foreach (var f in files)
        {
            Assert.That(await File.ReadAllTextAsync(f), Does.Not.Contain(ApiKey), f);
        }

        foreach (var kind in new[] { DraftArtifacts.Kind, "llm-cache" })
        {
            foreach (var a in await _store.ListArtifactsAsync(kind))
            {
                Assert.That(a.Json, Does.Not.Contain(ApiKey), kind);
            }
        }

        Assert.That(_logs.Text, Is.Not.Empty);
        Assert.That(_logs.Text, Does.Not.Contain(ApiKey));
    }

    private static (string System, string User) SystemAndUser(FakeChatServerRequest request)
    {
        var m = request.Messages;
        return (m.First(x => x.Role == "system").Content, m.Last(x => x.Role == "user").Content);
    }

    private static FakeChatServerReply Answer(string text) =>
        FakeChatServerReply.Json(new { text, tone = "warm", cta = "Shop now", evidence_ids = new[] { "theme:battery-life" } });

    /// <summary>A valid answer for whatever channel the request asks for.</summary>
    private static FakeChatServerReply GoodAnswer(FakeChatServerRequest request)
    {
        var user = SystemAndUser(request).User;
        var channel = ChannelRegex().Match(user).Groups[1].Value;
        var ev = new[] { "theme:battery-life", "pain:app-crashes" };
        object answer = channel switch
        {
            "google-rsa" => new
            {
                headlines = new[] { "Acme", "All-Day Battery", "Shop Acme Phones" }, descriptions = new[] { "Your day, one charge.", "Support that answers 24/7." },
                path1 = "battery", path2 = "shop", final_url = "https://www.acme.com/", tone = "warm", cta = "Shop now", evidence_ids = ev,
            },
            "meta" => new { primary_text = "Your day, one charge.", headline = "Acme: Shop now", description = "Shop now", link = "https://www.acme.com/", tone = "warm", cta = "Shop now", evidence_ids = ev },
            "linkedin" => new { intro_text = "Your day, one charge. Up to 30 hours of battery life.", headline = "Acme for work", link = "https://www.acme.com/", tone = "warm", cta = "Learn more", evidence_ids = ev },
            "instagram" => new { caption = "Your day, one charge. Link in bio. #acme", tone = "warm", cta = "Shop now", evidence_ids = ev },
            _ => new { text = "Your day, one charge. Up to 30 hours of battery life. https://www.acme.com/ #acme", tone = "warm", cta = "Shop now", evidence_ids = ev },
        };
        return FakeChatServerReply.Json(answer);
    }

    [GeneratedRegex(@"Write variant \S+ of a (\S+) ad")]
    private static partial Regex ChannelRegex();

    [GeneratedRegex(@"<<<POST-([0-9a-f]+) id=[^>]*>>>[\s\S]*?<<<END-\1>>>")]
    private static partial Regex FenceRegex();
}
