namespace Marketing.Synth.Output;

/// <summary>What one <see cref="SynthWriter.Write"/> produced (the <c>mkt synth --json</c> summary).</summary>
public sealed class SynthRunSummary
{
    public int Posts { get; init; }

    public int Days { get; init; }

    public int Seed { get; init; }

    public DateTimeOffset Start { get; init; }

    public DateTimeOffset End { get; init; }

    public int Events { get; init; }

    public int Segments { get; init; }

    public int Brands { get; init; }

    public int Authors { get; init; }

    public int NonEnglish { get; init; }

    public Dictionary<string, int> Labels { get; init; } = [];

    public Dictionary<string, string> Files { get; init; } = [];

    public double Seconds { get; init; }

    public double PostsPerSecond { get; init; }
}
