using Marketing.Core.Storage;
using Marketing.Reports.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketing.Reports;

public static class Extensions
{
    /// <summary>
    /// Registers the report scheduler as a hosted service, configured from <c>Reports</c>. Needs an
    /// <see cref="IPostStore"/> singleton in the container (the web host registers one).
    /// </summary>
    public static IHostApplicationBuilder AddReportScheduling(this IHostApplicationBuilder builder)
    {
        var options = new ReportsOptions();
        builder.Configuration.GetSection(ReportsOptions.SectionName).Bind(options);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(sp => new ReportScheduler(
            options,
            new ReportScheduleJob(
                sp.GetRequiredService<IPostStore>(),
                new ReportWriter(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()),
                new WebhookDelivery(new HttpClient(), options.WebhookRetryDelays, options.WebhookTimeout, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<WebhookDelivery>>()),
                options.DraftsDir,
                sp.GetRequiredService<ILogger<ReportScheduleJob>>()),
            new ArtifactScheduleStateStore(sp.GetRequiredService<IPostStore>()),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ReportScheduler>>()));
        builder.Services.AddHostedService<ReportSchedulerService>();
        return builder;
    }
}
