using System.Diagnostics;
using System.Text;
using Marketing.Core.Domain;
using Marketing.Core.Storage;
using Marketing.Reports.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketing.Reports.Notebook;

/// <summary>
/// Writes an analyst's export folder: every table as Parquet and CSV, data_dictionary.md/.json and analysis.ipynb.
/// Posts stream from the store (never all in memory). The folder appears atomically, complete or not at all.
/// </summary>
public sealed class NotebookExporter
{
    private readonly ILogger _logger;

    public NotebookExporter(ILogger<NotebookExporter>? logger = null)
    {
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public async Task<NotebookExportResult> ExportAsync(IPostStore store, NotebookExportRequest request, CancellationToken ct = default)
    {
        var sw = Stopwatch.StartNew();
        var redactor = !request.Redact ? null : request.Salt is { } salt ? new Redactor(salt) : Redactor.FromEnvironmentOrRandom();
        var brand = request.Brand?.ToLowerInvariant();
        var target = Path.GetFullPath(request.OutDir);
        var staging = AtomicDirectory.NewStaging(target);
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            await WritePostsAsync(store, request.Range, brand, redactor, staging, rows, ct);
            await WriteTrendsAsync(store, request.Range, brand, staging, rows, ct);
            await WriteArtifactsAsync(store, request.Range, brand, redactor, staging, rows, ct);
            await File.WriteAllTextAsync(Path.Combine(staging, "data_dictionary.md"), DataDictionary.Markdown(ExportTables.All, redactor is not null), new UTF8Encoding(false), ct);
            await File.WriteAllTextAsync(Path.Combine(staging, "data_dictionary.json"), DataDictionary.Json(ExportTables.All, redactor is not null), new UTF8Encoding(false), ct);
            await File.WriteAllTextAsync(Path.Combine(staging, "analysis.ipynb"), AnalysisNotebook.Build("Marketing analysis notebook", redactor is not null), new UTF8Encoding(false), ct);
            var files = Directory.EnumerateFiles(staging).Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(f => Path.Combine(target, f!)).ToList();
            AtomicDirectory.Commit(staging, target);
            _logger.LogInformation("Exported {Posts} posts and {Tables} tables to {Dir} in {Ms} ms{Redacted}", rows["posts"], rows.Count, target, sw.ElapsedMilliseconds, redactor is null ? "" : " (redacted)");
            return new NotebookExportResult(target, Path.Combine(target, "analysis.ipynb"), Path.Combine(target, "data_dictionary.md"), rows, files, redactor is not null, sw.Elapsed);
        }
        catch
        {
            AtomicDirectory.TryDelete(staging);
            throw;
        }
    }

    private async Task WritePostsAsync(IPostStore store, TimeRange range, string? brand, Redactor? redactor, string dir, Dictionary<string, long> rows, CancellationToken ct)
    {
        await using var posts = await TableWriter.CreateAsync(ExportTables.Posts, dir, ct);
        await using var scores = await TableWriter.CreateAsync(ExportTables.Scores, dir, ct);
        var query = new PostQuery { Since = range.Start, Until = range.End, Brand = brand, Limit = 0 };
        await foreach (var p in store.StreamPostsAsync(query, ct))
        {
            var s = p.Sentiment;
            await posts.AddAsync(
            [
                p.Platform,
                p.PostId,
                p.CreatedAt,
                redactor is null ? p.Author.Id : redactor.Hash(p.Author.Id),
                redactor is null ? p.Author.Handle : redactor.Hash(p.Author.Handle),
                p.Author.Followers,
                p.Language,
                redactor is null ? p.Text : redactor.Text(p.Text),
                p.Engagement.Likes,
                p.Engagement.Shares,
                p.Engagement.Replies,
                p.Engagement.Views,
                p.Engagement.Total,
                string.Join(' ', p.Hashtags),
                string.Join(' ', p.Brands),
                s?.Label.ToWire(),
                s is null ? null : (double)s.Negative,
                s is null ? null : (double)s.Neutral,
                s is null ? null : (double)s.Positive,
                s is null ? null : (double)s.Polarity,
                s?.Scorer,
            ], ct);
            foreach (var b in p.Brands)
            {
                var bs = p.BrandSentiments.FirstOrDefault(x => x.Brand == b);
                await scores.AddAsync([p.Platform, p.PostId, b, p.CreatedAt, bs?.Label.ToWire() ?? s?.Label.ToWire(), bs is not null ? bs.Polarity : s is null ? null : (double)s.Polarity], ct);
            }

            if (posts.Rows % 100_000 == 0)
            {
                _logger.LogInformation("Exported {Rows} posts", posts.Rows);
            }
        }

        rows["posts"] = posts.Rows;
        rows["scores"] = scores.Rows;
    }

