using System.CommandLine;

namespace Marketing.Cli;

public static class CommandExtensions
{
    /// <summary>
    /// Sets an async action that gets a <see cref="CliContext"/> (configuration, logging, store) and returns an exit code.
    /// </summary>
    public static Command WithAction(this Command command, Func<CliContext, ParseResult, CancellationToken, Task<int>> action)
    {
        command.SetAction(async (parse, ct) =>
        {
            await using var context = new CliContext(parse);
            return await action(context, parse, ct);
        });
        return command;
    }
}
