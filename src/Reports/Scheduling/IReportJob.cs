namespace Marketing.Reports.Scheduling;

/// <summary>The work a fire time triggers. The scheduler never runs two at once.</summary>
public interface IReportJob
{
    Task<ReportRunOutcome> RunAsync(ReportScheduleOptions schedule, DateTimeOffset scheduledFor, CancellationToken ct);
}
