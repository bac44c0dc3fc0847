namespace Marketing.Analysis.Trends;

/// <summary>
/// A brand's share of the conversation among itself and its competitors (from the watchlist), per bucket and overall.
/// </summary>
/// <param name="Group">The brand and its competitors, the denominators of the shares.</param>
/// <param name="Shares">Per bucket: the share of each brand of the group (0 when the group was silent).</param>
public sealed record ShareOfVoice(
    string Brand,
    IReadOnlyList<string> Group,
    IReadOnlyDictionary<string, double> Overall,
    IReadOnlyList<ShareOfVoicePoint> Shares);
