using System.CommandLine;
using Marketing.Core.Storage;
using Marketing.Reports;
using Marketing.Reports.Model;
using Marketing.Reports.Notebook;
using Marketing.Reports.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Marketing.Cli.Commands;

/// <summary>mkt report, mkt schedule, mkt export notebook.</summary>
public static class ReportCommands
{
    public static IEnumerable<Command> Create() => [Report(), Schedule(), Export()];

    private static Command Report()
    {
        var output = new Option<string>("--out", "-o") { Description = "Folder for report.html, report.md (+ charts/*.png), report.json. Created or updated atomically.", Required = true };
        var period = new Option<string?>("--period") { Description = "Length of the period, ending at --until: 7d, 24h, 2w. Default 7d." };
        var since = new Option<string?>("--since") { Description = "Start of the period (ISO 8601, inclusive)." };
        var until = new Option<string?>("--until") { Description = "End of the period (exclusive). Default: now, or the end of the day of the newest stored post if earlier." };
        var brand = new Option<string?>("--brand") { Description = "Report on one brand id only." };
        var drafts = new Option<string?>("--drafts") { Description = "Folder of draft exports to copy beside the report and link. Default: Reports:DraftsDir." };
        var title = new Option<string?>("--title") { Description = "Report title. Default 'Trend report'." };
        var json = JsonOption.Create();
        var cmd = new Command("report", "Write a trend report (HTML, Markdown with PNG charts, JSON) for a period, compared with the period before.")
        {
            output, period, since, until, brand, drafts, title, json,
        };
        cmd.WithAction(async (ctx, parse, ct) =>
        {
            if (parse.GetValue(period) is not null && parse.GetValue(since) is not null && parse.GetValue(until) is not null)
            {
                throw new UsageException("Give --period, or --since and --until, not all three.");
            }

            var length = parse.GetValue(period) is { } p ? ParseLength(p) : (TimeSpan?)null;
            var store = await ctx.StoreAsync(ct);
            var range = Resolve(parse.GetValue(since), parse.GetValue(until), length, await store.GetTimeSpanAsync(ct));
            var options = BindReports(ctx);
            var result = await new ReportWriter(TimeProvider.System, ctx.LoggerFactory).WriteAsync(store, new ReportRequest
            {
                OutDir = parse.GetValue(output)!,
                Period = range,
                Brand = parse.GetValue(brand),
                DraftsDir = parse.GetValue(drafts) ?? options.DraftsDir,
                Title = parse.GetValue(title) ?? "Trend report",
            }, ct);
            if (parse.GetValue(json))
            {
                ctx.WriteJson(ReportJson(result));
            }
            else
            {
                ctx.Out.WriteLine($"Report for {range.Start:u} .. {range.End:u} written in {result.Elapsed.TotalSeconds:0.0} s:");
                ctx.Out.WriteLine($"  html      {result.Html}");
                ctx.Out.WriteLine($"  markdown  {result.Markdown}");
                ctx.Out.WriteLine($"  json      {result.Json}");
                ctx.Out.WriteLine($"  {result.Data.Bursts.Count} burst(s), {result.Data.Topics.Count} topic(s), {result.Data.Segments.Count} segment(s), {result.Data.Drafts.Count} draft(s)");
            }

            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Schedule()
    {
        var once = new Option<bool>("--once") { Description = "Run every configured schedule once now (period ending now) and exit." };
        var until = new Option<string?>("--until") { Description = "Stop before the first fire time at or after this instant (ISO 8601)." };
        var json = JsonOption.Create();
        var cmd = new Command("schedule", "Run the report schedules from configuration (Reports:Schedules) in the foreground until Ctrl-C.") { once, until, json };
        cmd.WithAction(async (ctx, parse, ct) =>
        {
            var options = BindReports(ctx);
            if (options.Schedules.Count == 0)
            {
                throw new UsageException("No schedules configured. Add Reports:Schedules to appsettings.json (see docs/reports.md), e.g. MKT__Reports__Schedules__0__Name=weekly MKT__Reports__Schedules__0__Cron='0 7 * * MON'.");
            }

            var store = await ctx.StoreAsync(ct);
            ReportScheduler scheduler;
            try
            {
                scheduler = CreateScheduler(ctx, store, options);
            }
            catch (FormatException ex)
            {
                throw new UsageException(ex.Message);
            }

            if (parse.GetValue(once))
            {
                var outcomes = await scheduler.RunAllNowAsync(ct);
                if (parse.GetValue(json))
                {
                    ctx.WriteJson(new { runs = outcomes });
                }
                else
                {
                    foreach (var o in outcomes)
                    {
                        ctx.Out.WriteLine(o.Succeeded ? $"ok      {o.ReportDir}" : $"failed  {o.Error}");
                    }
                }

                return outcomes.All(o => o.Succeeded) ? ExitCodes.Ok : ExitCodes.Failure;
            }

            var stopAt = TimeArgument.Parse(parse.GetValue(until), "--until");
            try
            {
                await scheduler.RunAsync(ct, stopAt);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                ctx.Error.WriteLine("mkt schedule: stopped.");
            }

            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Export()
    {
        var output = new Option<string>("--out", "-o") { Description = "Folder for the tables (Parquet + CSV), data_dictionary.md/.json and analysis.ipynb.", Required = true };
        var since = new Option<string?>("--since") { Description = "Export posts created at or after this instant (ISO 8601). Default: all." };
        var until = new Option<string?>("--until") { Description = "Export posts created before this instant. Default: all." };
        var brand = new Option<string?>("--brand") { Description = "Export one brand's posts only." };
        var redact = new Option<bool>("--redact") { Description = $"Hash author ids and handles (salted SHA-256; salt from ${Redactor.SaltVariable} or random, never written) and strip e-mails, phone numbers and @handles from text." };
        var json = JsonOption.Create();
        var notebook = new Command("notebook", "Export posts, scores, trends, bursts, topics, segments and drafts for analysts, with a Jupyter notebook that reproduces the key charts.")
        {
            output, since, until, brand, redact, json,
        };
        notebook.WithAction(async (ctx, parse, ct) =>
        {
            var from = TimeArgument.Parse(parse.GetValue(since), "--since");
            var to = TimeArgument.Parse(parse.GetValue(until), "--until");
            var range = new TimeRange(from ?? TimeRange.All.Start, to ?? TimeRange.All.End);
            if (range.End <= range.Start)
            {
                throw new UsageException("--since must be before --until.");
            }

            var store = await ctx.StoreAsync(ct);
            var result = await new NotebookExporter(ctx.Logger<NotebookExporter>()).ExportAsync(store, new NotebookExportRequest
            {
                OutDir = parse.GetValue(output)!,
                Range = range,
                Brand = parse.GetValue(brand),
                Redact = parse.GetValue(redact),
            }, ct);
            if (parse.GetValue(json))
            {
                ctx.WriteJson(new { dir = result.Dir, notebook = result.Notebook, data_dictionary = result.DataDictionary, rows = result.Rows, files = result.Files, redacted = result.Redacted, seconds = result.Elapsed.TotalSeconds });
            }
            else
            {
                ctx.Out.WriteLine($"Notebook export written to {result.Dir}{(result.Redacted ? " (redacted)" : "")}:");
                ctx.Out.WriteLine($"  notebook    {result.Notebook}");
                ctx.Out.WriteLine($"  dictionary  {result.DataDictionary}");
                foreach (var (table, n) in result.Rows)
                {
                    ctx.Out.WriteLine($"  {table,-10}  {n,9:N0} rows");
                }
            }

            return ExitCodes.Ok;
        });
        return new Command("export", "Export data for analysts.") { notebook };
    }

    /// <summary>The same scheduler <c>mkt serve</c> hosts (see <see cref="Marketing.Reports.Extensions.AddReportScheduling"/>).</summary>
    private static ReportScheduler CreateScheduler(CliContext ctx, IPostStore store, ReportsOptions options) => new(
        options,
        new ReportScheduleJob(
            store,
            new ReportWriter(TimeProvider.System, ctx.LoggerFactory),
            new WebhookDelivery(new HttpClient(), options.WebhookRetryDelays, options.WebhookTimeout, TimeProvider.System, ctx.Logger<WebhookDelivery>()),
            options.DraftsDir,
            ctx.Logger<ReportScheduleJob>()),
        new ArtifactScheduleStateStore(store),
        TimeProvider.System,
        ctx.Logger<ReportScheduler>());

    private static ReportsOptions BindReports(CliContext ctx)
    {
        var options = new ReportsOptions();
        ctx.Configuration.GetSection(ReportsOptions.SectionName).Bind(options);
        return options;
    }

    private static TimeSpan ParseLength(string text)
    {
        try
        {
            return ReportPeriod.ParseLength(text);
        }
        catch (FormatException ex)
        {
            throw new UsageException("--period: " + ex.Message);
        }
    }

    private static TimeRange Resolve(string? since, string? until, TimeSpan? length, TimeRange? stored)
    {
        try
        {
            return ReportPeriod.Resolve(TimeArgument.Parse(since, "--since"), TimeArgument.Parse(until, "--until"), length, DateTimeOffset.UtcNow, stored);
        }
        catch (FormatException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    private static object ReportJson(ReportResult r) => new
    {
        dir = r.Dir,
        html = r.Html,
        markdown = r.Markdown,
        json = r.Json,
        charts = r.Charts,
        drafts = r.DraftFiles,
        period = new { start = r.Data.Period.Start, end = r.Data.Period.End },
        brand = r.Data.Brand,
        kpis = r.Data.Kpis,
        bursts = r.Data.Bursts.Count,
        topics = r.Data.Topics.Count,
        segments = r.Data.Segments.Count,
        seconds = r.Elapsed.TotalSeconds,
    };
}
