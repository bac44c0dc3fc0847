using System.Collections.Frozen;
using System.Runtime.Intrinsics;

namespace Marketing.Analysis.Sentiment;

/// <summary>
/// Dense features from a valence lexicon, computed the way VADER scores text: capitals and boosters ("very")
/// strengthen a word, dampeners ("slightly") weaken it, a negation scope flips it (x -0.74), and after "but" words
/// count 1.5x and before it 0.5x. The linear model learns how much to trust each figure.
/// </summary>
public static class LexiconFeatures
{
    public const int Count = 26;

    private const float Booster = 0.293f;
    private const float CapsBoost = 0.733f;
    private const float NegationScalar = -0.74f;

    private static readonly FrozenDictionary<string, float> Boosters = new Dictionary<string, float>
    {
        ["absolutely"] = Booster, ["amazingly"] = Booster, ["completely"] = Booster, ["deeply"] = Booster,
        ["especially"] = Booster, ["extremely"] = Booster, ["fucking"] = Booster, ["freaking"] = Booster,
        ["highly"] = Booster, ["hugely"] = Booster, ["incredibly"] = Booster, ["most"] = Booster, ["more"] = Booster,
        ["really"] = Booster, ["so"] = Booster, ["soo"] = Booster, ["such"] = Booster, ["too"] = Booster,
        ["totally"] = Booster, ["truly"] = Booster, ["very"] = Booster, ["super"] = Booster, ["uber"] = Booster,
        ["almost"] = -Booster, ["barely"] = -Booster, ["hardly"] = -Booster, ["kinda"] = -Booster,
        ["less"] = -Booster, ["little"] = -Booster, ["marginally"] = -Booster, ["occasionally"] = -Booster,
        ["partly"] = -Booster, ["scarcely"] = -Booster, ["slightly"] = -Booster, ["somewhat"] = -Booster,
        ["sorta"] = -Booster,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, float>.AlternateLookup<ReadOnlySpan<char>> BoostersBySpan = Boosters.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Writes <see cref="Count"/> features for <paramref name="tokens"/> into <paramref name="dest"/>.</summary>
    public static void Compute(IReadOnlyList<SocialToken> tokens, SentimentLexicon lexicon, Span<float> dest)
    {
        var buffer = TokenBuffer.RentLoaded(tokens);
        Compute(buffer, lexicon, dest);
        TokenBuffer.Return(buffer);
    }

    /// <inheritdoc cref="Compute(IReadOnlyList{SocialToken}, SentimentLexicon, Span{float})"/>
    public static void Compute(TokenBuffer buffer, SentimentLexicon lexicon, Span<float> dest) => Compute(buffer, lexicon, dest, [], []);

    /// <summary>
    /// As <see cref="Compute(TokenBuffer, SentimentLexicon, Span{float})"/>, with each token's lexicon lookup done
    /// by the caller: <paramref name="found"/>[k] says whether token k's text is in the lexicon, with valence
    /// <paramref name="valences"/>[k] (both empty: look up here).
    /// </summary>
    internal static void Compute(TokenBuffer buffer, SentimentLexicon lexicon, Span<float> dest, ReadOnlySpan<bool> found, ReadOnlySpan<float> valences)
    {
        dest[..Count].Clear();
        if (lexicon.Count == 0)
        {
            return;
        }

        var tokens = buffer.Tokens;
        var butAt = -1;
        for (var k = tokens.Length - 1; k >= 0; k--)
        {
            if (buffer.Text(in tokens[k]) is "but")
            {
                butAt = k;
                break;
            }
        }

        float pos = 0, neg = 0, maxPos = 0, maxNeg = 0, last = 0, emoPos = 0, emoNeg = 0;
        int nPos = 0, nNeg = 0;
        bool exclaim = false, question = false, negation = false, elongated = false, shouted = false;
        for (var k = 0; k < tokens.Length; k++)
        {
            ref readonly var t = ref tokens[k];
            if (t.Kind == TokenKind.Punctuation)
            {
                exclaim |= buffer.Text(in t).Contains('!');
                question |= buffer.Text(in t).Contains('?');
                continue;
            }

            negation |= t.Negated;
            elongated |= t.Elongated;
            if (!TryValence(in t, buffer.Text(in t), lexicon, found.IsEmpty ? null : found[k], found.IsEmpty ? 0 : valences[k], out var v) || v == 0)
            {
                continue;
            }

            var sign = MathF.Sign(v);
            if (t.Shouted)
            {
                v += sign * CapsBoost;
                shouted = true;
            }

            for (var back = 1; back <= 3 && k - back >= 0; back++)
            {
                if (BoostersBySpan.TryGetValue(buffer.Text(in tokens[k - back]), out var b))
                {
                    v += sign * b * (1f - (0.05f * (back - 1)));
                }
            }

            if (t.Negated)
            {
                v *= NegationScalar;
            }

            if (butAt >= 0)
            {
                v *= k < butAt ? 0.5f : 1.5f;
            }

            if (t.Kind is TokenKind.Emoji or TokenKind.Emoticon)
            {
                if (v > 0)
                {
                    emoPos += v;
                }
                else
                {
                    emoNeg -= v;
                }
            }

            if (v > 0)
            {
                pos += v;
                nPos++;
                maxPos = MathF.Max(maxPos, v);
            }
            else
            {
                neg -= v;
                nNeg++;
                maxNeg = MathF.Max(maxNeg, -v);
            }

            last = v;
        }

        var sum = pos - neg;
        var compound = sum / MathF.Sqrt((sum * sum) + 15f);
        // The six tanh in two vector calls (managed: see ScoringMath).
        var t1 = ScoringMath.Tanh(Vector128.Create(pos / 4f, neg / 4f, nPos / 3f, nNeg / 3f));
        var t2 = ScoringMath.Tanh(Vector128.Create(emoPos / 2f, emoNeg / 2f, 0f, 0f));
        dest[0] = t1[0];
        dest[1] = t1[1];
        dest[2] = compound;
        dest[3] = t1[2];
        dest[4] = t1[3];
        dest[5] = MathF.Min(maxPos / 4f, 1.5f);
        dest[6] = MathF.Min(maxNeg / 4f, 1.5f);
        dest[7] = last / 4f;
        dest[8] = t2[0];
        dest[9] = t2[1];
        dest[10] = exclaim ? 1 : 0;
        dest[11] = question ? 1 : 0;
        dest[12] = negation ? 1 : 0;
        dest[13] = elongated ? 1 : 0;
        dest[14] = shouted ? 1 : 0;
        dest[15] = nPos > 0 && nNeg > 0 ? 1 : 0;

        // Compound in ten bins, so a linear model can bend its response (a weak score is mostly neutral).
        var bin = Math.Clamp((int)((compound + 1f) * 5f), 0, 9);
        dest[16 + bin] = 1;
    }

    /// <summary>VADER compound of the tokens in [-1, 1]; positive above 0.05, negative below -0.05.</summary>
    public static float Compound(IReadOnlyList<SocialToken> tokens, SentimentLexicon lexicon)
    {
        Span<float> f = stackalloc float[Count];
        Compute(tokens, lexicon, f);
        return f[2];
    }

    /// <summary>The valence of a token; <paramref name="known"/> is the result of the lexicon lookup of its text when already done (else null).</summary>
    private static bool TryValence(in TokenSpan t, ReadOnlySpan<char> text, SentimentLexicon lexicon, bool? known, float knownValence, out float v)
    {
        if (t.Kind is TokenKind.Url or TokenKind.User)
        {
            v = 0;
            return false;
        }

        if (known ?? lexicon.TryGetValence(text, out knownValence))
        {
            v = knownValence;
            return true;
        }

        v = 0;

        // "goood" was squeezed to "good" already; "looove" to "loove": try the single-letter form too.
        if (t.Elongated)
        {
            Span<char> buf = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
            return lexicon.TryGetValence(Dedouble(text, buf), out v);
        }

        return false;
    }

    private static ReadOnlySpan<char> Dedouble(ReadOnlySpan<char> s, Span<char> buf)
    {
        var len = 0;
        foreach (var c in s)
        {
            if (len > 0 && buf[len - 1] == c)
            {
                continue;
            }

            buf[len++] = c;
        }

        return buf[..len];
    }
}
