using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Llm.Tests;

public sealed class LlmClientRequestTests
{
    [Test]
    public async Task Request_carries_bearer_key_model_messages_and_json_schema_response_format()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Enqueue(FakeChatServerReply.Json(new { label = "positive" }, promptTokens: 40, completionTokens: 7));

        var answer = await h.Client.CompleteAsync(new LlmRequest("sentiment", "Classify posts.", "Post: I love it", LlmHarness.LabelSchema, 0.1f, 64));

        Assert.That(answer.Text, Is.EqualTo("""{"label":"positive"}"""));
        Assert.That(answer.FromCache, Is.False);
        Assert.That(answer.Model, Is.EqualTo("fake-model"));
        Assert.That(answer.InputTokens, Is.EqualTo(40));
        Assert.That(answer.OutputTokens, Is.EqualTo(7));

        var sent = h.Server.Requests.Single();
        Assert.That(sent.Method, Is.EqualTo("POST"));
        Assert.That(sent.Path, Is.EqualTo("/v1/chat/completions"));
        Assert.That(sent.Authorization, Is.EqualTo("Bearer " + LlmHarness.ApiKey));
        Assert.That(sent.Model, Is.EqualTo("fake-model"));
        Assert.That(sent.Messages, Is.EqualTo(new[] { ("system", "Classify posts."), ("user", "Post: I love it") }));

        var json = sent.Json;
        Assert.That(json.GetProperty("temperature").GetDouble(), Is.EqualTo(0.1).Within(1e-6));
        Assert.That(json.GetProperty("max_completion_tokens").GetInt32(), Is.EqualTo(64));
        var format = json.GetProperty("response_format");
        Assert.That(format.GetProperty("type").GetString(), Is.EqualTo("json_schema"));
        Assert.That(format.GetProperty("json_schema").GetProperty("name").GetString(), Is.EqualTo("sentiment"));
        Assert.That(format.GetProperty("json_schema").GetProperty("schema").GetProperty("required")[0].GetString(), Is.EqualTo("label"));
    }

    [Test]
    public async Task Request_without_schema_sends_no_response_format_and_returns_plain_text()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Enqueue(FakeChatServerReply.Content("A short explanation."));

        var answer = await h.Client.CompleteAsync(LlmHarness.Request());

        Assert.That(answer.Text, Is.EqualTo("A short explanation."));
        Assert.That(h.Server.Requests.Single().Json.TryGetProperty("response_format", out _), Is.False);
    }

    [Test]
    public async Task Json_object_mode_asks_for_json_object_for_servers_without_schema_support()
    {
        await using var h = await LlmHarness.StartAsync(o => o.ResponseFormat = "json-object");
        h.Server.Enqueue(FakeChatServerReply.Json(new { label = "neutral" }));

        await h.Client.CompleteAsync(LlmHarness.Request(schema: LlmHarness.LabelSchema));

        Assert.That(h.Server.Requests.Single().Json.GetProperty("response_format").GetProperty("type").GetString(), Is.EqualTo("json_object"));
    }

    [Test]
    public async Task Json_inside_a_markdown_code_fence_is_accepted_and_unwrapped()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Enqueue(FakeChatServerReply.Content("```json\n{\"label\":\"negative\"}\n```"));

        var answer = await h.Client.CompleteAsync(LlmHarness.Request(schema: LlmHarness.LabelSchema));

        Assert.That(answer.Text, Is.EqualTo("""{"label":"negative"}"""));
        Assert.That(h.Server.RequestCount, Is.EqualTo(1));
    }

    [Test]
    public async Task Endpoint_without_a_key_still_works_for_local_servers_such_as_ollama()
    {
        await using var server = await FakeChatServer.StartAsync();
        var options = LlmHarness.Configure(server, o => o.ApiKey = LlmSecret.None);
        using var client = (LlmClient)LlmClientFactory.Create(options);

        var answer = await client.CompleteAsync(LlmHarness.Request());

        Assert.That(answer.Text, Is.EqualTo("ok"));
        Assert.That(client.Provider.Name, Is.EqualTo("openai-compatible"));
        Assert.That(client.Provider.Endpoint, Is.EqualTo(server.Endpoint));
        Assert.That(client.Provider.IsOffline, Is.False);
    }

    [Test]
    public async Task Azure_classic_deployment_requests_go_to_the_deployment_path_with_api_version_and_api_key_header()
    {
        await using var server = await FakeChatServer.StartAsync();
        var options = LlmHarness.Configure(server, o =>
        {
            o.Endpoint = server.Root;
            o.AzureDeployment = "gpt4o-prod";
            o.AzureApiVersion = "2024-10-21";
        });
        using var client = (LlmClient)LlmClientFactory.Create(options);

        await client.CompleteAsync(LlmHarness.Request());

        var sent = server.Requests.Single();
        Assert.That(sent.Path, Is.EqualTo("/openai/deployments/gpt4o-prod/chat/completions"));
        Assert.That(sent.Query, Is.EqualTo("?api-version=2024-10-21"));
        Assert.That(sent.Header("api-key"), Is.EqualTo(LlmHarness.ApiKey));
        Assert.That(sent.Authorization, Is.Null, "the classic Azure API reads a bearer header as an Entra token");
    }
}
