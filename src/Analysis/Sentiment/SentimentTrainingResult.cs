namespace Marketing.Analysis.Sentiment;

/// <summary>A trained model and how it measured on the held-out part of its data.</summary>
public sealed record SentimentTrainingResult(SentimentModel Model, SentimentMetrics Holdout, int TrainCount, int TuneCount, int HoldoutCount, double Seconds);
