namespace Marketing.Analysis.Topics;

/// <summary>A unit-length sparse vector: sorted indexes and their weights.</summary>
internal sealed record SparseVector(int[] Index, double[] Weight)
{
    public bool IsEmpty => Index.Length == 0;

    public double Dot(double[] dense)
    {
        var s = 0.0;
        for (var i = 0; i < Index.Length; i++)
        {
            s += Weight[i] * dense[Index[i]];
        }

        return s;
    }

    public static SparseVector FromTerms(IEnumerable<string> terms, IReadOnlyDictionary<string, int> vocabulary, Func<string, double> idf)
    {
        var pairs = terms.Where(vocabulary.ContainsKey).Select(t => (i: vocabulary[t], w: idf(t))).OrderBy(p => p.i).ToArray();
        var norm = Math.Sqrt(pairs.Sum(p => p.w * p.w));
        return norm <= 0 ? new SparseVector([], []) : new SparseVector(pairs.Select(p => p.i).ToArray(), pairs.Select(p => p.w / norm).ToArray());
    }
}
