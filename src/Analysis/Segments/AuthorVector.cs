namespace Marketing.Analysis.Segments;

/// <summary>ML.NET input row: one author's feature vector (its length is set at run time through a schema definition).</summary>
public sealed class AuthorVector
{
    public float[] Features { get; set; } = [];
}
