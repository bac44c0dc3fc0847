namespace Marketing.Reports.Model;

/// <summary>A brand's mentions as a share of all watched-brand mentions in the period (0..1), and in the previous period.</summary>
public sealed record ShareOfVoiceItem(string Brand, long Volume, double Share, double PreviousShare);
