using System.CommandLine;
using System.Diagnostics;
using Marketing.Core.Brands;
using Marketing.Core.Domain;
using Marketing.Ingest;
using Marketing.Ingest.Pipeline;
using Microsoft.Extensions.Configuration;

namespace Marketing.Cli.Commands;

/// <summary><c>mkt ingest FILE...|-</c>: files in any supported format -> validated, normalized posts in the store.</summary>
public static class IngestCommands
{
    public static IEnumerable<Command> Create() => [Ingest()];

    private static Command Ingest()
    {
        var files = new Argument<string[]>("files") { Description = "Files to read (JSON, JSONL, X API v2, Twitter v1.1, Reddit, CSV, TSV; gzip or not), or - for stdin.", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string?>("--format") { Description = "auto (default), json (also jsonl), x-v2, twitter-v1, reddit, csv, tsv." };
        var map = new Option<string?>("--map") { Description = "CSV/TSV columns: field=column,... e.g. id=tweet_id,text=text,created_at=tweet_created,author=name." };
        var platform = new Option<string?>("--platform") { Description = "Platform of records that name none (CSV rows). Default: csv for CSV, unknown for JSON." };
        var rejects = new Option<string>("--rejects") { Description = "JSONL file that rejected records are appended to.", DefaultValueFactory = _ => "data/rejects.jsonl" };
        var batch = new Option<int?>("--batch") { Description = "Posts per batch written to the store (default 2000)." };
        var maxBytes = new Option<int?>("--max-record-bytes") { Description = "Reject records larger than this (default 1 MiB)." };
        var lang = new Option<string?>("--detect-language") { Description = "missing (default: only when the source gives none), always, off." };
        var json = JsonOption.Create();
        var cmd = new Command("ingest", "Read posts from files or stdin, validate and normalize them, store them once. Rejects go to --rejects and the store.")
        {
            files, format, map, platform, rejects, batch, maxBytes, lang, json,
        };

        return cmd.WithAction(async (ctx, parse, ct) =>
        {
            var paths = parse.GetValue(files) ?? [];
            var missing = IngestPipeline.MissingFiles(paths);
            if (missing.Count > 0)
            {
                foreach (var m in missing)
                {
                    await ctx.Error.WriteLineAsync($"mkt ingest: no such file '{m}'. Nothing was ingested.");
                }

                return ExitCodes.Failure;
            }

            var options = new IngestOptions();
            ctx.Configuration.GetSection(IngestOptions.SectionName).Bind(options);
            options.Map = parse.GetValue(map) ?? options.Map;
            options.DefaultPlatform = parse.GetValue(platform) ?? options.DefaultPlatform;
            options.LanguageDetection = parse.GetValue(lang) ?? options.LanguageDetection;
            if (parse.GetValue(batch) is { } b)
            {
                options.BatchSize = b is >= 1 and <= 1_000_000 ? b : throw new UsageException("--batch must be between 1 and 1000000.");
            }

            if (parse.GetValue(maxBytes) is { } mb)
            {
                options.MaxRecordBytes = mb >= 64 ? mb : throw new UsageException("--max-record-bytes must be at least 64.");
            }

            RecordDecoder decoder;
            try
            {
                var brands = ctx.TryLoadBrands();
                decoder = RecordDecoders.Create(options, brands is null ? null : new BrandMatcher(brands), parse.GetValue(format));
            }
            catch (ArgumentException ex)
            {
                throw new UsageException(ex.Message);
            }

            var store = await ctx.StoreAsync(ct);
            var progress = Stopwatch.StartNew();
            var pipeline = new IngestPipeline(store, decoder, await Enrichment.CreateAsync(ctx, ct), ctx.Logger<IngestPipeline>())
            {
                RejectsPath = parse.GetValue(rejects),
                OnBatch = s =>
                {
                    if (progress.Elapsed.TotalSeconds >= 1)
                    {
                        progress.Restart();
                        ctx.Error.WriteLine($"ingest: {s.Read:N0} read, {s.Stored:N0} stored, {s.Duplicates:N0} duplicates, {s.Rejected:N0} rejected ({s.PostsPerSecond:N0} posts/s)");
                    }
                },
            };

            IngestSummary summary;
            try
            {
                summary = await pipeline.IngestFilesAsync(paths, ct);
            }
            catch (ArgumentException ex)
            {
                // A --map naming a column the header lacks, or a CSV without an id/text/date column.
                throw new UsageException(ex.Message);
            }
            catch (InvalidDataException ex)
            {
                throw new UsageException(ex.Message);
            }

            if (parse.GetValue(json))
            {
                ctx.WriteJson(summary.ToJson());
            }
            else
            {
                ctx.Out.WriteLine($"read        {summary.Read:N0}");
                ctx.Out.WriteLine($"stored      {summary.Stored:N0}");
                ctx.Out.WriteLine($"duplicates  {summary.Duplicates:N0}");
                ctx.Out.WriteLine($"rejected    {summary.Rejected:N0}");
                foreach (var (reason, count) in summary.RejectedByReason)
                {
                    ctx.Out.WriteLine($"  {reason,-12}{count:N0}");
                }

                ctx.Out.WriteLine($"near-dups   {summary.NearDuplicates:N0}");
                ctx.Out.WriteLine($"time        {summary.Seconds:0.0} s ({summary.PostsPerSecond:N0} posts/s)");
            }

            if (summary.Rejected > 0)
            {
                await ctx.Error.WriteLineAsync($"Rejected records with reasons: {pipeline.RejectsPath} (and 'mkt stats').");
            }

            return ExitCodes.Ok;
        });
    }
}
