namespace Marketing.Reports.Model;

/// <summary>Where a written report is. Paths are absolute.</summary>
public sealed record ReportResult(
    string Dir,
    string Html,
    string Markdown,
    string Json,
    IReadOnlyList<string> Charts,
    IReadOnlyList<string> DraftFiles,
    ReportData Data,
    TimeSpan Elapsed);
