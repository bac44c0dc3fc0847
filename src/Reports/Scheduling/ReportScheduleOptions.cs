namespace Marketing.Reports.Scheduling;

/// <summary>One scheduled report, from <c>Reports:Schedules</c>.</summary>
public sealed class ReportScheduleOptions
{
    /// <summary>Names the schedule, its state and its report folders (<c>NAME-20261130T070000Z</c>). Letters, digits, '-' and '_'.</summary>
    public string Name { get; set; } = "";

    /// <summary>Cron expression: 5 fields (minute hour day month weekday), or 6 with seconds first.</summary>
    public string Cron { get; set; } = "";

    /// <summary>IANA or Windows time-zone id the cron expression is read in; UTC by default.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Length of the reported period, ending at the fire time: 7d, 24h, 2w...</summary>
    public string Period { get; set; } = "7d";

    public string? Brand { get; set; }

    /// <summary>Folder that receives the report folders; retention works inside it.</summary>
    public string Out { get; set; } = "reports";

    /// <summary>Optional URL that gets a JSON summary (POST) after each report.</summary>
    public string? Webhook { get; set; }

    /// <summary>Report folders of this schedule to keep; older ones are deleted after a successful run. 0 keeps all.</summary>
    public int Keep { get; set; } = 10;

    /// <summary>Overrides <see cref="ReportsOptions.Misfire"/> for this schedule.</summary>
    public string? Misfire { get; set; }

    public string? Title { get; set; }
}
