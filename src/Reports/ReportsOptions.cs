using Marketing.Reports.Scheduling;

namespace Marketing.Reports;

/// <summary>
/// Settings of the reports area, bound from the <c>Reports</c> configuration section (environment form:
/// <c>MKT__Reports__Schedules__0__Cron</c>).
/// </summary>
public sealed class ReportsOptions
{
    public const string SectionName = "Reports";

    public List<ReportScheduleOptions> Schedules { get; set; } = [];

    /// <summary>What to do with fire times missed while the scheduler was down or a run overran: skip, run-once or run-all.</summary>
    public string Misfire { get; set; } = "run-once";

    /// <summary>Bound on run-all: at most this many missed runs are caught up (the newest ones).</summary>
    public int MaxCatchUp { get; set; } = 5;

    /// <summary>Waits between webhook attempts; one attempt more than there are delays.</summary>
    public List<TimeSpan> WebhookRetryDelays { get; set; } = [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)];

    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Folder of draft exports that scheduled reports link (see the generation step).</summary>
    public string? DraftsDir { get; set; }
}