    private static async Task WriteTrendsAsync(IPostStore store, TimeRange range, string? brand, string dir, Dictionary<string, long> rows, CancellationToken ct)
    {
        var buckets = await store.GetBrandBucketsAsync(range, TimeSpan.FromDays(1), brand, ct);
        var perDay = buckets.GroupBy(b => b.Start).ToDictionary(g => g.Key, g => g.Sum(b => b.Volume));
        await using var trends = await TableWriter.CreateAsync(ExportTables.Trends, dir, ct);
        foreach (var b in buckets)
        {
            var total = perDay[b.Start];
            await trends.AddAsync([b.Start, b.Brand, b.Volume, b.Positive, b.Neutral, b.Negative, b.NetSentiment, b.Engagement, total == 0 ? 0.0 : b.Volume / (double)total], ct);
        }

        rows["trends"] = trends.Rows;
    }

    private static async Task WriteArtifactsAsync(IPostStore store, TimeRange range, string? brand, Redactor? redactor, string dir, Dictionary<string, long> rows, CancellationToken ct)
    {
        string? Clean(string? text) => redactor is null ? text : redactor.Text(text);
        bool InScope(System.Text.Json.JsonElement e, bool timed)
        {
            var b = ArtifactJson.Str(e, "brand");
            if (brand is not null && b is not null && !string.Equals(b, brand, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            if (!timed || range == TimeRange.All)
            {
                return true;
            }

            var start = ArtifactJson.Time(e, "start", "started_at", "start_at", "from", "window_start");
            var end = ArtifactJson.Time(e, "end", "ended_at", "end_at", "to", "window_end");
            return (start is null && end is null) || ((start ?? end!.Value) < range.End && (end ?? start!.Value) >= range.Start);
        }

        await using (var bursts = await TableWriter.CreateAsync(ExportTables.Bursts, dir, ct))
        {
            foreach (var a in await store.ListArtifactsAsync(ReportDataBuilder.BurstKind, 10_000, ct))
            {
                foreach (var e in ArtifactJson.Items(a.Json, "bursts", "items").Where(e => InScope(e, true)))
                {
                    await bursts.AddAsync(
                    [
                        ArtifactJson.Str(e, "id") ?? a.Key,
                        ArtifactJson.Str(e, "brand", "brand_id"),
                        ArtifactJson.Str(e, "term", "key", "hashtag", "keyword", "topic", "label"),
                        ArtifactJson.Time(e, "start", "started_at", "start_at", "from", "window_start"),
                        ArtifactJson.Time(e, "end", "ended_at", "end_at", "to", "window_end"),
                        ArtifactJson.Num(e, "score", "z", "z_score", "zscore", "magnitude", "lift", "ratio"),
                        ArtifactJson.Long(e, "volume", "count", "posts", "peak_volume"),
                        Clean(ArtifactJson.Str(e, "explanation", "summary", "reason", "description", "why", "narrative")),
                    ], ct);
                }
            }

            rows["bursts"] = bursts.Rows;
        }

        await using (var topics = await TableWriter.CreateAsync(ExportTables.Topics, dir, ct))
        {
            // Topics come as single artifacts ("topic") or inside the topic step's report ("topic-report"), whose
            // window is the report's own.
            var topicArtifacts = (await store.ListArtifactsAsync(ReportDataBuilder.TopicKind, 10_000, ct))
                .Concat(await store.ListArtifactsAsync(ReportDataBuilder.TopicReportKind, 10_000, ct));
            foreach (var a in topicArtifacts)
            {
                using var doc = System.Text.Json.JsonDocument.Parse(a.Json);
                var root = doc.RootElement;
                var windowStart = root.ValueKind == System.Text.Json.JsonValueKind.Object ? ArtifactJson.Time(root, "since", "start") : null;
                var windowEnd = root.ValueKind == System.Text.Json.JsonValueKind.Object ? ArtifactJson.Time(root, "until", "end") : null;
                foreach (var e in ArtifactJson.Items(a.Json, "topics", "items", "emerging").Where(e => InScope(e, true)))
                {
                    var terms = ArtifactJson.Strings(e, ["terms", "keywords", "top_terms", "words", "hashtags"], "term", "word", "text");
                    await topics.AddAsync(
                    [
                        a.Key,
                        ArtifactJson.Str(e, "label", "name", "title", "topic"),
                        string.Join(", ", terms),
                        ArtifactJson.Long(e, "volume", "count", "size", "posts"),
                        ArtifactJson.Long(e, "previous_volume", "prev_volume", "baseline", "previous"),
                        ArtifactJson.Num(e, "growth", "change", "lift", "trend"),
                        ArtifactJson.Time(e, "start", "started_at", "start_at", "from", "window_start") ?? windowStart,
                        ArtifactJson.Time(e, "end", "ended_at", "end_at", "to", "window_end") ?? windowEnd,
                    ], ct);
                }
            }

            rows["topics"] = topics.Rows;
        }

        await using (var segments = await TableWriter.CreateAsync(ExportTables.Segments, dir, ct))
        {
            foreach (var a in await store.ListArtifactsAsync(ReportDataBuilder.SegmentKind, 10_000, ct))
            {
                foreach (var e in ArtifactJson.Items(a.Json, "segments", "items").Where(e => InScope(e, false)))
                {
                    await segments.AddAsync(
                    [
                        a.Key,
                        ArtifactJson.Str(e, "name", "label", "title", "id"),
                        Clean(ArtifactJson.Str(e, "description", "summary", "rationale")),
                        ArtifactJson.Long(e, "size", "count", "authors", "members"),
                        string.Join(", ", ArtifactJson.Strings(e, ["traits", "keywords", "terms", "interests", "top_terms", "hashtags"], "term", "name")),
                        Clean(string.Join(" | ", ArtifactJson.Strings(e, ["targeting", "suggestions", "targeting_suggestions", "recommendations", "ad_targeting"], "suggestion", "text", "description"))),
                    ], ct);
                }
            }

            rows["segments"] = segments.Rows;
        }

        await using (var drafts = await TableWriter.CreateAsync(ExportTables.Drafts, dir, ct))
        {
            foreach (var a in await store.ListArtifactsAsync(ReportDataBuilder.DraftKind, 10_000, ct))
            {
                foreach (var e in ArtifactJson.Items(a.Json, "drafts", "items", "variants").Where(e => InScope(e, false)))
                {
                    await drafts.AddAsync(
                    [
                        ArtifactJson.Str(e, "id", "draft_id") ?? a.Key,
                        ArtifactJson.Str(e, "brand"),
                        ArtifactJson.Str(e, "channel", "platform", "format"),
                        Clean(ArtifactJson.Str(e, "headline", "title", "subject")),
                        Clean(ArtifactJson.Str(e, "text", "body", "copy", "content", "message", "primary_text")),
                        ArtifactJson.Time(e, "created_at", "generated_at", "at") ?? a.UpdatedAt,
                        ArtifactJson.Str(e, "file", "path", "export_path"),
                    ], ct);
                }
            }

            rows["drafts"] = drafts.Rows;
        }
    }
}
