using System.Diagnostics;
using Marketing.Core.Storage;
using Marketing.Reports.Charts;
using Marketing.Reports.Data;
using Marketing.Reports.Model;
using Marketing.Reports.Rendering;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketing.Reports;

/// <summary>
/// Writes a report folder: report.html (self-contained), report.md + charts/*.png, report.json, charts/*.svg and
/// drafts/ (copies of the draft exports it links). Everything is written to a hidden staging folder beside the target
/// first and moved into place only when complete, so a reader never sees a half-written report and a failed render
/// leaves nothing behind.
/// </summary>
public sealed class ReportWriter
{
    private static readonly string[] TextDraftExtensions = [".txt", ".md", ".csv", ".json", ".jsonl", ".html"];

    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<IReportFormat> _formats;

    public ReportWriter(TimeProvider? time = null, ILoggerFactory? loggers = null, IReadOnlyList<IReportFormat>? formats = null)
    {
        _time = time ?? TimeProvider.System;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _logger = _loggers.CreateLogger<ReportWriter>();
        _formats = formats ?? DefaultFormats;
    }

    public static IReadOnlyList<IReportFormat> DefaultFormats { get; } = [new HtmlReportFormat(), new MarkdownReportFormat(), new JsonReportFormat()];

    /// <summary>Builds the report data from the store and writes the folder.</summary>
    public async Task<ReportResult> WriteAsync(IPostStore store, ReportRequest request, CancellationToken ct = default)
    {
        var sw = Stopwatch.StartNew();
        var data = await new ReportDataBuilder(store, _time, _loggers.CreateLogger<ReportDataBuilder>()).BuildAsync(request, ct);
        _logger.LogInformation("Report data ready in {Ms} ms", sw.ElapsedMilliseconds);
        var result = await WriteAsync(data, request.OutDir, request.DraftsDir, ct);
        return result with { Elapsed = sw.Elapsed };
    }

    /// <summary>Renders data already built (e.g. by a test or the web host) into <paramref name="outDir"/>.</summary>
    public async Task<ReportResult> WriteAsync(ReportData data, string outDir, string? draftsDir = null, CancellationToken ct = default)
    {
        var sw = Stopwatch.StartNew();
        var target = Path.GetFullPath(outDir);
        var staging = AtomicDirectory.NewStaging(target);
        try
        {
            var drafts = CopyDrafts(data.Drafts, draftsDir, staging);
            data = data with { Drafts = drafts.Items };
            var charts = ReportCharts.Render(data);
            var chartDir = Directory.CreateDirectory(Path.Combine(staging, "charts")).FullName;
            foreach (var c in charts)
            {
                await File.WriteAllBytesAsync(Path.Combine(chartDir, c.Name + ".png"), c.Png, ct);
                await File.WriteAllTextAsync(Path.Combine(chartDir, c.Name + ".svg"), c.Svg, ct);
            }

            foreach (var format in _formats)
            {
                ct.ThrowIfCancellationRequested();
                await format.WriteAsync(data, charts, staging, ct);
            }

            AtomicDirectory.Commit(staging, target);
            _logger.LogInformation("Wrote report {Dir} in {Ms} ms", target, sw.ElapsedMilliseconds);
            return new ReportResult(
                target,
                Path.Combine(target, "report.html"),
                Path.Combine(target, "report.md"),
                Path.Combine(target, "report.json"),
                charts.SelectMany(c => new[] { Path.Combine(target, "charts", c.Name + ".png"), Path.Combine(target, "charts", c.Name + ".svg") }).ToList(),
                drafts.Files.Select(f => Path.Combine(target, f)).ToList(),
                data,
                sw.Elapsed);
        }
        catch
        {
            AtomicDirectory.TryDelete(staging);
            throw;
        }
    }

    private sealed record DraftCopies(IReadOnlyList<DraftItem> Items, IReadOnlyList<string> Files);

    /// <summary>
    /// Copies the draft export files into drafts/ so the report's links keep working when the folder is moved or
    /// mailed; drafts stored as artifacts link to their file when it exists, and export files no artifact names are
    /// listed as drafts of their own.
    /// </summary>
    private DraftCopies CopyDrafts(IReadOnlyList<DraftItem> drafts, string? draftsDir, string staging)
    {
        var items = new List<DraftItem>();
        var files = new List<string>();
        var copied = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Copy(string source)
        {
            var full = Path.GetFullPath(source);
            if (copied.TryGetValue(full, out var rel))
            {
                return rel;
            }

            if (!File.Exists(full))
            {
                return null;
            }

            var name = Path.GetFileName(full);
            rel = "drafts/" + name;
            for (var i = 2; files.Contains(rel); i++)
            {
                rel = $"drafts/{Path.GetFileNameWithoutExtension(name)}-{i}{Path.GetExtension(name)}";
            }

            Directory.CreateDirectory(Path.Combine(staging, "drafts"));
            File.Copy(full, Path.Combine(staging, rel));
            copied[full] = rel;
            files.Add(rel);
            return rel;
        }

        foreach (var d in drafts)
        {
            string? rel = null;
            if (d.File is { Length: > 0 } f)
            {
                rel = Copy(Path.IsPathRooted(f) || draftsDir is null ? f : Path.Combine(draftsDir, f)) ?? (draftsDir is null ? null : Copy(Path.Combine(draftsDir, Path.GetFileName(f))));
                if (rel is null)
                {
                    _logger.LogWarning("Draft {Key} names export {File}, which is not there; it is listed without a link", d.Key, f);
                }
            }

            items.Add(d with { File = rel });
        }

        if (draftsDir is not null && Directory.Exists(draftsDir))
        {
            foreach (var file in Directory.EnumerateFiles(draftsDir).Order(StringComparer.Ordinal).Take(200))
            {
                if (copied.ContainsKey(Path.GetFullPath(file)) || Path.GetFileName(file).StartsWith('.'))
                {
                    continue;
                }

                var rel = Copy(file)!;
                var preview = TextDraftExtensions.Contains(Path.GetExtension(file).ToLowerInvariant()) ? Preview(file) : "";
                items.Add(new DraftItem(Path.GetFileName(file), null, null, Path.GetFileName(file), preview, File.GetLastWriteTimeUtc(file), rel));
            }
        }
        else if (draftsDir is not null)
        {
            _logger.LogWarning("Drafts folder {Dir} does not exist; the report lists stored drafts only", draftsDir);
        }

        return new DraftCopies(items, files);
    }

    private static string Preview(string file)
    {
        using var reader = new StreamReader(file);
        var buffer = new char[400];
        var n = reader.ReadBlock(buffer, 0, buffer.Length);
        return new string(buffer, 0, n) + (n == buffer.Length ? "…" : "");
    }
}
