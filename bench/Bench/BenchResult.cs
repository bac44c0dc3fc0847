using System.Text.Json;
using Marketing.Core.Json;

namespace Marketing.Bench;

/// <summary>Writes a benchmark's figures to stdout and to bench/results/NAME.json, so the README can quote them.</summary>
public static class BenchResult
{
    public static void Write(string name, object figures)
    {
        var json = SnakeCaseJson.Serialize(figures, indented: true);
        Console.WriteLine(json);
        var dir = Path.Combine(Directory.GetCurrentDirectory(), "bench", "results");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, name + ".json"), json);
        Console.Error.WriteLine($"wrote bench/results/{name}.json");
    }

    /// <summary>Machine facts printed with every result: figures from different machines are not comparable.</summary>
    public static object Machine() => new
    {
        cores = Environment.ProcessorCount,
        os = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        runtime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        when = DateTimeOffset.UtcNow,
        // A busy machine gives slower figures: the 1-minute load average says how quiet it was.
        load_average_1m = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : null,
    };

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
