using Microsoft.ML.Data;

namespace Marketing.Analysis.Segments;

/// <summary>ML.NET k-means output: the 1-based cluster id.</summary>
public sealed class SegmentPrediction
{
    [ColumnName("PredictedLabel")]
    public uint ClusterId { get; set; }
}
