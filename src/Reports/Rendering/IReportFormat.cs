using Marketing.Reports.Charts;
using Marketing.Reports.Model;

namespace Marketing.Reports.Rendering;

/// <summary>One output format of a report, written into the (staging) report folder.</summary>
public interface IReportFormat
{
    /// <summary>The file name it writes, e.g. report.html.</summary>
    string FileName { get; }

    /// <param name="charts">Charts already written under <c>charts/NAME.png</c> and <c>charts/NAME.svg</c> in <paramref name="dir"/>.</param>
    Task WriteAsync(ReportData data, IReadOnlyList<ChartImage> charts, string dir, CancellationToken ct);
}
