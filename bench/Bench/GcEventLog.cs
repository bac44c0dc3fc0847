using System.Diagnostics.Tracing;

namespace Marketing.Bench;

/// <summary>
/// Prints every garbage collection of this process as it ends (generation, reason, whether it was background or
/// blocking, pause, bytes promoted per generation), from the runtime's own events: to see which collections a
/// bench pays for and why. <c>mkt-bench ingest --gc-log</c>.
/// </summary>
internal sealed class GcEventLog : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly TextWriter _out;
    private long _startTicks;
    private string _start = "";

    public GcEventLog(TextWriter output)
    {
        _out = output;
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Informational, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        switch (e.EventName)
        {
            case "GCStart_V2":
                _startTicks = e.TimeStamp.Ticks;
                _start = $"#{Get(e, "Count")} gen{Get(e, "Depth")} {Reason(Get(e, "Reason"))} {(Get(e, "Type") == "1" ? "background" : "blocking")}";
                break;
            case "GCHeapStats_V2":
                _out.WriteLine($"gc {_start}: {(e.TimeStamp.Ticks - _startTicks) / 10_000.0:0.0} ms after start; promoted gen0 {Mb(e, "TotalPromotedSize0")}, gen1 {Mb(e, "TotalPromotedSize1")}, gen2 {Mb(e, "TotalPromotedSize2")} MB; sizes gen0 {Mb(e, "GenerationSize0")}, gen1 {Mb(e, "GenerationSize1")}, gen2 {Mb(e, "GenerationSize2")}, LOH {Mb(e, "GenerationSize3")} MB");
                break;
        }
    }

    private static string Get(EventWrittenEventArgs e, string name)
    {
        var i = e.PayloadNames?.IndexOf(name) ?? -1;
        return i >= 0 ? Convert.ToString(e.Payload![i], System.Globalization.CultureInfo.InvariantCulture) ?? "" : "?";
    }

    private static string Mb(EventWrittenEventArgs e, string name) =>
        double.TryParse(Get(e, name), System.Globalization.CultureInfo.InvariantCulture, out var bytes) ? (bytes / 1e6).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "?";

    private static string Reason(string code) => code switch
    {
        "0" => "alloc-small",
        "1" => "induced",
        "2" => "low-memory",
        "3" => "empty",
        "4" => "alloc-large",
        "5" => "oos-small",
        "6" => "oos-large",
        "7" => "induced-noforce",
        "8" => "stress",
        "9" => "low-memory-host",
        _ => "reason " + code,
    };
}
