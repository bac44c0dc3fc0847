namespace Marketing.Analysis.Sentiment;

/// <summary>Turns words into dense vectors once, at training time; the model stores the vectors it uses.</summary>
public interface IWordEmbedder
{
    /// <summary>Short name recorded in the model info (e.g. <c>all-MiniLM-L6-v2</c>).</summary>
    string Name { get; }

    int Dimension { get; }

    /// <summary>One vector of <see cref="Dimension"/> floats per word, in order.</summary>
    float[][] Embed(IReadOnlyList<string> words, CancellationToken ct = default);
}
