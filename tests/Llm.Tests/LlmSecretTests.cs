using Marketing.TestSupport;
using Microsoft.Extensions.Configuration;
using NUnit.Framework;

namespace Marketing.Llm.Tests;

public sealed class LlmSecretTests
{
    [Test]
    public async Task The_api_key_never_appears_in_logs_exceptions_usage_or_settings_even_when_the_server_echoes_it()
    {
        await using var h = await LlmHarness.StartAsync(o => o.MaxRetries = 1);
        // A hostile or buggy proxy that echoes the Authorization header back in its error and garbage bodies.
        h.Server.Responder = r => FakeChatServerReply.Error(500, message: "bad request with " + r.Authorization);
        h.Server.Enqueue(FakeChatServerReply.Garbage("echo " + LlmHarness.ApiKey));

        var ex = await Assert.ThrowsAsync<LlmUnavailableException>(() => h.Client.CompleteAsync(LlmHarness.Request()));

        var everything = string.Join("\n", h.Logs.AllText, ex!.ToString(), h.Client.Usage.ToString(), h.Options.ToString(), h.Client.Provider.ToString(), h.Options.ApiKey.ToString());
        Assert.That(h.Server.Requests[0].Authorization, Is.EqualTo("Bearer " + LlmHarness.ApiKey), "the key was really sent");
        Assert.That(h.Logs.AllText, Does.Contain("bad request with Bearer ***"), "the echoed error was logged, redacted");
        Assert.That(everything, Does.Not.Contain(LlmHarness.ApiKey));
        Assert.That(everything, Does.Not.Contain("SECRET"));
        Assert.That(h.Options.ToString(), Does.Contain("api-key=sk-…(set)"));
    }

    [Test]
    public async Task Prompts_are_not_logged_at_information_level()
    {
        await using var h = await LlmHarness.StartAsync();

        await h.Client.CompleteAsync(new LlmRequest("copy", "SYSTEM-MARKER", "USER-MARKER"));

        var informational = h.Logs.Lines.Where(l => !l.StartsWith("Debug", StringComparison.Ordinal) && !l.StartsWith("Trace", StringComparison.Ordinal)).ToList();
        Assert.That(informational, Is.Not.Empty);
        Assert.That(string.Join("\n", informational), Does.Not.Contain("SYSTEM-MARKER").And.Not.Contain("USER-MARKER"));
    }

    [Test]
    public void A_key_in_a_settings_file_is_ignored_with_a_warning()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Llm:Endpoint"] = "http://127.0.0.1:9/v1",
            ["Llm:ApiKey"] = "sk-from-appsettings",
        }).Build();

        var options = LlmOptions.Load(config, _ => null);

        Assert.That(options.ApiKey.IsSet, Is.False);
        Assert.That(options.IgnoredKeyWarning, Does.Contain("MKT_LLM_API_KEY"));
        Assert.That(options.ToString(), Does.Not.Contain("sk-from-appsettings"));
    }

    [Test]
    public void Secret_prints_as_set_or_not_set_and_redacts_itself()
    {
        var secret = new LlmSecret("sk-abc123");

        Assert.That(secret.ToString(), Is.EqualTo("sk-…(set)"));
        Assert.That(new LlmSecret("azure-key-xyz").ToString(), Is.EqualTo("…(set)"));
        Assert.That(LlmSecret.None.ToString(), Is.EqualTo("(not set)"));
        Assert.That(secret.Redact("token sk-abc123 leaked"), Is.EqualTo("token *** leaked"));
        Assert.That(System.Text.Json.JsonSerializer.Serialize(new LlmOptions { ApiKey = secret }), Does.Not.Contain("abc123"));
    }
}
