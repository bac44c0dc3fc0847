namespace Marketing.Reports.Model;

/// <summary>
/// A brand's net sentiment now against the previous period. <see cref="Significant"/> marks shifts a reader should
/// look at: at least <see cref="ReportThresholds.SentimentShiftPoints"/> points on enough mentions in both periods.
/// </summary>
public sealed record SentimentShift(string Brand, double Previous, double Current, double Delta, long Volume, long PreviousVolume, bool Significant)
{
    public string Direction => Delta > 0 ? "improved" : Delta < 0 ? "worsened" : "unchanged";
}
