namespace Marketing.Analysis.Trends;

/// <summary>
/// A series that started inside the window: it has no baseline, so its rise is reported as new rather than as a burst
/// of infinite size. Its first burn-in buckets are not tested.
/// </summary>
public sealed record NewSeries(string Kind, string Key, DateTimeOffset FirstSeen, DateTimeOffset BurnInEnd, long VolumeInBurnIn, long Total);
