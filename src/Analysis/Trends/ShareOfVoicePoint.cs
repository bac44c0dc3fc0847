namespace Marketing.Analysis.Trends;

public sealed record ShareOfVoicePoint(DateTimeOffset Start, long GroupVolume, IReadOnlyDictionary<string, double> Shares);
