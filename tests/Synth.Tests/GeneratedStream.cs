using Marketing.Synth.Output;

namespace Marketing.Synth.Tests;

/// <summary>A stream written to files, with the posts kept in memory for analysis.</summary>
internal sealed record GeneratedStream(SynthGenerator Generator, SynthFiles Files, SynthRunSummary Summary, List<SynthPost> Posts);
