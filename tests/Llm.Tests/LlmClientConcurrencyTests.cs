using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Llm.Tests;

public sealed class LlmClientConcurrencyTests
{
    [Test]
    public async Task Concurrency_limit_caps_requests_in_flight_at_the_server()
    {
        await using var h = await LlmHarness.StartAsync(o => o.MaxConcurrency = 2);
        h.Server.DefaultReply = FakeChatServerReply.Content("slow").WithDelay(TimeSpan.FromMilliseconds(150));

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => h.Client.CompleteAsync(LlmHarness.Request($"question {i}"))));

        Assert.That(answers.Select(a => a.Text), Is.All.EqualTo("slow"));
        Assert.That(h.Server.RequestCount, Is.EqualTo(8));
        Assert.That(h.Server.MaxInFlight, Is.EqualTo(2));
    }

    [Test]
    public async Task Without_a_tight_limit_the_same_load_runs_in_parallel()
    {
        // The control for the test above: it shows the fake server can see more than 2 in flight.
        await using var h = await LlmHarness.StartAsync(o => o.MaxConcurrency = 8);
        h.Server.DefaultReply = FakeChatServerReply.Content("slow").WithDelay(TimeSpan.FromMilliseconds(300));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => h.Client.CompleteAsync(LlmHarness.Request($"question {i}"))));

        Assert.That(h.Server.MaxInFlight, Is.GreaterThan(2));
    }
}
