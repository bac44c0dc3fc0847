using System.CommandLine;

namespace Marketing.Cli.Commands;

public static class JsonOption
{
    /// <summary>A fresh --json option (an option instance belongs to one command).</summary>
    public static Option<bool> Create() => new("--json") { Description = "Print one JSON object on stdout (snake_case keys)." };
}
