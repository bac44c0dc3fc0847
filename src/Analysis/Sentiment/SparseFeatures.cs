namespace Marketing.Analysis.Sentiment;

/// <summary>A sparse feature vector: sorted distinct indices and their values.</summary>
public readonly record struct SparseFeatures(int[] Indices, float[] Values);
