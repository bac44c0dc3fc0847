namespace Marketing.Analysis.Trends;

/// <summary>
/// Detection scored against truth. <see cref="Recall"/>: truth events matched by at least one detection.
/// <see cref="Precision"/>: detections that match at least one truth event. <see cref="PeakErrorBuckets"/>: the mean
/// |detected peak − true peak| in buckets over matched events (each with its closest match).
/// </summary>
public sealed record TrendEvaluation(
    double Recall,
    double Precision,
    double PeakErrorBuckets,
    double MaxPeakErrorBuckets,
    int Events,
    int Detected,
    int MatchedEvents,
    int CorrectDetections,
    IReadOnlyList<EventMatch> Matches,
    IReadOnlyList<DetectedEvent> FalsePositives);
