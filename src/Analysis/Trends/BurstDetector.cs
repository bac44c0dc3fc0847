namespace Marketing.Analysis.Trends;

/// <summary>
/// Finds bursts: buckets whose count is improbably high for a negative-binomial with a seasonal, robust, trailing
/// baseline, with the false discovery rate controlled over every series × bucket of the run (Benjamini-Hochberg), and
/// adjacent significant buckets merged into one burst. See docs/trends.md for the method and its thresholds.
/// </summary>
public sealed class BurstDetector(BurstOptions? options = null)
{
    // Pseudo-buckets that pull a seasonal cell toward the overall rate, so that a sparse cell cannot make a factor of 0.
    private const double SeasonShrink = 2;
    private const double MinSeasonFactor = 0.05;

    public BurstOptions Options { get; } = options ?? new BurstOptions();

    /// <summary>Fits the baseline of one series and tests each of its buckets (no multiple-testing control yet).</summary>
    public BaselineFit Fit(long[] counts, TimeBuckets buckets)
    {
        var n = counts.Length;
        var expected = new double[n];
        var p = Enumerable.Repeat(1.0, n).ToArray();
        var first = Array.FindIndex(counts, c => c > 0);
        if (first < 0)
        {
            return new BaselineFit(expected, n, -1, false, 0, p);
        }

        var burnIn = Options.BurnIn(buckets.Size);
        var isNew = first >= burnIn;
        var s = isNew ? first : 0;
        var testedFrom = isNew ? Math.Min(n, first + burnIn) : 0;

        var season = SeasonalFactors(counts, s, buckets);
        var d = new double[n];
        for (var i = s; i < n; i++)
        {
            d[i] = counts[i] / season[i];
        }

        var window = Options.Trailing(buckets.Size);
        var stride = BurstOptions.Stride(buckets.Size);
        var minHistory = BurstOptions.MinHistory(buckets.Size);
        var warm = TrendStatistics.RobustLevel(new ArraySegment<double>(d, s, Math.Min(n, s + window) - s));
        for (var b = s; b < n; b += stride)
        {
            var from = Math.Max(s, b - window);
            var level = b - from >= minHistory ? TrendStatistics.RobustLevel(new ArraySegment<double>(d, from, b - from)) : warm;
            for (var i = b; i < Math.Min(n, b + stride); i++)
            {
                expected[i] = Math.Max(level * season[i], Options.MinExpected);
            }
        }

        for (var i = 0; i < s; i++)
        {
            expected[i] = 0;
        }

        var alpha = Dispersion(counts, expected, testedFrom);
        for (var i = testedFrom; i < n; i++)
        {
            if (counts[i] >= Options.MinCount && counts[i] >= Options.MinRatio * expected[i])
            {
                p[i] = TrendStatistics.NegativeBinomialUpperTail(counts[i], expected[i], alpha);
            }
        }

        return new BaselineFit(expected, testedFrom, first, isNew, alpha, p);
    }

    /// <summary>Fits every series, controls the false discovery rate over all their tested buckets, and merges runs into bursts.</summary>
    public BurstDetection Detect(IReadOnlyList<CountSeries> series, TimeBuckets buckets)
    {
        var fits = series.Select(s => Fit(s.Counts, buckets)).ToList();
        var family = new List<double>();
        foreach (var f in fits)
        {
            for (var i = f.TestedFrom; i < f.PValues.Length; i++)
            {
                family.Add(f.PValues[i]);
            }
        }

        var q = TrendStatistics.BenjaminiHochberg(family);
        var bursts = new List<Burst>();
        var news = new List<NewSeries>();
        var offset = 0;
        for (var k = 0; k < series.Count; k++)
        {
            var (s, f) = (series[k], fits[k]);
            var qs = new double[s.Counts.Length];
            Array.Fill(qs, 1.0);
            for (var i = f.TestedFrom; i < s.Counts.Length; i++)
            {
                qs[i] = q[offset++];
            }

            if (f.IsNew)
            {
                var burnEnd = Math.Min(f.TestedFrom, buckets.Count) - 1;
                news.Add(new NewSeries(s.Kind, s.Key, buckets.Start(f.FirstPost), buckets.End(burnEnd),
                    s.Counts[f.FirstPost..(burnEnd + 1)].Sum(), s.Counts.Sum()));
            }

            bursts.AddRange(Merge(s, f, qs, buckets));
        }

        return new BurstDetection(bursts.OrderByDescending(b => b.Score).ThenBy(b => b.Id, StringComparer.Ordinal).ToList(), news, family.Count);
    }

    private IEnumerable<Burst> Merge(CountSeries s, BaselineFit f, double[] q, TimeBuckets buckets)
    {
        var sig = Enumerable.Range(0, q.Length).Where(i => q[i] <= Options.FalseDiscoveryRate).ToList();
        var k = 0;
        while (k < sig.Count)
        {
            var (a, b) = (sig[k], sig[k]);
            while (true)
            {
                while (k + 1 < sig.Count && sig[k + 1] - b <= Options.MaxGap + 1)
                {
                    b = sig[++k];
                }

                k++;
                // The edges of an event are often just under the bar: take neighbours that are surprising on their own.
                while (a - 1 >= f.TestedFrom && f.PValues[a - 1] < Options.EdgeP)
                {
                    a--;
                }

                while (b + 1 < q.Length && f.PValues[b + 1] < Options.EdgeP)
                {
                    b++;
                }

                // The widened edge can reach the next run: then both are one burst (never two bursts sharing buckets).
                if (k < sig.Count && sig[k] - b <= Options.MaxGap + 1)
                {
                    b = Math.Max(b, sig[k]);
                    continue;
                }

                break;
            }

            yield return MakeBurst(s, f, q, buckets, a, b);
        }
    }

