namespace Marketing.Reports.Scheduling;

/// <param name="Delivered">Whether the webhook accepted the summary; null when no webhook is configured.</param>
public sealed record ReportRunOutcome(bool Succeeded, string? ReportDir, string? Error, bool? Delivered = null);
