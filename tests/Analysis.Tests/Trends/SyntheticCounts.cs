namespace Marketing.Analysis.Tests.Trends;

/// <summary>Hand-built count series for burst tests: Poisson draws around a chosen rate, reproducible per seed.</summary>
internal static class SyntheticCounts
{
    public static readonly DateTimeOffset Start = new(2026, 10, 5, 0, 0, 0, TimeSpan.Zero);

    public static long[] Poisson(int n, Func<int, double> rate, int seed)
    {
        var rng = new Random(seed);
        var counts = new long[n];
        for (var i = 0; i < n; i++)
        {
            counts[i] = Draw(rng, rate(i));
        }

        return counts;
    }

    /// <summary>Knuth's method, split into chunks of 20 so that e^-λ never underflows.</summary>
    public static long Draw(Random rng, double lambda)
    {
        long total = 0;
        while (lambda > 0)
        {
            var l = Math.Min(lambda, 20);
            lambda -= l;
            var limit = Math.Exp(-l);
            var p = 1.0;
            long k = -1;
            do
            {
                k++;
                p *= rng.NextDouble();
            }
            while (p > limit);
            total += k;
        }

        return total;
    }

    /// <summary>A daily cycle (quiet nights, busy evenings) and quieter weekends, mean about <paramref name="level"/>.</summary>
    public static double Seasonal(int hourIndex, double level)
    {
        var t = Start.AddHours(hourIndex);
        var daily = 1 + (0.8 * Math.Sin(2 * Math.PI * (t.Hour - 9) / 24.0));
        var weekly = t.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.6 : 1.1;
        return level * daily * weekly;
    }
}
