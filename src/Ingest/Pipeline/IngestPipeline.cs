using System.Diagnostics;
using System.Threading.Channels;
using Marketing.Core.Domain;
using Marketing.Core.Storage;
using Marketing.Ingest.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketing.Ingest.Pipeline;

/// <summary>
/// File -> decoder -> enrichers (sentiment) -> store, with rejects to a JSONL file and the store, and a summary.
/// Decoding (and, without enrichers, the store's preparation) of the next batch overlaps the write of the current one. Used by <c>mkt ingest</c>, the demo and the web host.
/// </summary>
public sealed class IngestPipeline(IPostStore store, RecordDecoder decoder, IEnumerable<IPostEnricher>? enrichers = null, ILogger<IngestPipeline>? logger = null)
{
    private readonly IReadOnlyList<IPostEnricher> _enrichers = enrichers?.ToList() ?? [];
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    /// <summary>JSONL file that rejects are appended to; null writes them to the store only.</summary>
    public string? RejectsPath { get; init; }

    /// <summary>Called after each batch is written, with the running totals (for progress on stderr).</summary>
    public Action<IngestSummary>? OnBatch { get; init; }

    public Func<Stream>? Stdin { get; init; }

    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Paths (other than <c>-</c>) that do not exist: check before starting so a typo fails fast.</summary>
    public static IReadOnlyList<string> MissingFiles(IEnumerable<string> paths) =>
        paths.Where(p => p != InputOpener.Stdin && !File.Exists(p)).ToList();

    public async Task<IngestSummary> IngestFilesAsync(IReadOnlyList<string> paths, CancellationToken ct = default)
    {
        var missing = MissingFiles(paths);
        if (missing.Count > 0)
        {
            throw new FileNotFoundException($"No such file: {string.Join(", ", missing)}. Nothing was ingested.", missing[0]);
        }

        var summary = new IngestSummary();
        var clock = Stopwatch.StartNew();
        await using var rejectsFile = RejectsPath is null ? null : new RejectsWriter(RejectsPath);
        var files = new FileDecoder(decoder, _logger) { Stdin = Stdin, Parallelism = Parallelism };

        // Two batches in flight: one being decoded while the previous one is enriched and written.
        var channel = Channel.CreateBounded<DecodedBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var path in paths)
                {
                    await foreach (var batch in files.ReadAsync(path, ct))
                    {
                        // Without enrichers the posts are final once decoded: the store's per-post preparation
                        // (validation, rows, encoding) runs here, off the writer, which is left only the statements.
                        await channel.Writer.WriteAsync(_enrichers.Count == 0 && batch.Posts.Count > 0 ? batch with { Prepared = store.Prepare(batch.Posts) } : batch, ct);
                    }
                }

                channel.Writer.Complete();
            }
            catch (Exception ex)
            {
                channel.Writer.Complete(ex);
            }
        }, ct);

        string? currentFile = null;
        await foreach (var batch in channel.Reader.ReadAllAsync(ct))
        {
            if (batch.File != currentFile)
            {
                currentFile = batch.File;
                summary.Files++;
            }

            await WriteBatchAsync(batch, summary, rejectsFile, ct);
            summary.Seconds = clock.Elapsed.TotalSeconds;
            OnBatch?.Invoke(summary);
        }

        await producer;
        summary.Seconds = clock.Elapsed.TotalSeconds;
        _logger.LogInformation("Ingest done: {Summary}", summary.ToString());
        return summary;
    }

    private async Task WriteBatchAsync(DecodedBatch batch, IngestSummary summary, RejectsWriter? rejectsFile, CancellationToken ct)
    {
        if (batch.Posts.Count > 0)
        {
            foreach (var enricher in _enrichers)
            {
                await enricher.EnrichAsync(batch.Posts, ct);
            }

            UpsertResult result;
            if (batch.Prepared is { } prepared)
            {
                using (prepared)
                {
                    result = await store.UpsertPreparedAsync(prepared, ct);
                }
            }
            else
            {
                result = await store.UpsertPostsAsync(batch.Posts, ct);
            }

            summary.Stored += result.Inserted;
            summary.Duplicates += result.Updated;
            summary.NearDuplicates += batch.Posts.Count(p => p.NearDuplicateOf is not null);
        }

        if (batch.Rejects.Count > 0)
        {
            if (rejectsFile is not null)
            {
                await rejectsFile.WriteAsync(batch.Rejects, ct);
            }

            await store.AddRejectsAsync(batch.Rejects, ct);
            summary.AddRejects(batch.Rejects);
        }
    }
}
