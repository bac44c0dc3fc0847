using System.Collections.Concurrent;
using Marketing.Reports.Scheduling;

namespace Marketing.Reports.Tests.Support;

/// <summary>A job that records when it was asked to run, optionally takes (fake) time, and counts runs in flight.</summary>
public sealed class RecordingJob(FakeClock clock, TimeSpan? duration = null, Func<DateTimeOffset, bool>? fails = null) : IReportJob
{
    private int _inFlight;

    public ConcurrentQueue<(DateTimeOffset Scheduled, DateTimeOffset StartedAt)> Runs { get; } = new();

    public int MaxInFlight { get; private set; }

    public IReadOnlyList<DateTimeOffset> Scheduled => Runs.Select(r => r.Scheduled).ToList();

    public Task<ReportRunOutcome> RunAsync(ReportScheduleOptions schedule, DateTimeOffset scheduledFor, CancellationToken ct)
    {
        var now = Interlocked.Increment(ref _inFlight);
        MaxInFlight = Math.Max(MaxInFlight, now);
        Runs.Enqueue((scheduledFor, clock.GetUtcNow()));
        try
        {
            if (duration is { } d)
            {
                // The run takes long: time passes (fire times go by) while it is still going.
                clock.Advance(d);
            }

            if (fails?.Invoke(scheduledFor) == true)
            {
                throw new InvalidOperationException("report failed (simulated)");
            }

            return Task.FromResult(new ReportRunOutcome(true, "dir-" + scheduledFor.ToUnixTimeSeconds(), null));
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
