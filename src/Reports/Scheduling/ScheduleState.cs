namespace Marketing.Reports.Scheduling;

/// <summary>What the scheduler remembers about a schedule across restarts (store artifact kind <c>schedule-state</c>).</summary>
public sealed record ScheduleState
{
    public required string Name { get; init; }

    /// <summary>The fire time of the last run (the scheduled instant, not when it ran): catch-up starts after it.</summary>
    public DateTimeOffset? LastScheduled { get; init; }

    public DateTimeOffset? LastStarted { get; init; }

    public DateTimeOffset? LastFinished { get; init; }

    /// <summary><c>ok</c> or <c>failed</c>.</summary>
    public string? LastStatus { get; init; }

    public string? LastReport { get; init; }

    public string? LastError { get; init; }

    public long Runs { get; init; }

    public long Failures { get; init; }

    /// <summary>Fire times dropped by the misfire policy (downtime or overrun), in total.</summary>
    public long Skipped { get; init; }
}
