using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketing.Reports.Scheduling;

/// <summary>
/// Runs scheduled reports at their cron times. One loop runs every schedule, one job at a time, so runs never overlap:
/// fire times that pass while a run is going (an overrun) or while the scheduler was down (downtime) are misfires,
/// handled by the schedule's <see cref="MisfirePolicy"/> and logged. State is saved after every run, so a restart
/// knows what it missed. All waiting goes through <see cref="TimeProvider"/>, so tests drive it with a fake clock.
/// </summary>
public sealed class ReportScheduler
{
    // Bounds how many missed fire times are even enumerated after a long downtime with a frequent cron.
    private const int MaxEnumerated = 10_000;

    private readonly IReadOnlyList<CronSchedule> _schedules;
    private readonly ReportsOptions _options;
    private readonly IReportJob _job;
    private readonly IScheduleStateStore _state;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private int _running;
    private int _maxConcurrent;

    public ReportScheduler(ReportsOptions options, IReportJob job, IScheduleStateStore state, TimeProvider? time = null, ILogger<ReportScheduler>? logger = null)
    {
        _options = options;
        _schedules = options.Schedules.Select(s => CronSchedule.From(s, options)).ToList();
        var duplicate = _schedules.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new FormatException($"Reports:Schedules: the name '{duplicate.Key}' is used twice; names key the saved state and the folders.");
        }

        _job = job;
        _state = state;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public IReadOnlyList<CronSchedule> Schedules => _schedules;

    /// <summary>The most runs ever in flight at once (1 when anything ran): what the no-overlap rule promises.</summary>
    public int MaxConcurrentRuns => _maxConcurrent;

    /// <summary>Runs every schedule once now (period ending now) and returns: <c>mkt schedule --once</c>.</summary>
    public async Task<IReadOnlyList<ReportRunOutcome>> RunAllNowAsync(CancellationToken ct)
    {
        var outcomes = new List<ReportRunOutcome>();
        var now = _time.GetUtcNow();
        foreach (var s in _schedules)
        {
            outcomes.Add(await RunOneAsync(s, now, ct));
        }

        return outcomes;
    }

    /// <summary>
    /// Catches up per policy, then fires at cron times until cancelled or until <paramref name="until"/> (exclusive:
    /// fire times at or after it do not run).
    /// </summary>
    public async Task RunAsync(CancellationToken ct, DateTimeOffset? until = null)
    {
        if (_schedules.Count == 0)
        {
            _logger.LogWarning("No report schedules configured (Reports:Schedules); nothing to do");
            return;
        }

        var next = new Dictionary<CronSchedule, DateTimeOffset?>();
        var now = _time.GetUtcNow();
        foreach (var s in _schedules)
        {
            var state = await _state.GetAsync(s.Name, ct);
            if (state?.LastScheduled is { } last)
            {
                await CatchUpAsync(s, last, now, "downtime", ct);
                now = _time.GetUtcNow();
            }
            else
            {
                _logger.LogInformation("Schedule {Name}: first start, no catch-up", s.Name);
            }

            next[s] = s.Next(now);
            _logger.LogInformation("Schedule {Name} ({Cron} {Zone}): next run {Next:u}", s.Name, s.Options.Cron, s.Zone.Id, next[s]);
        }

        while (!ct.IsCancellationRequested)
        {
            var due = next.Where(kv => kv.Value is not null).OrderBy(kv => kv.Value).ThenBy(kv => kv.Key.Name, StringComparer.Ordinal).FirstOrDefault();
            if (due.Key is null || (until is { } stop && due.Value >= stop))
            {
                return;
            }

            var fireAt = due.Value!.Value;
            var wait = fireAt - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, ct);
            }

            await RunOneAsync(due.Key, fireAt, ct);
            now = _time.GetUtcNow();
            // Fire times at or after the stop time are not misfires: they were never meant to run in this session.
            var upTo = until is { } u && u <= now ? u.AddTicks(-1) : now;
            await CatchUpAsync(due.Key, fireAt, upTo, "overrun", ct);
            now = _time.GetUtcNow();
            next[due.Key] = due.Key.Next(now > fireAt ? now : fireAt);
        }
    }

    /// <summary>Handles fire times in (after, now] that did not run, by policy.</summary>
    private async Task CatchUpAsync(CronSchedule s, DateTimeOffset after, DateTimeOffset now, string cause, CancellationToken ct)
    {
        var (missed, total) = s.Between(after, now, MaxEnumerated);
        if (total == 0)
        {
            return;
        }

        var toRun = s.Misfire.ToRun(missed, _options.MaxCatchUp);
        var skipped = total - toRun.Count;
        _logger.LogWarning("Schedule {Name}: {Missed} fire time(s) missed ({Cause}, {First:u} .. {Last:u}); policy {Policy} runs {Run} and skips {Skipped}",
            s.Name, total, cause, missed[0], missed[^1], s.Misfire.ToWire(), toRun.Count, skipped);
        if (skipped > 0)
        {
            var state = await _state.GetAsync(s.Name, ct) ?? new ScheduleState { Name = s.Name };
            await _state.SaveAsync(state with { Skipped = state.Skipped + skipped, LastScheduled = toRun.Count == 0 ? missed[^1] : state.LastScheduled }, ct);
        }

        foreach (var t in toRun)
        {
            await RunOneAsync(s, t, ct);
        }
    }

    private async Task<ReportRunOutcome> RunOneAsync(CronSchedule s, DateTimeOffset scheduledFor, CancellationToken ct)
    {
        var inFlight = Interlocked.Increment(ref _running);
        InterlockedMax(ref _maxConcurrent, inFlight);
        var started = _time.GetUtcNow();
        ReportRunOutcome outcome;
        try
        {
            _logger.LogInformation("Schedule {Name}: run for {At:u} started", s.Name, scheduledFor);
            outcome = await _job.RunAsync(s.Options, scheduledFor, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // A failing run must not stop the scheduler: it is recorded and the next fire time runs as usual.
            _logger.LogError(ex, "Schedule {Name}: run for {At:u} failed", s.Name, scheduledFor);
            outcome = new ReportRunOutcome(false, null, ex.Message);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }

        var previous = await _state.GetAsync(s.Name, CancellationToken.None) ?? new ScheduleState { Name = s.Name };
        await _state.SaveAsync(previous with
        {
            LastScheduled = previous.LastScheduled is { } p && p > scheduledFor ? p : scheduledFor,
            LastStarted = started,
            LastFinished = _time.GetUtcNow(),
            LastStatus = outcome.Succeeded ? "ok" : "failed",
            LastReport = outcome.ReportDir ?? previous.LastReport,
            LastError = outcome.Error,
            Runs = previous.Runs + 1,
            Failures = previous.Failures + (outcome.Succeeded ? 0 : 1),
        }, CancellationToken.None);
        _logger.LogInformation("Schedule {Name}: run for {At:u} {Status} {Dir}", s.Name, scheduledFor, outcome.Succeeded ? "done" : "FAILED: " + outcome.Error, outcome.ReportDir);
        return outcome;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
