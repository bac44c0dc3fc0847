using System.Globalization;
using Marketing.Core.Storage;
using Marketing.Reports.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketing.Reports.Scheduling;

/// <summary>
/// The real scheduled work: writes the report for the period ending at the fire time into
/// <c>OUT/NAME-yyyyMMddTHHmmssZ</c> (atomically, through <see cref="ReportWriter"/>), applies retention, then delivers
/// the summary to the webhook when one is configured. A delivery failure is logged and never loses the report.
/// </summary>
public sealed class ReportScheduleJob : IReportJob
{
    private readonly IPostStore _store;
    private readonly ReportWriter _writer;
    private readonly WebhookDelivery? _webhook;
    private readonly string? _draftsDir;
    private readonly ILogger _logger;

    public ReportScheduleJob(IPostStore store, ReportWriter writer, WebhookDelivery? webhook = null, string? draftsDir = null, ILogger<ReportScheduleJob>? logger = null)
    {
        _store = store;
        _writer = writer;
        _webhook = webhook;
        _draftsDir = draftsDir;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public static string FolderName(string schedule, DateTimeOffset scheduledFor) =>
        schedule + "-" + scheduledFor.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    public async Task<ReportRunOutcome> RunAsync(ReportScheduleOptions schedule, DateTimeOffset scheduledFor, CancellationToken ct)
    {
        var length = ReportPeriod.ParseLength(schedule.Period);
        var dir = Path.Combine(schedule.Out, FolderName(schedule.Name, scheduledFor));
        var result = await _writer.WriteAsync(_store, new ReportRequest
        {
            OutDir = dir,
            Period = new TimeRange(scheduledFor - length, scheduledFor),
            Brand = schedule.Brand,
            DraftsDir = _draftsDir,
            Title = schedule.Title ?? $"Trend report: {schedule.Name}",
        }, ct);
        ApplyRetention(schedule.Out, schedule.Name, schedule.Keep, _logger);

        bool? delivered = null;
        if (schedule.Webhook is { Length: > 0 } url && _webhook is not null)
        {
            delivered = await _webhook.DeliverAsync(new Uri(url), WebhookDelivery.Summary(schedule.Name, scheduledFor, result), ct);
        }

        return new ReportRunOutcome(true, result.Dir, null, delivered);
    }

    /// <summary>Keeps the newest <paramref name="keep"/> report folders of a schedule (names sort by time); 0 keeps all.</summary>
    public static IReadOnlyList<string> ApplyRetention(string outDir, string schedule, int keep, ILogger? logger = null)
    {
        if (keep <= 0 || !Directory.Exists(outDir))
        {
            return [];
        }

        var prefix = schedule + "-";
        var dirs = Directory.EnumerateDirectories(outDir)
            .Where(d => Path.GetFileName(d) is { } n && n.StartsWith(prefix, StringComparison.Ordinal) && n.Length == prefix.Length + 16 && n.EndsWith('Z'))
            .Order(StringComparer.Ordinal)
            .ToList();
        var removed = dirs.Take(Math.Max(0, dirs.Count - keep)).ToList();
        foreach (var d in removed)
        {
            Directory.Delete(d, recursive: true);
            logger?.LogInformation("Retention: removed {Dir} (keeping the newest {Keep} of {Schedule})", d, keep, schedule);
        }

        return removed;
    }
}
