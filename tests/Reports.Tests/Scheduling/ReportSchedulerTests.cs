using Marketing.Reports.Scheduling;
using Marketing.Reports.Tests.Support;

namespace Marketing.Reports.Tests.Scheduling;

public sealed class ReportSchedulerTests
{
    private static readonly DateTimeOffset Monday0630 = new(2026, 11, 2, 6, 30, 0, TimeSpan.Zero);

    private static DateTimeOffset At(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    private static ReportsOptions Options(string cron, string misfire = "run-once", int maxCatchUp = 5) => new()
    {
        Misfire = misfire,
        MaxCatchUp = maxCatchUp,
        Schedules = [new ReportScheduleOptions { Name = "daily", Cron = cron, Out = "unused" }],
    };

    [Test]
    public async Task Runs_fire_at_the_cron_times()
    {
        var clock = new FakeClock(Monday0630);
        var job = new RecordingJob(clock);
        var scheduler = new ReportScheduler(Options("0 7 * * *"), job, new InMemoryScheduleState(), clock);

        await clock.RunToCompletionAsync(scheduler.RunAsync(CancellationToken.None, until: At(5, 0)));

        Assert.That(job.Scheduled, Is.EqualTo(new[] { At(2, 7), At(3, 7), At(4, 7) }));
        Assert.That(job.Runs.All(r => r.StartedAt == r.Scheduled), Is.True, "each run starts exactly at its fire time");
    }

    [Test]
    public async Task Cron_times_are_read_in_the_schedule_time_zone()
    {
        var clock = new FakeClock(Monday0630);
        var job = new RecordingJob(clock);
        var options = Options("0 9 * * *");
        options.Schedules[0].TimeZone = "Europe/Paris";
        var scheduler = new ReportScheduler(options, job, new InMemoryScheduleState(), clock);

        await clock.RunToCompletionAsync(scheduler.RunAsync(CancellationToken.None, until: At(3, 0)));

        Assert.That(job.Scheduled, Is.EqualTo(new[] { At(2, 8) }), "09:00 in Paris is 08:00 UTC in November");
    }

    [Test]
    public async Task Runs_never_overlap_and_fire_times_passed_during_a_long_run_are_skipped_under_skip()
    {
        var clock = new FakeClock(At(2, 0, 30));
        var job = new RecordingJob(clock, duration: TimeSpan.FromMinutes(150));
        var state = new InMemoryScheduleState();
        var scheduler = new ReportScheduler(Options("0 * * * *", misfire: "skip"), job, state, clock);

        await clock.RunToCompletionAsync(scheduler.RunAsync(CancellationToken.None, until: At(2, 8)));

        // 01:00 runs until 03:30 (02:00 and 03:00 go by), 04:00 runs until 06:30 (05:00, 06:00 go by), then 07:00.
        Assert.That(job.Scheduled, Is.EqualTo(new[] { At(2, 1), At(2, 4), At(2, 7) }));
        Assert.That(job.MaxInFlight, Is.EqualTo(1));
        Assert.That(scheduler.MaxConcurrentRuns, Is.EqualTo(1));
        Assert.That(state.States["daily"].Skipped, Is.EqualTo(4));
    }

    [Test]
    public async Task A_long_run_queues_one_catch_up_run_under_run_once()
    {
        var clock = new FakeClock(At(2, 0, 30));
        var job = new RecordingJob(clock, duration: TimeSpan.FromMinutes(150));
        var scheduler = new ReportScheduler(Options("0 * * * *", misfire: "run-once"), job, new InMemoryScheduleState(), clock);

        await clock.RunToCompletionAsync(scheduler.RunAsync(CancellationToken.None, until: At(2, 6)));

        // 01:00 ends 03:30 → the newest missed time (03:00) runs at once and ends 06:00; nothing else fits before 06:00.
        Assert.That(job.Scheduled, Is.EqualTo(new[] { At(2, 1), At(2, 3) }));
        Assert.That(job.Runs.Select(r => r.StartedAt), Is.EqualTo(new[] { At(2, 1), At(2, 3, 30) }), "the catch-up starts when the overrunning run ends, not during it");
        Assert.That(job.MaxInFlight, Is.EqualTo(1));
    }

    [Test]
    public async Task A_run_blocked_in_flight_is_never_joined_by_a_second_run()
    {
        var clock = new FakeClock(At(2, 0, 30));
        var gate = new TaskCompletionSource();
        var inFlight = 0;
        var maxInFlight = 0;
        var runs = 0;
        var job = new DelegateJob(async () =>
        {
            maxInFlight = Math.Max(maxInFlight, Interlocked.Increment(ref inFlight));
            runs++;
            await gate.Task;
            Interlocked.Decrement(ref inFlight);
        });
        var scheduler = new ReportScheduler(Options("*/10 * * * *", misfire: "skip"), job, new InMemoryScheduleState(), clock);
        using var cts = new CancellationTokenSource();
        var run = scheduler.RunAsync(cts.Token, until: At(2, 2));

        await clock.WaitForSleeperAsync(run);
        clock.AdvanceTo(At(2, 0, 40));
        // The 00:40 run is now blocked; an hour of fire times goes by on the clock.
        for (var m = 50; m <= 100; m += 10)
        {
            clock.AdvanceTo(At(2, 0, 0).AddMinutes(m));
            await Task.Delay(10);
        }

        Assert.That(runs, Is.EqualTo(1));
        gate.SetResult();
        await clock.RunToCompletionAsync(run);
        Assert.That(maxInFlight, Is.EqualTo(1));
    }

    [TestCase("skip", new int[0], TestName = "Catch_up_after_downtime_runs_nothing_under_skip")]
    [TestCase("run-once", new[] { 4 }, TestName = "Catch_up_after_downtime_runs_the_newest_missed_time_once_under_run_once")]
    [TestCase("run-all", new[] { 2, 3, 4 }, TestName = "Catch_up_after_downtime_runs_every_missed_time_under_run_all")]
    public async Task Catch_up_after_downtime_follows_the_policy(string policy, int[] days)
    {
        // Last run Sunday Nov 1 07:00; the scheduler comes back Thursday Nov 5 06:30 (Nov 2, 3, 4 were missed).
        var clock = new FakeClock(At(5, 6, 30));
        var job = new RecordingJob(clock);
        var state = new InMemoryScheduleState();
        await state.SaveAsync(new ScheduleState { Name = "daily", LastScheduled = At(1, 7) }, CancellationToken.None);
        var scheduler = new ReportScheduler(Options("0 7 * * *", policy), job, state, clock);

        await clock.RunToCompletionAsync(scheduler.RunAsync(CancellationToken.None, until: At(5, 8)));

        var expected = days.Select(d => At(d, 7)).Append(At(5, 7)).ToArray();
        Assert.That(job.Scheduled, Is.EqualTo(expected));
        Assert.That(state.States["daily"].Skipped, Is.EqualTo(3 - days.Length));
        Assert.That(state.States["daily"].LastScheduled, Is.EqualTo(At(5, 7)));
    }

    [Test]
    public async Task Run_all_catch_up_is_bounded_to_the_newest_missed_times()
    {
        var clock = new FakeClock(At(5, 6, 30));
        var job = new RecordingJob(clock);
        var state = new InMemoryScheduleState();
        await state.SaveAsync(new ScheduleState { Name = "daily", LastScheduled = At(1, 7) }, CancellationToken.None);
        var scheduler = new ReportScheduler(Options("0 7 * * *", "run-all", maxCatchUp: 2), job, state, clock);

        await clock.RunToCompletionAsync(scheduler.RunAsync(CancellationToken.None, until: At(5, 6, 45)));

        Assert.That(job.Scheduled, Is.EqualTo(new[] { At(3, 7), At(4, 7) }));
    }

    [Test]
    public async Task A_first_start_does_not_catch_up()
    {
        var clock = new FakeClock(At(5, 6, 30));
        var job = new RecordingJob(clock);
        var scheduler = new ReportScheduler(Options("0 7 * * *", "run-all"), job, new InMemoryScheduleState(), clock);

        await clock.RunToCompletionAsync(scheduler.RunAsync(CancellationToken.None, until: At(5, 6, 45)));

        Assert.That(job.Runs, Is.Empty);
    }

    [Test]
    public async Task A_failed_run_is_recorded_and_the_next_fire_time_still_runs()
    {
        var clock = new FakeClock(Monday0630);
        var job = new RecordingJob(clock, fails: t => t == At(2, 7));
        var state = new InMemoryScheduleState();
        var scheduler = new ReportScheduler(Options("0 7 * * *"), job, state, clock);

        await clock.RunToCompletionAsync(scheduler.RunAsync(CancellationToken.None, until: At(3, 8)));

        Assert.That(job.Scheduled, Is.EqualTo(new[] { At(2, 7), At(3, 7) }));
        var s = state.States["daily"];
        Assert.That((s.Runs, s.Failures, s.LastStatus), Is.EqualTo((2L, 1L, "ok")));
    }

    [Test]
    public async Task The_last_run_is_persisted_in_the_store_and_read_back_after_a_restart()
    {
        await using var store = await ReportStore.OpenEmptyAsync();
        var clock = new FakeClock(Monday0630);
        var job = new RecordingJob(clock);
        await clock.RunToCompletionAsync(new ReportScheduler(Options("0 7 * * *"), job, new ArtifactScheduleStateStore(store), clock)
            .RunAsync(CancellationToken.None, until: At(2, 8)));

        var saved = await new ArtifactScheduleStateStore(store).GetAsync("daily", CancellationToken.None);
        Assert.That(saved!.LastScheduled, Is.EqualTo(At(2, 7)));
        Assert.That(saved.LastReport, Is.EqualTo("dir-" + At(2, 7).ToUnixTimeSeconds()));

        // Down from Monday 08:00 to Wednesday 09:00: a new scheduler on the same store catches up Tuesday and Wednesday (run-all).
        clock.AdvanceTo(At(4, 9));
        var job2 = new RecordingJob(clock);
        await clock.RunToCompletionAsync(new ReportScheduler(Options("0 7 * * *", "run-all"), job2, new ArtifactScheduleStateStore(store), clock)
            .RunAsync(CancellationToken.None, until: At(4, 10)));
        Assert.That(job2.Scheduled, Is.EqualTo(new[] { At(3, 7), At(4, 7) }));
    }

    [TestCase("", "0 7 * * *", "name")]
    [TestCase("weekly", "not a cron", "cron")]
    [TestCase("weekly", "0 7 * * MON", "period", "7 days")]
    public void Invalid_schedules_are_refused_with_a_message_naming_the_field(string name, string cron, string field, string period = "7d")
    {
        var options = new ReportsOptions { Schedules = [new ReportScheduleOptions { Name = name, Cron = cron, Period = period }] };
        var ex = Assert.Throws<FormatException>(() => new ReportScheduler(options, new RecordingJob(new FakeClock(Monday0630)), new InMemoryScheduleState()));
        Assert.That(ex!.Message, Does.Contain(field).IgnoreCase);
    }

    [Test]
    public void An_unknown_misfire_policy_is_refused()
    {
        Assert.Throws<FormatException>(() => MisfirePolicies.Parse("sometimes"));
        Assert.That(MisfirePolicies.Parse("run_all"), Is.EqualTo(MisfirePolicy.RunAll));
    }

    private sealed class DelegateJob(Func<Task> run) : IReportJob
    {
        public async Task<ReportRunOutcome> RunAsync(ReportScheduleOptions schedule, DateTimeOffset scheduledFor, CancellationToken ct)
        {
            await run();
            return new ReportRunOutcome(true, null, null);
        }
    }
}
