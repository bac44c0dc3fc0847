namespace Marketing.Analysis.Sentiment;

/// <summary>A trained model and how it measured on the held-out part of its data.</summary>
public sealed record SentimentTrainingResult(SentimentModel Model, SentimentMetrics Holdout, int TrainCount, int TuneCount, int HoldoutCount, double Seconds)
{
    /// <summary>Held-out metrics at other second-stage weights (when asked for with <see cref="SentimentTrainingOptions.SweepSecondStage"/>).</summary>
    public IReadOnlyDictionary<float, SentimentMetrics> SecondStageSweep { get; init; } = new Dictionary<float, SentimentMetrics>();

    /// <summary>Held-out metrics at other scales of the tuned offsets (when asked for with <see cref="SentimentTrainingOptions.SweepOffsets"/>).</summary>
    public IReadOnlyDictionary<float, SentimentMetrics> OffsetSweep { get; init; } = new Dictionary<float, SentimentMetrics>();
}
