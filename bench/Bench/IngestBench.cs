using System.CommandLine;

namespace Marketing.Bench;

/// <summary>Benchmarks of this area, owned by the area.</summary>
public static class IngestBench
{
    public static IEnumerable<Command> Create() => [];
}
