namespace Marketing.Reports.Scheduling;

public static class MisfirePolicies
{
    public static MisfirePolicy Parse(string? text) =>
        (text ?? "").Trim().Replace("_", "-", StringComparison.Ordinal).ToLowerInvariant() switch
        {
            "skip" => MisfirePolicy.Skip,
            "run-once" or "runonce" or "once" or "" => MisfirePolicy.RunOnce,
            "run-all" or "runall" or "all" => MisfirePolicy.RunAll,
            _ => throw new FormatException($"Misfire policy '{text}' is unknown; use skip, run-once or run-all."),
        };

    public static string ToWire(this MisfirePolicy p) => p switch
    {
        MisfirePolicy.Skip => "skip",
        MisfirePolicy.RunOnce => "run-once",
        _ => "run-all",
    };

    /// <summary>The missed fire times to run now, oldest first, according to the policy.</summary>
    public static IReadOnlyList<DateTimeOffset> ToRun(this MisfirePolicy policy, IReadOnlyList<DateTimeOffset> missed, int maxCatchUp) => policy switch
    {
        _ when missed.Count == 0 => [],
        MisfirePolicy.Skip => [],
        MisfirePolicy.RunOnce => [missed[^1]],
        _ => missed.Skip(Math.Max(0, missed.Count - Math.Max(1, maxCatchUp))).ToList(),
    };
}