    private static Burst MakeBurst(CountSeries s, BaselineFit f, double[] q, TimeBuckets buckets, int a, int b)
    {
        long observed = 0;
        double expected = 0, variance = 0;
        var peak = a;
        var minP = 1.0;
        var minQ = 1.0;
        for (var i = a; i <= b; i++)
        {
            observed += s.Counts[i];
            expected += f.Expected[i];
            variance += f.Expected[i] * (1 + (f.Dispersion * f.Expected[i]));
            if (s.Counts[i] - f.Expected[i] > s.Counts[peak] - f.Expected[peak])
            {
                peak = i;
            }

            minP = Math.Min(minP, f.PValues[i]);
            minQ = Math.Min(minQ, q[i]);
        }

        var peakAt = buckets.Start(peak);
        return new Burst
        {
            Id = $"{s.Kind}:{s.Key}:{peakAt.UtcDateTime:yyyyMMdd'T'HH}",
            SeriesKind = s.Kind,
            Key = s.Key,
            Start = buckets.Start(a),
            Peak = peakAt,
            End = buckets.End(b),
            Buckets = b - a + 1,
            Observed = observed,
            Expected = Math.Round(expected, 2),
            PeakObserved = s.Counts[peak],
            PeakExpected = Math.Round(f.Expected[peak], 2),
            Score = Math.Round((observed - expected) / Math.Sqrt(Math.Max(variance, 1e-9)), 2),
            PValue = minP,
            QValue = minQ,
            Dispersion = Math.Round(f.Dispersion, 4),
        };
    }

    /// <summary>
    /// Multiplicative hour-of-day × weekday factors (hour-of-day only for hourly buckets, weekday for hours and days),
    /// each cell a trimmed mean shrunk toward the overall rate, normalized to mean 1. A profile needs two full cycles.
    /// </summary>
    private static double[] SeasonalFactors(long[] counts, int s, TimeBuckets buckets)
    {
        var n = counts.Length;
        var season = Enumerable.Repeat(1.0, n).ToArray();
        var span = n - s;
        if (buckets.Size == BucketSize.Hour && span >= 48)
        {
            Apply(season, Profile(counts, season, s, 24, i => buckets.Start(i).Hour));
        }

        var cycleOk = buckets.Size switch { BucketSize.Hour => span >= 24 * 14, BucketSize.Day => span >= 14, _ => false };
        if (cycleOk)
        {
            Apply(season, Profile(counts, season, s, 7, i => (int)buckets.Start(i).DayOfWeek));
        }

        return season;

        void Apply(double[] target, (double[] Factors, Func<int, int> Cell) profile)
        {
            for (var i = s; i < n; i++)
            {
                target[i] *= profile.Factors[profile.Cell(i)];
            }
        }
    }

    private static (double[] Factors, Func<int, int> Cell) Profile(long[] counts, double[] season, int s, int cells, Func<int, int> cell)
    {
        var values = Enumerable.Range(0, cells).Select(_ => new List<double>()).ToArray();
        for (var i = s; i < counts.Length; i++)
        {
            values[cell(i)].Add(counts[i] / season[i]);
        }

        var rates = new double[cells];
        var sizes = new int[cells];
        for (var c = 0; c < cells; c++)
        {
            var v = values[c];
            v.Sort();
            // Drop the top 10% so that a burst in one cell does not become "usual" for that hour or weekday.
            var keep = v.Count - (v.Count / 10);
            sizes[c] = keep;
            rates[c] = keep == 0 ? 0 : v.Take(keep).Average();
        }

        var total = sizes.Sum();
        var overall = total == 0 ? 0 : rates.Select((r, c) => r * sizes[c]).Sum() / total;
        var factors = new double[cells];
        for (var c = 0; c < cells; c++)
        {
            factors[c] = overall <= 0 ? 1 : ((rates[c] * sizes[c]) + (SeasonShrink * overall)) / ((sizes[c] + SeasonShrink) * overall);
        }

        var mean = factors.Average();
        for (var c = 0; c < cells; c++)
        {
            factors[c] = Math.Max(MinSeasonFactor, factors[c] / mean);
        }

        return (factors, cell);
    }

    /// <summary>Method-of-moments α from buckets inside the Poisson cap (bursts excluded), clipped to [0, 1].</summary>
    private static double Dispersion(long[] counts, double[] expected, int from)
    {
        double num = 0, den = 0;
        for (var i = from; i < counts.Length; i++)
        {
            var mu = expected[i];
            if (mu <= 0 || counts[i] > mu + (4 * Math.Sqrt(mu)) + 2)
            {
                continue;
            }

            var r = counts[i] - mu;
            num += (r * r) - mu;
            den += mu * mu;
        }

        return den <= 0 ? 0 : Math.Clamp(num / den, 0, 1);
    }
}
