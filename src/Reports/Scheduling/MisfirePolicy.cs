namespace Marketing.Reports.Scheduling;

/// <summary>What the scheduler does with fire times it missed (downtime, or a run that overran the next fire time).</summary>
public enum MisfirePolicy
{
    /// <summary>Missed fire times are logged and dropped; the next run is the next cron time.</summary>
    Skip,

    /// <summary>One run catches up, for the newest missed fire time.</summary>
    RunOnce,

    /// <summary>Every missed fire time runs, oldest first, bounded by <see cref="ReportsOptions.MaxCatchUp"/> (the newest are kept).</summary>
    RunAll,
}
