using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Marketing.Analysis.Sentiment;

/// <summary>
/// tanh, exp and log for the scoring path without calls into the C library: the JIT's code leaves the upper halves of
/// the vector registers dirty (AVX-512), and glibc's non-VEX SSE code then pays a transition penalty on every
/// instruction (a profile showed four <c>MathF.Tanh</c> calls per post costing more than the lexicon features around
/// them). <see cref="Vector128.Exp(Vector128{float})"/> is managed code; the sublinear term frequency comes from a
/// table. Every feature goes through these functions at training and at scoring alike.
/// </summary>
internal static class ScoringMath
{
    private const int TfTable = 256;

    // 1 + ln(tf) for tf < TfTable, computed once with MathF.Log: the same values as before, to the bit.
    private static readonly float[] Sublinear = BuildSublinear();

    /// <summary>1 + ln(<paramref name="tf"/>) (scikit-learn's sublinear TF) for tf ≥ 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SublinearTf(int tf) => (uint)tf < TfTable ? Sublinear[tf] : 1f + MathF.Log(tf);

    /// <summary>tanh of each lane: sign(x)·(1 − 2/(e^{2|x|} + 1)), within 1e-6 of <see cref="MathF.Tanh"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> x)
    {
        var a = Vector128.Abs(x);
        // e^{2|x|} overflows past |x| ≈ 44; tanh is 1 in float long before (|x| > 9.01).
        var e = Vector128.Exp(Vector128.Min(a, Vector128.Create(20f)) * 2f);
        var t = Vector128<float>.One - (Vector128.Create(2f) / (e + Vector128<float>.One));
        return Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128<float>.Zero), -t, t);
    }

    /// <summary>e^x of each lane (managed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Exp(Vector128<float> x) => Vector128.Exp(x);

    private static float[] BuildSublinear()
    {
        var t = new float[TfTable];
        for (var i = 1; i < t.Length; i++)
        {
            t[i] = i == 1 ? 1f : 1f + MathF.Log(i);
        }

        return t;
    }
}
