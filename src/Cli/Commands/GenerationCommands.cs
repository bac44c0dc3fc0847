using System.CommandLine;

namespace Marketing.Cli.Commands;

/// <summary>The commands of this area. Owned by the area; registered in <see cref="CliApp"/>.</summary>
public static class GenerationCommands
{
    public static IEnumerable<Command> Create() => [];
}
