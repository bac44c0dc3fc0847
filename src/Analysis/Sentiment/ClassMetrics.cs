namespace Marketing.Analysis.Sentiment;

public sealed record ClassMetrics(string Label, double Precision, double Recall, double F1, int Support);
