namespace Marketing.Analysis.Trends;

/// <summary>What one detection run found, and how many bucket tests the false discovery rate was controlled over.</summary>
public sealed record BurstDetection(List<Burst> Bursts, List<NewSeries> NewSeries, int Tests);
