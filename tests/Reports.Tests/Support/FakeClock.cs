namespace Marketing.Reports.Tests.Support;

/// <summary>
/// A manual clock for scheduler tests: time moves only when a test calls <see cref="AdvanceTo"/>, and timers (hence
/// Task.Delay over this provider) fire then. <see cref="WaitForSleeperAsync"/> tells when the code under test is
/// blocked on a timer, so a test advances exactly when the scheduler is waiting.
/// </summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<FakeTimer> _timers = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>The earliest pending timer's due time, or null when nothing waits.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate)
            {
                return _timers.Where(t => t.Due is not null).Select(t => t.Due).Min();
            }
        }
    }

    public void Advance(TimeSpan by) => AdvanceTo(GetUtcNow() + by);

    /// <summary>Moves time forward and fires every timer due by then, in due order.</summary>
    public void AdvanceTo(DateTimeOffset to)
    {
        while (true)
        {
            FakeTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.Due is { } d && d <= to).OrderBy(t => t.Due).FirstOrDefault();
                if (next is null)
                {
                    if (to > _now)
                    {
                        _now = to;
                    }

                    return;
                }

                if (next.Due > _now)
                {
                    _now = next.Due!.Value;
                }

                next.Due = next.Period is { } p ? _now + p : null;
            }

            next.Fire();
        }
    }

    /// <summary>Waits until some timer is pending (the code under test sleeps) or <paramref name="done"/> completes.</summary>
    public async Task WaitForSleeperAsync(Task done, TimeSpan? timeout = null)
    {
        var limit = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (NextDue is null && !done.IsCompleted)
        {
            if (DateTime.UtcNow > limit)
            {
                throw new TimeoutException("The code under test neither waited on the clock nor finished.");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>Drives <paramref name="run"/> to completion: each time it sleeps, jump to its wake-up time.</summary>
    public async Task RunToCompletionAsync(Task run, TimeSpan? timeout = null)
    {
        while (!run.IsCompleted)
        {
            await WaitForSleeperAsync(run, timeout);
            if (NextDue is { } due)
            {
                AdvanceTo(due);
            }
        }

        await run;
    }

    private sealed class FakeTimer(FakeClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due { get; set; }

        public TimeSpan? Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                if (!clock._timers.Contains(this))
                {
                    clock._timers.Add(this);
                }

                Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock._now + dueTime;
                Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                Due = null;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
