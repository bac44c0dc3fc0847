using System.CommandLine;
using Marketing.Analysis.Sentiment;
using Marketing.Core.Brands;
using Marketing.Core.Domain;
using Marketing.Core.Storage;
using Marketing.Ingest;
using Marketing.Ingest.Kafka;
using Marketing.Llm;
using Marketing.Reports;
using Marketing.Reports.Scheduling;
using Marketing.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketing.Cli.Commands;

/// <summary><c>mkt serve</c>: the dashboard and JSON API, plus the Kafka consumer and report scheduler when configured.</summary>
public static class WebCommands
{
    public static IEnumerable<Command> Create() => [Serve()];

    private static Command Serve()
    {
        var urls = new Option<string?>("--urls") { Description = "Where to listen, ';'-separated. Default: Web:Urls (http://127.0.0.1:5080). Beyond loopback, MKT_WEB_TOKEN is required." };
        var reports = new Option<string?>("--reports") { Description = "Folder of reports to list and serve. Default: Web:ReportsDir (reports)." };
        var cmd = new Command("serve", "Dashboard pages and JSON API on Kestrel (loopback by default); also hosts the Kafka consumer and report schedules when configured.")
        {
            urls, reports,
        };
        return cmd.WithAction(async (ctx, parse, ct) =>
        {
            var options = new WebOptions();
            ctx.Configuration.GetSection(WebOptions.SectionName).Bind(options);
            options.Token = null; // never from files
            if (Environment.GetEnvironmentVariable("MKT_WEB_TOKEN") is { Length: > 0 } token)
            {
                options.Token = token;
            }

            if (parse.GetValue(urls) is { Length: > 0 } u)
            {
                options.Urls = u;
            }

            if (parse.GetValue(reports) is { Length: > 0 } r)
            {
                options.ReportsDir = r;
            }

            // Fail before opening anything when the bind needs a token.
            Marketing.Web.Security.AccessPolicy.Check(options.Urls, options.Token);

            var store = await ctx.StoreAsync(ct);
            var llm = LlmClientFactory.Create(ctx.Configuration, ctx.LoggerFactory, store);
            var watchlist = ctx.TryLoadBrands();
            var matcher = watchlist is null ? null : new BrandMatcher(watchlist);
            var scorer = File.Exists(ctx.Options.Model) ? SentimentScorer.Load(ctx.Options.Model, matcher, null, ctx.LoggerFactory) : null;
            ILlmClient? ingestLlm = null;
            var (hosted, notes) = HostedServices(ctx, store, matcher, await Enrichment.CreateAsync(ctx, c => ingestLlm = c, ct));
            var services = new WebServices
            {
                Store = store,
                Llm = llm,
                Sentiment = scorer,
                Watchlist = watchlist,
                HostedServices = hosted,
                MeteredLlms = ingestLlm is null ? [] : [("ingest", ingestLlm)],
                DisplaySettings = new Dictionary<string, string>
                {
                    ["Urls"] = options.Urls,
                    ["Access token"] = options.Token is null ? "not set (loopback only)" : "set (from MKT_WEB_TOKEN)",
                    ["Model"] = scorer is null ? $"{ctx.Options.Model} (missing: run 'mkt train')" : ctx.Options.Model,
                    ["Brands"] = watchlist is null ? $"{ctx.Options.Brands} (missing)" : ctx.Options.Brands,
                    ["Reports folder"] = options.ReportsDir,
                    ["Hosted"] = notes.Count == 0 ? "none" : string.Join(", ", notes),
                },
            };

            await using var app = WebApp.Build(services, options, ctx.LoggerFactory);
            await app.StartAsync(ct);
            foreach (var address in WebApp.Addresses(app))
            {
                await ctx.Error.WriteLineAsync($"serve: listening on {address}");
            }

            foreach (var note in notes)
            {
                await ctx.Error.WriteLineAsync($"serve: hosting {note}");
            }

            await ctx.Error.WriteLineAsync("serve: press Ctrl-C to stop");
            try
            {
                await app.WaitForShutdownAsync(ct);
            }
            catch (OperationCanceledException)
            {
            }

            await app.StopAsync(CancellationToken.None);
            return ExitCodes.Ok;
        });
    }

    /// <summary>The Kafka consumer (when Kafka:BootstrapServers/Topic are configured) and the report scheduler (when Reports:Schedules has entries).</summary>
    private static (IReadOnlyList<Func<IServiceProvider, IHostedService>> Services, IReadOnlyList<string> Notes) HostedServices(CliContext ctx, IPostStore store, BrandMatcher? matcher, IReadOnlyList<IPostEnricher> enrichers)
    {
        var list = new List<Func<IServiceProvider, IHostedService>>();
        var notes = new List<string>();
        var kafka = ctx.Configuration.GetSection(KafkaOptions.SectionName);
        if (kafka["BootstrapServers"] is { Length: > 0 } && kafka["Topic"] is { Length: > 0 })
        {
            var options = KafkaOptions.FromConfiguration(ctx.Configuration);
            if (options.IsEmbedded)
            {
                notes.Add("no Kafka consumer (the embedded mock cluster is for 'mkt consume' only)");
            }
            else
            {
                var ingest = new IngestOptions();
                ctx.Configuration.GetSection(IngestOptions.SectionName).Bind(ingest);
                var decoder = RecordDecoders.Create(ingest, matcher, null);
                list.Add(sp => new KafkaConsumerService(options, decoder, enrichers, store, ctx.Logger<KafkaConsumerService>(), sp.GetService<IHostApplicationLifetime>()));
                notes.Add($"Kafka consumer of '{options.Topic}' at {options.BootstrapServers}");
            }
        }

        var reports = new ReportsOptions();
        ctx.Configuration.GetSection(ReportsOptions.SectionName).Bind(reports);
        if (reports.Schedules.Count > 0)
        {
            var scheduler = new ReportScheduler(
                reports,
                new ReportScheduleJob(
                    store,
                    new ReportWriter(TimeProvider.System, ctx.LoggerFactory),
                    new WebhookDelivery(new HttpClient(), reports.WebhookRetryDelays, reports.WebhookTimeout, TimeProvider.System, ctx.Logger<WebhookDelivery>()),
                    reports.DraftsDir,
                    ctx.Logger<ReportScheduleJob>()),
                new ArtifactScheduleStateStore(store),
                TimeProvider.System,
                ctx.Logger<ReportScheduler>());
            list.Add(_ => new ReportSchedulerService(scheduler, ctx.Logger<ReportSchedulerService>()));
            notes.Add($"report scheduler ({reports.Schedules.Count} schedule(s))");
        }

        return (list, notes);
    }
}
