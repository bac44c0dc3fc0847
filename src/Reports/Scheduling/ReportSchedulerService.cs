using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketing.Reports.Scheduling;

/// <summary>Hosts <see cref="ReportScheduler"/> in a generic host (<c>mkt serve</c>); <c>mkt schedule</c> runs the same scheduler in the foreground.</summary>
public sealed class ReportSchedulerService(ReportScheduler scheduler, ILogger<ReportSchedulerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await scheduler.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Report scheduler stopped");
        }
    }
}
