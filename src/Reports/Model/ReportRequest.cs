using Marketing.Core.Storage;

namespace Marketing.Reports.Model;

/// <summary>What to report on and where to write it.</summary>
public sealed record ReportRequest
{
    /// <summary>The folder that receives report.html, report.md, report.json and charts/. Created when missing.</summary>
    public required string OutDir { get; init; }

    /// <summary>The reported period [Start, End); KPIs compare it with the period of equal length just before.</summary>
    public required TimeRange Period { get; init; }

    /// <summary>Restricts every section to one brand id; null reports on all brands.</summary>
    public string? Brand { get; init; }

    /// <summary>A folder of draft exports (written by the generation step); its files are copied beside the report and linked.</summary>
    public string? DraftsDir { get; init; }

    public string Title { get; init; } = "Trend report";

    public int TopAuthors { get; init; } = 10;

    public int ExamplePostsPerBurst { get; init; } = 3;

    public int MaxDrafts { get; init; } = 10;

    public int MaxTopics { get; init; } = 10;
}
