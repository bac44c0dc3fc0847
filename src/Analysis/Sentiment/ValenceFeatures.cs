using System.Runtime.Intrinsics;

namespace Marketing.Analysis.Sentiment;

/// <summary>
/// Dense features from the predicted valences of a text's words (<see cref="WordValence"/>): like the lexicon
/// features, but every word with a vector has a valence, and none of it comes from the labelled texts' topics.
/// A word inside a negation scope counts -0.74 times its valence, as in VADER.
/// </summary>
public static class ValenceFeatures
{
    public const int Count = 8;

    private const float NegationScalar = -0.74f;

    // Predicted valences are on the lexicon's scale / 4: 0.2 is a lexicon valence of 0.8, a mild word.
    private const float Strong = 0.2f;

    /// <summary>Writes <see cref="Count"/> features for <paramref name="tokens"/> into <paramref name="dest"/>.</summary>
    public static void Compute(List<SocialToken> tokens, WordVectors vectors, WordValence valence, Span<float> dest)
    {
        var buffer = TokenBuffer.RentLoaded(tokens);
        Compute(buffer, vectors, valence, dest);
        TokenBuffer.Return(buffer);
    }

    /// <inheritdoc cref="Compute(List{SocialToken}, WordVectors, WordValence, Span{float})"/>
    public static void Compute(TokenBuffer tokens, WordVectors vectors, WordValence valence, Span<float> dest)
    {
        var spans = tokens.Tokens;
        Span<int> rows = spans.Length <= 256 ? stackalloc int[spans.Length] : new int[spans.Length];
        for (var k = 0; k < spans.Length; k++)
        {
            rows[k] = TextFeaturizer.VectorRow(in spans[k], tokens, vectors);
        }

        Compute(spans, rows, valence.Values, dest);
    }

    /// <summary>
    /// The features from each token's word-vector row (-1 for none), already looked up: the scorer finds the rows
    /// once for the word-vector block and this block.
    /// </summary>
    internal static void Compute(ReadOnlySpan<TokenSpan> tokens, ReadOnlySpan<int> rows, float[] values, Span<float> dest)
    {
        dest[..Count].Clear();
        float sumPos = 0, sumNeg = 0, max = 0, min = 0, last = 0;
        int n = 0, nPos = 0, nNeg = 0;
        for (var k = 0; k < tokens.Length; k++)
        {
            var row = rows[k];
            if (row < 0)
            {
                continue;
            }

            var p = values[row];
            if (tokens[k].Negated)
            {
                p *= NegationScalar;
            }

            n++;
            if (p > 0)
            {
                sumPos += p;
                max = MathF.Max(max, p);
                nPos += p >= Strong ? 1 : 0;
            }
            else
            {
                sumNeg -= p;
                min = MathF.Min(min, p);
                nNeg += p <= -Strong ? 1 : 0;
            }

            last = p;
        }

        if (n == 0)
        {
            return;
        }

        var t = ScoringMath.Tanh(Vector128.Create(sumPos, sumNeg, nPos / 2f, nNeg / 2f));
        dest[0] = t[0];
        dest[1] = t[1];
        dest[2] = (sumPos - sumNeg) / n;
        dest[3] = max;
        dest[4] = -min;
        dest[5] = t[2];
        dest[6] = t[3];
        dest[7] = last;
    }
}
