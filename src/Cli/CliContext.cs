using System.CommandLine;
using Marketing.Core.Brands;
using Marketing.Core.Configuration;
using Marketing.Core.Json;
using Marketing.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Marketing.Cli;

/// <summary>
/// What a command needs from its surroundings: configuration (appsettings.json, then MKT__ environment variables,
/// then options), logging to stderr, the store and the watchlist. Results go to stdout; logs and progress to stderr.
/// </summary>
public sealed class CliContext : IAsyncDisposable
{
    private readonly ParseResult _parse;
    private IPostStore? _store;

    public CliContext(ParseResult parse)
    {
        _parse = parse;
        Configuration = BuildConfiguration();
        Options = new MarketingOptions();
        Configuration.GetSection(MarketingOptions.SectionName).Bind(Options);
        if (Environment.GetEnvironmentVariable("MKT_DB") is { Length: > 0 } envDb)
        {
            Options.Db = envDb;
        }

        if (Environment.GetEnvironmentVariable("MKT_BRANDS") is { Length: > 0 } envBrands)
        {
            Options.Brands = envBrands;
        }

        if (parse.GetValue(GlobalOptions.Db) is { Length: > 0 } db)
        {
            Options.Db = db;
        }

        if (parse.GetValue(GlobalOptions.Brands) is { Length: > 0 } brands)
        {
            Options.Brands = brands;
        }

        var verbose = parse.GetValue(GlobalOptions.Verbose);
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(b =>
        {
            b.AddConfiguration(Configuration.GetSection("Logging"));
            // Logs go to stderr so that stdout carries only results (--json output stays parseable).
            b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            b.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
            b.AddFilter((_, level) => level >= (verbose ? LogLevel.Debug : LogLevel.Information));
        });
    }

    public IConfiguration Configuration { get; }

    public MarketingOptions Options { get; }

    public ILoggerFactory LoggerFactory { get; }

    public ParseResult Parse => _parse;

    public TextWriter Out { get; init; } = Console.Out;

    public TextWriter Error { get; init; } = Console.Error;

    public ILogger<T> Logger<T>() => LoggerFactory.CreateLogger<T>();

    /// <summary>Opens the configured store once (migrations apply on open).</summary>
    public async Task<IPostStore> StoreAsync(CancellationToken ct)
    {
        return _store ??= await StoreFactory.OpenAsync(Options.Db, LoggerFactory, ct);
    }

    public BrandWatchlist LoadBrands() => BrandWatchlist.Load(Options.Brands);

    public BrandWatchlist? TryLoadBrands() => File.Exists(Options.Brands) ? BrandWatchlist.Load(Options.Brands) : null;

    /// <summary>Prints one JSON object on stdout, snake_case keys.</summary>
    public void WriteJson<T>(T value) => Out.WriteLine(SnakeCaseJson.Serialize(value));

    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        LoggerFactory.Dispose();
    }

    private static IConfiguration BuildConfiguration()
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables("MKT__");
        return builder.Build();
    }
}
