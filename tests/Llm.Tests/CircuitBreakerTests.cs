using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Llm.Tests;

public sealed class CircuitBreakerTests
{
    [Test]
    public async Task Breaker_opens_after_N_consecutive_failures_and_then_sends_no_requests()
    {
        await using var h = await LlmHarness.StartAsync(o =>
        {
            o.BreakerFailureThreshold = 3;
            o.MaxRetries = 0;
        });
        h.Server.DefaultReply = FakeChatServerReply.Error(500);

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<LlmUnavailableException>(() => h.Client.CompleteAsync(LlmHarness.Request($"q{i}")));
        }

        Assert.That(h.Client.Usage.BreakerState, Is.EqualTo("open"));
        var refused = await Assert.ThrowsAsync<LlmUnavailableException>(() => h.Client.CompleteAsync(LlmHarness.Request("q-next")));
        Assert.That(refused!.Message, Does.Contain("circuit breaker open"));
        Assert.That(h.Server.RequestCount, Is.EqualTo(3), "no HTTP call while the breaker is open");
        Assert.That(h.Client.Usage.Refused, Is.EqualTo(1));
    }

    [Test]
    public async Task Retries_stop_as_soon_as_the_breaker_opens()
    {
        await using var h = await LlmHarness.StartAsync(o =>
        {
            o.BreakerFailureThreshold = 2;
            o.MaxRetries = 5;
        });
        h.Server.DefaultReply = FakeChatServerReply.Error(503);

        var ex = await Assert.ThrowsAsync<LlmUnavailableException>(() => h.Client.CompleteAsync(LlmHarness.Request()));

        Assert.That(ex!.Message, Does.Contain("circuit breaker opened"));
        Assert.That(h.Server.RequestCount, Is.EqualTo(2));
    }

    [Test]
    public async Task Breaker_half_opens_after_the_cooldown_and_a_successful_probe_closes_it()
    {
        await using var h = await LlmHarness.StartAsync(o =>
        {
            o.BreakerFailureThreshold = 2;
            o.BreakerCooldownSeconds = 30;
            o.MaxRetries = 0;
        });
        h.Server.Enqueue(FakeChatServerReply.Error(500), FakeChatServerReply.Error(500));
        await Assert.ThrowsAsync<LlmUnavailableException>(() => h.Client.CompleteAsync(LlmHarness.Request("a")));
        await Assert.ThrowsAsync<LlmUnavailableException>(() => h.Client.CompleteAsync(LlmHarness.Request("b")));
        Assert.That(h.Client.BreakerState, Is.EqualTo("open"));

        h.Clock.Advance(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<LlmUnavailableException>(() => h.Client.CompleteAsync(LlmHarness.Request("c")));
        Assert.That(h.Server.RequestCount, Is.EqualTo(2), "still open before the cool-down ends");

        h.Clock.Advance(TimeSpan.FromSeconds(21));
        Assert.That(h.Client.BreakerState, Is.EqualTo("half-open"));
        var probe = await h.Client.CompleteAsync(LlmHarness.Request("d"));

        Assert.That(probe.Text, Is.EqualTo("ok"));
        Assert.That(h.Client.Usage.BreakerState, Is.EqualTo("closed"));
        Assert.That(h.Server.RequestCount, Is.EqualTo(3));
        Assert.That((await h.Client.CompleteAsync(LlmHarness.Request("e"))).Text, Is.EqualTo("ok"));
    }

    [Test]
    public async Task A_failed_half_open_probe_reopens_the_breaker_for_another_cooldown()
    {
        await using var h = await LlmHarness.StartAsync(o =>
        {
            o.BreakerFailureThreshold = 1;
            o.BreakerCooldownSeconds = 30;
            o.MaxRetries = 0;
        });
        h.Server.DefaultReply = FakeChatServerReply.Error(500);
        await Assert.ThrowsAsync<LlmUnavailableException>(() => h.Client.CompleteAsync(LlmHarness.Request("a")));
        h.Clock.Advance(TimeSpan.FromSeconds(31));

        await Assert.ThrowsAsync<LlmUnavailableException>(() => h.Client.CompleteAsync(LlmHarness.Request("probe")));

        Assert.That(h.Client.BreakerState, Is.EqualTo("open"));
        Assert.That(h.Server.RequestCount, Is.EqualTo(2));
        await Assert.ThrowsAsync<LlmUnavailableException>(() => h.Client.CompleteAsync(LlmHarness.Request("refused")));
        Assert.That(h.Server.RequestCount, Is.EqualTo(2));
    }

    [Test]
    public void Half_open_lets_exactly_one_probe_through()
    {
        var clock = new ManualTimeProvider();
        var breaker = new CircuitBreaker(1, TimeSpan.FromSeconds(5), clock);
        Assert.That(breaker.RecordFailure(), Is.True);
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.That(breaker.TryAcquire(), Is.True);
        Assert.That(breaker.TryAcquire(), Is.False);
        breaker.RecordSuccess();
        Assert.That(breaker.State, Is.EqualTo(CircuitBreaker.Closed));
        Assert.That(breaker.TryAcquire(), Is.True);
    }

    [Test]
    public void Successes_reset_the_consecutive_failure_count()
    {
        var breaker = new CircuitBreaker(3, TimeSpan.FromSeconds(5), new ManualTimeProvider());
        breaker.RecordFailure();
        breaker.RecordFailure();
        breaker.RecordSuccess();
        breaker.RecordFailure();
        breaker.RecordFailure();

        Assert.That(breaker.State, Is.EqualTo(CircuitBreaker.Closed));
        Assert.That(breaker.ConsecutiveFailures, Is.EqualTo(2));
    }
}
