namespace Marketing.Synth.Random;

/// <summary>
/// xoshiro256** seeded through SplitMix64. Owned here (not System.Random) so that the stream is byte-identical for a
/// seed on every machine and .NET version: only integer arithmetic and IEEE doubles built from 53 random bits.
/// </summary>
public sealed class SynthRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>A generator for one purpose (<paramref name="stream"/>) of one seed; streams are independent.</summary>
    public SynthRandom(long seed, ulong stream = 0)
    {
        var x = unchecked((ulong)seed ^ (stream * 0xD1B54A32D192ED03UL));
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    public ulong NextULong()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, max). Multiply-shift (Lemire); the tiny bias is irrelevant here and it is branch-free.</summary>
    public int Next(int max) => max <= 1 ? 0 : (int)((NextULong() >> 32) * (ulong)max >> 32);

    /// <summary>Uniform in [min, max).</summary>
    public int Next(int min, int max) => min + Next(max - min);

    /// <summary>Uniform in [0, 1) from 53 random bits.</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double p) => NextDouble() < p;

    public T Pick<T>(T[] items) => items[Next(items.Length)];

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Index drawn from cumulative weights (ascending, last = total).</summary>
    public int PickCumulative(double[] cumulative, int count)
    {
        var u = NextDouble() * cumulative[count - 1];
        for (var i = 0; i < count - 1; i++)
        {
            if (u < cumulative[i])
            {
                return i;
            }
        }

        return count - 1;
    }

    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A stateless hash of (seed, key): for per-author facts that must not depend on generation order.</summary>
    public static ulong Hash(long seed, ulong key)
    {
        var x = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL ^ key);
        return SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
