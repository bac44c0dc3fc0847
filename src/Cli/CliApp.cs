using System.CommandLine;
using Marketing.Cli.Commands;

namespace Marketing.Cli;

/// <summary>Builds the <c>mkt</c> command tree. Each area adds its commands from its own file in Commands/.</summary>
public static class CliApp
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("mkt: social-media analytics. Ingest posts, score sentiment, find trends, draft campaign copy, write reports.");
        foreach (var option in GlobalOptions.All)
        {
            root.Options.Add(option);
        }

        IEnumerable<Command>[] groups =
        [
            CoreCommands.Create(),
            SynthCommands.Create(),
            IngestCommands.Create(),
            KafkaCommands.Create(),
            StatusCommands.Create(),
            SentimentCommands.Create(),
            TrendCommands.Create(),
            GenerationCommands.Create(),
            ReportCommands.Create(),
            WebCommands.Create(),
            DemoCommands.Create(),
        ];
        foreach (var command in groups.SelectMany(g => g))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>Exit codes: 0 ok, 1 failure, 2 usage.</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken ct = default)
    {
        var root = BuildRoot();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"mkt: {error.Message}");
            }

            await Console.Error.WriteLineAsync("Run 'mkt --help' (or 'mkt COMMAND --help') for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, ct);
        }
        catch (UsageException ex)
        {
            await Console.Error.WriteLineAsync($"mkt: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("mkt: cancelled.");
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is FormatException or FileNotFoundException or DirectoryNotFoundException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"mkt: {ex.Message}");
            return ExitCodes.Failure;
        }
    }
}
