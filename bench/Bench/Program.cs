using System.CommandLine;
using Marketing.Bench;

var root = new RootCommand("mkt-bench: measures throughput side by side with named peers. Results go to bench/results/ and stdout.");
IEnumerable<Command>[] groups =
[
    StoreBench.Create(),
    SynthBench.Create(),
    IngestBench.Create(),
    KafkaBench.Create(),
    SentimentBench.Create(),
    SentimentTuneBench.Create(),
    PipelineBench.Create(),
    TrendBench.Create(),
    ReportBench.Create(),
    WebBench.Create(),
];
foreach (var c in groups.SelectMany(g => g))
{
    root.Subcommands.Add(c);
}

return await root.Parse(args).InvokeAsync();
