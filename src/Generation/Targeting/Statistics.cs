namespace Marketing.Generation.Targeting;

/// <summary>The intervals targeting reports: Wilson for one proportion, Newcombe's hybrid score interval for a difference.</summary>
public static class Statistics
{
    /// <summary>z for a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>Wilson score interval for k successes in n trials (Wilson 1927): well-behaved near 0 and 1 and for small n.</summary>
    public static Interval Wilson(long k, long n, double z = Z95)
    {
        if (n <= 0)
        {
            return new Interval(0, 0, 1);
        }

        var p = k / (double)n;
        var z2 = z * z;
        var denom = 1 + (z2 / n);
        var center = (p + (z2 / (2 * n))) / denom;
        var half = z / denom * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n)));
        return new Interval(p, Math.Max(0, center - half), Math.Min(1, center + half));
    }

    /// <summary>
    /// Newcombe's hybrid score interval (method 10, Newcombe 1998) for p1 − p2 of two independent proportions, built from
    /// the two Wilson intervals. Coverage stays near 95% where the Wald interval fails (small n, rates near 0 or 1).
    /// </summary>
    public static Interval NewcombeDifference(long k1, long n1, long k2, long n2, double z = Z95)
    {
        var a = Wilson(k1, n1, z);
        var b = Wilson(k2, n2, z);
        var d = a.Estimate - b.Estimate;
        var low = d - Math.Sqrt(Square(a.Estimate - a.Low) + Square(b.High - b.Estimate));
        var high = d + Math.Sqrt(Square(a.High - a.Estimate) + Square(b.Estimate - b.Low));
        return new Interval(d, low, high);
    }

    /// <summary>
    /// Percentile bootstrap interval for the ratio of two means (segment / baseline), with a fixed seed so the same data
    /// give the same interval. Samples larger than <paramref name="cap"/> are thinned evenly first.
    /// </summary>
    public static Interval BootstrapMeanRatio(IReadOnlyList<double> a, IReadOnlyList<double> b, int resamples = 1000, int seed = 17, int cap = 1500)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return new Interval(double.NaN, double.NaN, double.NaN);
        }

        var xa = Thin(a, cap);
        var xb = Thin(b, cap);
        var meanB = xb.Average();
        var point = meanB == 0 ? double.NaN : xa.Average() / meanB;
        var rng = new Random(seed);
        var ratios = new List<double>(resamples);
        for (var r = 0; r < resamples; r++)
        {
            double sa = 0, sb = 0;
            for (var i = 0; i < xa.Length; i++)
            {
                sa += xa[rng.Next(xa.Length)];
            }

            for (var i = 0; i < xb.Length; i++)
            {
                sb += xb[rng.Next(xb.Length)];
            }

            if (sb > 0)
            {
                ratios.Add(sa / xa.Length / (sb / xb.Length));
            }
        }

        if (ratios.Count == 0)
        {
            return new Interval(point, double.NaN, double.NaN);
        }

        ratios.Sort();
        return new Interval(point, ratios[(int)(0.025 * (ratios.Count - 1))], ratios[(int)Math.Ceiling(0.975 * (ratios.Count - 1))]);
    }

    private static double[] Thin(IReadOnlyList<double> xs, int cap)
    {
        if (xs.Count <= cap)
        {
            return [.. xs];
        }

        var step = xs.Count / (double)cap;
        return [.. Enumerable.Range(0, cap).Select(i => xs[(int)(i * step)])];
    }

    private static double Square(double x) => x * x;
}
