using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Llm.Tests;

public sealed class LlmClientRetryTests
{
    [Test]
    public async Task Rate_limit_429_is_retried_after_the_servers_Retry_After()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Enqueue(FakeChatServerReply.RateLimited("2"), FakeChatServerReply.Content("done"));

        var answer = await h.Client.CompleteAsync(LlmHarness.Request());

        Assert.That(answer.Text, Is.EqualTo("done"));
        Assert.That(h.Server.RequestCount, Is.EqualTo(2));
        Assert.That(h.Delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(2) }));
        Assert.That(h.Client.Usage.Retries, Is.EqualTo(1));
        Assert.That(h.Client.Usage.Failures, Is.EqualTo(1));
    }

    [Test]
    public async Task Retry_After_longer_than_the_cap_is_cut_to_the_cap()
    {
        await using var h = await LlmHarness.StartAsync(o => o.MaxRetryAfterSeconds = 10);
        h.Server.Enqueue(FakeChatServerReply.RateLimited("3600"), FakeChatServerReply.Content("done"));

        await h.Client.CompleteAsync(LlmHarness.Request());

        Assert.That(h.Delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(10) }));
    }

    [Test]
    public async Task Server_errors_are_retried_with_growing_jittered_backoff_then_succeed()
    {
        await using var h = await LlmHarness.StartAsync(o =>
        {
            o.RetryBaseDelaySeconds = 1;
            o.RetryMaxDelaySeconds = 100;
        });
        h.Server.Enqueue(FakeChatServerReply.Error(500), FakeChatServerReply.Error(503), FakeChatServerReply.Error(502), FakeChatServerReply.Content("recovered"));

        var answer = await h.Client.CompleteAsync(LlmHarness.Request());

        Assert.That(answer.Text, Is.EqualTo("recovered"));
        Assert.That(h.Server.RequestCount, Is.EqualTo(4));
        Assert.That(h.Delays, Has.Count.EqualTo(3));
        // Equal jitter: attempt n waits between half and all of base * 2^(n-1).
        Assert.That(h.Delays[0].TotalSeconds, Is.InRange(0.5, 1.0));
        Assert.That(h.Delays[1].TotalSeconds, Is.InRange(1.0, 2.0));
        Assert.That(h.Delays[2].TotalSeconds, Is.InRange(2.0, 4.0));
    }

    [Test]
    public async Task Hanging_server_times_out_and_the_retry_gets_the_answer()
    {
        await using var h = await LlmHarness.StartAsync(o => o.AttemptTimeoutSeconds = 1);
        h.Server.Enqueue(FakeChatServerReply.Hanging(), FakeChatServerReply.Content("second try"));

        var answer = await h.Client.CompleteAsync(LlmHarness.Request());

        Assert.That(answer.Text, Is.EqualTo("second try"));
        Assert.That(h.Server.RequestCount, Is.EqualTo(2));
        Assert.That(h.Logs.AllText, Does.Contain("timeout"));
    }

    [Test]
    public async Task Garbage_bodies_are_retried_then_reported_as_unavailable()
    {
        await using var h = await LlmHarness.StartAsync(o => o.MaxRetries = 2);
        h.Server.DefaultReply = FakeChatServerReply.Garbage();

        var ex = await Assert.ThrowsAsync<LlmUnavailableException>(() => h.Client.CompleteAsync(LlmHarness.Request()));

        Assert.That(ex!.Message, Does.Contain("malformed-response"));
        Assert.That(h.Server.RequestCount, Is.EqualTo(3));
        Assert.That(h.Client.Usage.Failures, Is.EqualTo(3));
        Assert.That(h.Client.Usage.Answered, Is.Zero);
    }

    [Test]
    public async Task Truncated_response_body_is_retried()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Enqueue(FakeChatServerReply.TruncatedBody(), FakeChatServerReply.Json(new { label = "positive" }));

        var answer = await h.Client.CompleteAsync(LlmHarness.Request(schema: LlmHarness.LabelSchema));

        Assert.That(answer.Text, Is.EqualTo("""{"label":"positive"}"""));
        Assert.That(h.Server.RequestCount, Is.EqualTo(2));
    }

    [Test]
    public async Task Malformed_json_answers_count_as_failures_and_are_retried_then_unavailable()
    {
        await using var h = await LlmHarness.StartAsync(o => o.MaxRetries = 2);
        h.Server.Enqueue(
            FakeChatServerReply.Content("Sure! The label is positive."),
            FakeChatServerReply.Content("{\"label\": \"posi", finishReason: "length"),
            FakeChatServerReply.Content("{\"label\": }"));

        var ex = await Assert.ThrowsAsync<LlmUnavailableException>(() => h.Client.CompleteAsync(LlmHarness.Request(schema: LlmHarness.LabelSchema)));

        Assert.That(ex!.Message, Does.Contain("malformed-json"));
        Assert.That(h.Server.RequestCount, Is.EqualTo(3));
        Assert.That(h.Client.Usage.Failures, Is.EqualTo(3));
        Assert.That(h.Logs.AllText, Does.Contain("cut off at the output token limit"));
    }

    [Test]
    public async Task Malformed_json_followed_by_valid_json_succeeds_and_is_not_cached_as_the_bad_answer()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Enqueue(FakeChatServerReply.Content("not json"), FakeChatServerReply.Json(new { label = "neutral" }));

        var first = await h.Client.CompleteAsync(LlmHarness.Request(schema: LlmHarness.LabelSchema));
        var again = await h.Client.CompleteAsync(LlmHarness.Request(schema: LlmHarness.LabelSchema));

        Assert.That(first.Text, Is.EqualTo("""{"label":"neutral"}"""));
        Assert.That(again.Text, Is.EqualTo(first.Text));
        Assert.That(again.FromCache, Is.True);
    }

    [Test]
    public async Task Json_that_does_not_match_the_schema_is_retried_until_it_does()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Enqueue(
            FakeChatServerReply.Json(new { label = "very positive" }),
            FakeChatServerReply.Json(new { sentiment = "positive" }),
            FakeChatServerReply.Json(new { label = "positive" }));

        var answer = await h.Client.CompleteAsync(LlmHarness.Request(schema: LlmHarness.LabelSchema));

        Assert.That(answer.Text, Is.EqualTo("""{"label":"positive"}"""));
        Assert.That(h.Server.RequestCount, Is.EqualTo(3));
        Assert.That(h.Logs.AllText, Does.Contain("schema-mismatch").And.Contain("/label"));
    }

    [Test]
    public async Task Unauthorized_is_not_retried_and_says_which_setting_to_check()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.DefaultReply = FakeChatServerReply.Error(401, message: "Incorrect API key provided");

        var ex = await Assert.ThrowsAsync<LlmUnavailableException>(() => h.Client.CompleteAsync(LlmHarness.Request()));

        Assert.That(ex!.Message, Does.Contain("MKT_LLM_API_KEY"));
        Assert.That(h.Server.RequestCount, Is.EqualTo(1));
    }

    [Test]
    public async Task Caller_cancellation_is_passed_on_and_not_turned_into_a_fallback()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.DefaultReply = FakeChatServerReply.Hanging();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.That(async () => await h.Client.CompleteAsync(LlmHarness.Request(), cts.Token), Throws.InstanceOf<OperationCanceledException>());
    }
}
