using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Llm.Tests;

public sealed class LlmBudgetAndAccountingTests
{
    [Test]
    public async Task Calls_beyond_the_budget_are_refused_without_an_HTTP_request()
    {
        await using var h = await LlmHarness.StartAsync(o => o.MaxCalls = 2);

        await h.Client.CompleteAsync(LlmHarness.Request("one"));
        await h.Client.CompleteAsync(LlmHarness.Request("two"));
        var ex = await Assert.ThrowsAsync<LlmUnavailableException>(() => h.Client.CompleteAsync(LlmHarness.Request("three")));

        Assert.That(ex!.Message, Does.StartWith("budget spent"));
        Assert.That(h.Server.RequestCount, Is.EqualTo(2));
        Assert.That(h.Client.Usage.Refused, Is.EqualTo(1));
    }

    [Test]
    public async Task Parallel_requests_cannot_overshoot_the_call_budget()
    {
        await using var h = await LlmHarness.StartAsync(o =>
        {
            o.MaxCalls = 3;
            o.MaxConcurrency = 10;
        });
        h.Server.DefaultReply = FakeChatServerReply.Content("ok").WithDelay(TimeSpan.FromMilliseconds(100));

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            try
            {
                await h.Client.CompleteAsync(LlmHarness.Request($"q{i}"));
                return true;
            }
            catch (LlmUnavailableException)
            {
                return false;
            }
        }));

        Assert.That(results.Count(ok => ok), Is.EqualTo(3));
        Assert.That(h.Server.RequestCount, Is.EqualTo(3));
        Assert.That(h.Client.Usage.Calls, Is.EqualTo(3));
        Assert.That(h.Client.Usage.Refused, Is.EqualTo(7));
    }

    [Test]
    public async Task Cache_hits_do_not_spend_the_call_budget()
    {
        await using var h = await LlmHarness.StartAsync(o => o.MaxCalls = 1);

        await h.Client.CompleteAsync(LlmHarness.Request("one"));
        var hit = await h.Client.CompleteAsync(LlmHarness.Request("one"));

        Assert.That(hit.FromCache, Is.True);
        Assert.That(h.Client.Usage.Refused, Is.Zero);
    }

    [Test]
    public async Task Retries_spend_the_call_budget_too()
    {
        await using var h = await LlmHarness.StartAsync(o =>
        {
            o.MaxCalls = 2;
            o.MaxRetries = 5;
        });
        h.Server.DefaultReply = FakeChatServerReply.Error(500);

        var ex = await Assert.ThrowsAsync<LlmUnavailableException>(() => h.Client.CompleteAsync(LlmHarness.Request()));

        Assert.That(ex!.Message, Does.StartWith("budget spent"));
        Assert.That(h.Server.RequestCount, Is.EqualTo(2));
    }

    [Test]
    public async Task Token_budget_refuses_once_the_tokens_are_spent()
    {
        await using var h = await LlmHarness.StartAsync(o => o.MaxTokens = 100);
        h.Server.Enqueue(FakeChatServerReply.Content("big", promptTokens: 90, completionTokens: 20));

        await h.Client.CompleteAsync(LlmHarness.Request("one"));
        var ex = await Assert.ThrowsAsync<LlmUnavailableException>(() => h.Client.CompleteAsync(LlmHarness.Request("two")));

        Assert.That(ex!.Message, Does.Contain("110 of 100 tokens"));
        Assert.That(h.Server.RequestCount, Is.EqualTo(1));
    }

    [Test]
    public async Task Tokens_and_cost_are_summed_from_the_usage_blocks_per_run_and_per_purpose()
    {
        await using var h = await LlmHarness.StartAsync(o =>
        {
            o.PricePer1kInputTokens = 0.15m;
            o.PricePer1kOutputTokens = 0.60m;
        });
        h.Server.Enqueue(
            FakeChatServerReply.Content("a", promptTokens: 1000, completionTokens: 200),
            FakeChatServerReply.Content("b", promptTokens: 3000, completionTokens: 800));

        await h.Client.CompleteAsync(LlmHarness.Request("x", purpose: "sentiment"));
        await h.Client.CompleteAsync(LlmHarness.Request("y", purpose: "trend-label"));

        var usage = h.Client.Usage;
        Assert.That(usage.Calls, Is.EqualTo(2));
        Assert.That(usage.InputTokens, Is.EqualTo(4000));
        Assert.That(usage.OutputTokens, Is.EqualTo(1000));
        // 4k input at 0.15 + 1k output at 0.60.
        Assert.That(usage.CostUsd, Is.EqualTo(1.20m));
        Assert.That(h.Client.UsageByPurpose["sentiment"].CostUsd, Is.EqualTo(0.27m));
        Assert.That(h.Client.UsageByPurpose["trend-label"].InputTokens, Is.EqualTo(3000));
        Assert.That(h.Logs.AllText, Does.Contain("InputTokens=1000").And.Contain("Purpose=sentiment"));
    }

    [Test]
    public async Task Tokens_of_malformed_answers_are_still_counted_because_they_were_paid_for()
    {
        await using var h = await LlmHarness.StartAsync(o => o.MaxRetries = 0);
        h.Server.Enqueue(FakeChatServerReply.Content("not json", promptTokens: 70, completionTokens: 9));

        await Assert.ThrowsAsync<LlmUnavailableException>(() => h.Client.CompleteAsync(LlmHarness.Request(schema: LlmHarness.LabelSchema)));

        Assert.That(h.Client.Usage.InputTokens, Is.EqualTo(70));
        Assert.That(h.Client.Usage.OutputTokens, Is.EqualTo(9));
    }
}
