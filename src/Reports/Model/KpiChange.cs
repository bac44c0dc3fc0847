namespace Marketing.Reports.Model;

/// <summary>
/// Change of a KPI against the previous period. <see cref="Percent"/> is relative change and is null when the previous
/// value is zero (a change from nothing has no meaningful percentage); <see cref="Absolute"/> is always defined.
/// Ratios such as net sentiment are compared in points (absolute), so <see cref="IsRatio"/> tells renderers which to show.
/// </summary>
public sealed record KpiChange(double Absolute, double? Percent, bool IsRatio)
{
    public static KpiChange Of(double current, double previous, bool isRatio = false)
    {
        var absolute = current - previous;
        double? percent = previous == 0 ? null : absolute / Math.Abs(previous) * 100.0;
        return new KpiChange(absolute, percent, isRatio);
    }

    /// <summary>"up", "down" or "flat".</summary>
    public string Direction => Absolute > 1e-9 ? "up" : Absolute < -1e-9 ? "down" : "flat";
}
