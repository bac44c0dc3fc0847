namespace Marketing.Analysis.Trends;

/// <summary>A truth event and the detection matched to it (null when missed), with the peak error in buckets.</summary>
public sealed record EventMatch(ExpectedEvent Expected, DetectedEvent? Detected, double? PeakErrorBuckets);
