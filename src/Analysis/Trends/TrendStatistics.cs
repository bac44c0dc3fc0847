namespace Marketing.Analysis.Trends;

/// <summary>
/// The few distributions and tests the trend analysis needs, written out so that every threshold in the README can be
/// traced to a line here: Poisson / negative-binomial upper tails, the normal tail, Benjamini-Hochberg, robust levels.
/// </summary>
public static class TrendStatistics
{
    private static readonly double[] LanczosCoefficients =
    [
        676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7; about 15 significant digits).</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5)
        {
            // Reflection keeps the approximation in its accurate range.
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }

        x -= 1;
        var a = 0.99999999999980993;
        var t = x + 7.5;
        for (var i = 0; i < LanczosCoefficients.Length; i++)
        {
            a += LanczosCoefficients[i] / (x + i + 1);
        }

        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(a);
    }

    /// <summary>P(Y ≥ y) for Y ~ Poisson(mean).</summary>
    public static double PoissonUpperTail(long y, double mean) => NegativeBinomialUpperTail(y, mean, 0);

    /// <summary>
    /// P(Y ≥ y) for Y ~ NegativeBinomial with the given mean and dispersion α (variance = mean + α·mean²); α = 0 is
    /// Poisson. The tail is summed upward from y, so tiny p-values keep their precision (no 1 − CDF cancellation).
    /// For y at or below the mean it returns the complement of the lower sum instead.
    /// </summary>
    public static double NegativeBinomialUpperTail(long y, double mean, double alpha)
    {
        if (y <= 0)
        {
            return 1;
        }

        mean = Math.Max(mean, 1e-9);
        if (y <= mean)
        {
            var lower = 0.0;
            for (long k = 0; k < y; k++)
            {
                lower += Math.Exp(LogPmf(k, mean, alpha));
            }

            return Math.Clamp(1 - lower, 0, 1);
        }

        var logTerm = LogPmf(y, mean, alpha);
        var sum = 0.0;
        var term = 1.0;
        // Terms beyond the mode decrease at least geometrically; stop when they no longer change the sum.
        for (var k = y; k < y + 100_000; k++)
        {
            sum += term;
            var ratio = alpha <= 0
                ? mean / (k + 1)
                : (k + (1 / alpha)) / (k + 1) * (alpha * mean / (1 + (alpha * mean)));
            term *= ratio;
            if (term < sum * 1e-15)
            {
                break;
            }
        }

        return Math.Clamp(Math.Exp(logTerm + Math.Log(sum)), 0, 1);
    }

    private static double LogPmf(long k, double mean, double alpha)
    {
        if (alpha <= 0)
        {
            return (k * Math.Log(mean)) - mean - LogGamma(k + 1);
        }

        var r = 1 / alpha;
        var p = r / (r + mean);
        return LogGamma(k + r) - LogGamma(r) - LogGamma(k + 1) + (r * Math.Log(p)) + (k * Math.Log(1 - p));
    }

    /// <summary>P(Z ≥ z) for a standard normal Z (Abramowitz-Stegun 7.1.26 through erfc; error below 1.5e-7).</summary>
    public static double NormalUpperTail(double z)
    {
        if (double.IsNaN(z))
        {
            return 1;
        }

        var x = Math.Abs(z) / Math.Sqrt(2);
        var t = 1 / (1 + (0.3275911 * x));
        var erfc = t * (0.254829592 + (t * (-0.284496736 + (t * (1.421413741 + (t * (-1.453152027 + (t * 1.061405429))))))))
                   * Math.Exp(-x * x);
        var upper = erfc / 2;
        return z >= 0 ? upper : 1 - upper;
    }

    /// <summary>Two-sided p-value of a z statistic.</summary>
    public static double TwoSidedP(double z) => Math.Min(1, 2 * NormalUpperTail(Math.Abs(z)));

    /// <summary>
    /// Two-proportion z-test with the pooled variance: z for (x1/n1 − x2/n2). Returns 0 when either sample is empty
    /// or the pooled share is 0 or 1 (nothing to test).
    /// </summary>
    public static double TwoProportionZ(long x1, long n1, long x2, long n2)
    {
        if (n1 <= 0 || n2 <= 0)
        {
            return 0;
        }

        var p = (x1 + x2) / (double)(n1 + n2);
        var se = Math.Sqrt(p * (1 - p) * ((1.0 / n1) + (1.0 / n2)));
        return se <= 0 ? 0 : ((x1 / (double)n1) - (x2 / (double)n2)) / se;
    }

    /// <summary>Cohen's h for two proportions: 2·asin√p1 − 2·asin√p2 (0.2 small, 0.5 medium, 0.8 large).</summary>
    public static double CohensH(double p1, double p2) => (2 * Math.Asin(Math.Sqrt(Math.Clamp(p1, 0, 1)))) - (2 * Math.Asin(Math.Sqrt(Math.Clamp(p2, 0, 1))));

    /// <summary>
    /// Benjamini-Hochberg adjusted p-values (q-values), in the input order: rejecting every q ≤ α controls the false
    /// discovery rate at α over the whole family.
    /// </summary>
    public static double[] BenjaminiHochberg(IReadOnlyList<double> pValues)
    {
        var m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ToArray();
        var q = new double[m];
        var running = 1.0;
        for (var rank = m; rank >= 1; rank--)
        {
            var i = order[rank - 1];
            running = Math.Min(running, pValues[i] * m / rank);
            q[i] = Math.Min(1, running);
        }

        return q;
    }

    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>
    /// A level that bursts cannot drag up: the mean after winsorizing at median + 4·√max(median, 1) + 2 (a cap a
    /// Poisson count exceeds with tiny probability). Unlike the median it stays right for sparse series
    /// (median 0, mean 0.3), and unlike the mean a day-long burst barely moves it.
    /// </summary>
    public static double RobustLevel(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var median = Median(values);
        var cap = median + (4 * Math.Sqrt(Math.Max(median, 1))) + 2;
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += Math.Min(v, cap);
        }

        return sum / values.Count;
    }
}
