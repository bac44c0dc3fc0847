using System.CommandLine;

namespace Marketing.Cli.Commands;

/// <summary>The Kafka commands (produce, consume, kafka dev). Owned by the Kafka area; registered in <see cref="CliApp"/>.</summary>
public static class KafkaCommands
{
    public static IEnumerable<Command> Create() => [];
}
