using Marketing.TestSupport;
using Microsoft.Extensions.Configuration;
using NUnit.Framework;

namespace Marketing.Llm.Tests;

public sealed class LlmClientFactoryTests
{
    private static IConfiguration Config(params (string Key, string Value)[] pairs) =>
        new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Build();

    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;

    [Test]
    public async Task No_endpoint_and_no_key_gives_the_offline_provider_which_makes_no_calls()
    {
        var client = LlmClientFactory.Create(LlmOptions.Load(Config(), Env()));

        var ex = await Assert.ThrowsAsync<LlmUnavailableException>(() => client.CompleteAsync(LlmHarness.Request()));

        Assert.That(client, Is.InstanceOf<OfflineLlmClient>());
        Assert.That(client.Provider.IsOffline, Is.True);
        Assert.That(client.Provider.Name, Is.EqualTo("offline"));
        Assert.That(client.Provider.Model, Is.EqualTo("offline-template"));
        Assert.That(client.Provider.Endpoint, Is.Null);
        Assert.That(ex!.Message, Does.StartWith("offline provider: no LLM configured"));
        Assert.That(client.Usage.Calls, Is.Zero);
        Assert.That(client.Usage.Refused, Is.EqualTo(1));
        Assert.That(client.Usage.BreakerState, Is.EqualTo("offline"));
    }

    [Test]
    public async Task Provider_offline_wins_over_a_configured_endpoint_and_no_request_reaches_it()
    {
        await using var server = await FakeChatServer.StartAsync();
        var options = LlmOptions.Load(Config(), Env(("MKT_LLM_ENDPOINT", server.Endpoint), ("MKT_LLM_API_KEY", "sk-x"), ("MKT_LLM_PROVIDER", "offline")));
        var client = LlmClientFactory.Create(options);

        await Assert.ThrowsAsync<LlmUnavailableException>(() => client.CompleteAsync(LlmHarness.Request()));

        Assert.That(client.Provider.IsOffline, Is.True);
        Assert.That(server.RequestCount, Is.Zero);
    }

    [Test]
    public async Task Environment_endpoint_key_and_model_select_the_openai_compatible_provider()
    {
        await using var server = await FakeChatServer.StartAsync();
        var config = Config(("Llm:MaxConcurrency", "3"), ("Llm:Model", "from-settings"));
        var options = LlmOptions.Load(config, Env(("MKT_LLM_ENDPOINT", server.Endpoint), ("MKT_LLM_API_KEY", "sk-env"), ("MKT_LLM_MODEL", "llama3.1:8b")));
        using var client = (LlmClient)LlmClientFactory.Create(options);

        await client.CompleteAsync(LlmHarness.Request());

        Assert.That(options.MaxConcurrency, Is.EqualTo(3));
        Assert.That(client.Provider, Is.EqualTo(new LlmProviderInfo("openai-compatible", "llama3.1:8b", server.Endpoint)));
        Assert.That(server.Requests.Single().Model, Is.EqualTo("llama3.1:8b"));
        Assert.That(server.Requests.Single().Authorization, Is.EqualTo("Bearer sk-env"));
    }

    [Test]
    public void OPENAI_API_KEY_alone_selects_OpenAI_with_the_default_model()
    {
        var options = LlmOptions.Load(Config(), Env(("OPENAI_API_KEY", "sk-openai")));

        Assert.That(options.IsOnline, Is.True);
        Assert.That(options.EffectiveEndpoint, Is.EqualTo("https://api.openai.com/v1"));
        Assert.That(options.EffectiveModel, Is.EqualTo("gpt-4o-mini"));
        Assert.That(options.ApiKey.IsSet, Is.True);
    }

    [Test]
    public void MKT_LLM_API_KEY_takes_precedence_over_OPENAI_API_KEY()
    {
        var options = LlmOptions.Load(Config(), Env(("OPENAI_API_KEY", "sk-generic"), ("MKT_LLM_API_KEY", "sk-project")));

        Assert.That(options.ApiKey.Redact("sk-project"), Is.EqualTo("***"));
        Assert.That(options.ApiKey.Redact("sk-generic"), Is.EqualTo("sk-generic"));
    }

    [Test]
    public void Budget_variables_override_settings()
    {
        var options = LlmOptions.Load(Config(("Llm:MaxCalls", "10")), Env(("MKT_LLM_MAX_CALLS", "3"), ("MKT_LLM_MAX_TOKENS", "0")));

        Assert.That(options.MaxCalls, Is.EqualTo(3));
        Assert.That(options.MaxTokens, Is.Zero);
    }

    [TestCase("MKT_LLM_ENDPOINT", "not a url", "http(s) base URL")]
    [TestCase("MKT_LLM_ENDPOINT", "http://user:pw@host/v1", "must not carry credentials")]
    [TestCase("MKT_LLM_PROVIDER", "anthropic", "auto, offline or openai-compatible")]
    [TestCase("MKT_LLM_MAX_CALLS", "lots", "whole number")]
    [TestCase("MKT_LLM_RESPONSE_FORMAT", "xml", "json-schema, json-object or none")]
    public void Bad_settings_fail_with_a_message_naming_the_setting(string name, string value, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => LlmOptions.Load(Config(), Env((name, value))));

        Assert.That(ex!.Message, Does.Contain(expected));
        Assert.That(ex.Message, Does.Not.Contain("pw@"));
    }

    [Test]
    public void Azure_endpoint_is_recognised_and_the_classic_form_needs_a_resource_url()
    {
        var v1 = LlmOptions.Load(Config(), Env(("MKT_LLM_ENDPOINT", "https://contoso.openai.azure.com/openai/v1"), ("AZURE_OPENAI_API_KEY", "azk")));
        Assert.That(v1.IsAzure, Is.True);
        Assert.That(v1.IsAzureClassic, Is.False);

        var ex = Assert.Throws<ArgumentException>(() => LlmOptions.Load(Config(), Env(("MKT_LLM_AZURE_DEPLOYMENT", "gpt4o"), ("AZURE_OPENAI_API_KEY", "azk"))));
        Assert.That(ex!.Message, Does.Contain("MKT_LLM_ENDPOINT"));
    }

    [Test]
    public void Settings_display_names_provider_model_and_endpoint_but_not_the_key()
    {
        var options = LlmOptions.Load(Config(), Env(("MKT_LLM_ENDPOINT", "http://127.0.0.1:11434/v1?token=abc"), ("MKT_LLM_API_KEY", "sk-hidden-1"), ("MKT_LLM_MODEL", "llama3")));

        var text = options.ToString();

        Assert.That(text, Does.Contain("provider=openai-compatible").And.Contain("model=llama3").And.Contain("endpoint=http://127.0.0.1:11434/v1 "));
        Assert.That(text, Does.Not.Contain("sk-hidden-1").And.Not.Contain("token=abc"));
        Assert.That(LlmOptions.Load(Config(), Env()).ToString(), Does.StartWith("provider=offline model=offline-template"));
    }
}
