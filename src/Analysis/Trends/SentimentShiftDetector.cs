namespace Marketing.Analysis.Trends;

/// <summary>
/// Finds changes in brands' negative shares: rolling-window episodes against a trailing baseline (z-test per bucket,
/// Benjamini-Hochberg over brands × buckets, runs merged), and the recent period against the previous one.
/// </summary>
public sealed class SentimentShiftDetector(ShiftOptions? options = null, BurstOptions? burstOptions = null)
{
    private readonly BurstOptions _burst = burstOptions ?? new BurstOptions();

    public ShiftOptions Options { get; } = options ?? new ShiftOptions();

    /// <param name="bursts">Volume bursts found in the same run: their buckets are left out of every baseline. A launch or
    /// a viral post is a flood of unusually positive posts; counted into "the same hours of the previous days" it would make
    /// the following week's ordinary share look like a negative episode.</param>
    public List<SentimentShift> Episodes(IReadOnlyList<TrendSeries> brands, TimeBuckets buckets, IReadOnlyList<Burst>? bursts = null)
    {
        var k = Options.Window(buckets.Size);
        var trailing = _burst.Trailing(buckets.Size);
        var tests = new List<(int Series, int T, long X, long N, long Bx, long Bn, double Z, double P)>();
        var prefixes = new List<(long[] Neg, long[] Sc)>();
        for (var si = 0; si < brands.Count; si++)
        {
            var pts = brands[si].Points;
            var n = pts.Count;
            var neg = new long[n + 1];
            var sc = new long[n + 1];
            // Baseline sums: the same, without the buckets of the brand's own volume bursts.
            var bneg = new long[n + 1];
            var bsc = new long[n + 1];
            var excluded = BurstBuckets(brands[si].Key, bursts, buckets, n);
            for (var i = 0; i < n; i++)
            {
                neg[i + 1] = neg[i] + pts[i].Negative;
                sc[i + 1] = sc[i] + pts[i].Scored;
                bneg[i + 1] = bneg[i] + (excluded[i] ? 0 : pts[i].Negative);
                bsc[i + 1] = bsc[i] + (excluded[i] ? 0 : pts[i].Scored);
            }

            prefixes.Add((neg, sc));

            for (var t = k - 1; t < n; t++)
            {
                var w0 = t - k + 1;
                var (x, m) = (neg[t + 1] - neg[w0], sc[t + 1] - sc[w0]);
                long bx = 0, bn = 0;
                if (buckets.Size == BucketSize.Hour)
                {
                    // Hour-matched baseline: the same hours of the previous 7 days. Audiences in other time zones feel
                    // differently about a brand, so its negative share has a daily cycle that a pooled baseline would
                    // report as an episode every evening.
                    for (var d = 1; d <= trailing / 24; d++)
                    {
                        var a = w0 - (24 * d);
                        if (a >= 0)
                        {
                            (bx, bn) = (bx + bneg[t + 1 - (24 * d)] - bneg[a], bn + bsc[t + 1 - (24 * d)] - bsc[a]);
                        }
                    }
                }
                else
                {
                    // The trailing window that ends where the rolling window starts.
                    var b0 = Math.Max(0, w0 - trailing);
                    (bx, bn) = (bneg[w0] - bneg[b0], bsc[w0] - bsc[b0]);
                }

                if (bn < Options.MinBaselineScored)
                {
                    // Too early for history: the first trailing window (warm start).
                    var b1 = Math.Min(n, trailing);
                    (bx, bn) = (bneg[b1], bsc[b1]);
                }

                if (m < Options.MinScored || bn < Options.MinBaselineScored)
                {
                    continue;
                }

                var change = (x / (double)m) - (bx / (double)bn);
                var z = TrendStatistics.TwoProportionZ(x, m, bx, bn);
                var p = Math.Abs(change) < Options.MinShareChange ? 1 : TrendStatistics.TwoSidedP(z);
                tests.Add((si, t, x, m, bx, bn, z, p));
            }
        }

        var q = TrendStatistics.BenjaminiHochberg(tests.Select(t => t.P).ToList());
        var sig = tests.Select((t, i) => (t, q: q[i])).Where(x => x.q <= Options.FalseDiscoveryRate).ToList();
        var shifts = new List<SentimentShift>();
        foreach (var group in sig.GroupBy(x => (x.t.Series, Up: x.t.Z > 0)))
        {
            var run = group.OrderBy(x => x.t.T).ToList();
            var start = 0;
            for (var i = 1; i <= run.Count; i++)
            {
                // Runs closer than a day (hourly) merge: a slow decline dips under the bar at quiet hours but is one episode.
                if (i < run.Count && run[i].t.T - run[i - 1].t.T <= (buckets.Size == BucketSize.Hour ? 24 : k))
                {
                    continue;
                }

                var part = run.GetRange(start, i - start);
                if (part[^1].t.T - part[0].t.T + k >= Options.MinEpisode(buckets.Size))
                {
                    shifts.Add(MakeEpisode(brands[group.Key.Series].Key, group.Key.Up, part, k, buckets, prefixes[group.Key.Series]));
                }

                start = i;
            }
        }

        return shifts.OrderByDescending(s => Math.Abs(s.Z)).ToList();
    }

    private static bool[] BurstBuckets(string brand, IReadOnlyList<Burst>? bursts, TimeBuckets buckets, int n)
    {
        var mask = new bool[n];
        foreach (var b in bursts ?? [])
        {
            if (b.SeriesKind != "brand" || !string.Equals(b.Key, brand, StringComparison.Ordinal))
            {
                continue;
            }

            for (var i = 0; i < n; i++)
            {
                mask[i] |= buckets.Start(i) < b.End && buckets.End(i) > b.Start;
            }
        }

        return mask;
    }

    private static SentimentShift MakeEpisode(
        string brand,
        bool up,
        List<((int Series, int T, long X, long N, long Bx, long Bn, double Z, double P) t, double q)> run,
        int k,
        TimeBuckets buckets,
        (long[] Neg, long[] Sc) prefix)
    {
        // The most departed rolling window gives the numbers of the episode.
        var peak = run.OrderByDescending(r => (up ? 1 : -1) * ((r.t.X / (double)r.t.N) - (r.t.Bx / (double)r.t.Bn))).ThenBy(r => r.t.T).First();
        var peakAt = buckets.Start(peak.t.T);
        // A shift that builds up slowly is worst just before it ends, but its rolling shares there differ by less than
        // their noise; the end itself is sharp. So the peak is the change point where the excess of negative posts over
        // their expectation (same hour of the previous days) stops: the boundary t that maximizes excess[t-k, t) −
        // excess[t, t+k), searched around the last significant window, when that contrast is clear (z ≥ 3).
        var negAt = new long[buckets.Count];
        for (var i = 0; i < negAt.Length; i++)
        {
            negAt[i] = prefix.Neg[i + 1] - prefix.Neg[i];
        }

        var period = buckets.Size == BucketSize.Hour ? 24 : 1;
        var excess = new double[negAt.Length];
        for (var i = 0; i < negAt.Length; i++)
        {
            var (sum, count) = (0.0, 0);
            for (var d = 1; d <= 7 && i - (period * d) >= 0; d++)
            {
                (sum, count) = (sum + negAt[i - (period * d)], count + 1);
            }

            excess[i] = count == 0 ? 0 : negAt[i] - (sum / count);
        }

        var last = run[^1].t.T + 1;
        var (bestT, bestZ) = (-1, 3.0);
        for (var t = Math.Max(k, last - (2 * k)); t <= Math.Min(buckets.Count - k, last + k); t++)
        {
            double before = 0, after = 0, volume = 1;
            for (var i = t - k; i < t; i++)
            {
                (before, volume) = (before + excess[i], volume + negAt[i]);
            }

            for (var i = t; i < t + k; i++)
            {
                (after, volume) = (after + excess[i], volume + negAt[i]);
            }

            var z = (up ? 1 : -1) * (before - after) / Math.Sqrt(volume);
            if (z > bestZ)
            {
                (bestT, bestZ) = (t, z);
            }
        }

        if (bestT >= 0)
        {
            peakAt = buckets.Bounds[bestT];
        }

        var share = peak.t.X / (double)peak.t.N;
        var baseShare = peak.t.Bx / (double)peak.t.Bn;
        return new SentimentShift(
            "episode",
            brand,
            up ? "more_negative" : "less_negative",
            buckets.Start(Math.Max(0, run[0].t.T - k + 1)),
            peakAt,
            buckets.End(run[^1].t.T),
            peak.t.X,
            peak.t.N,
            Math.Round(share, 4),
            peak.t.Bx,
            peak.t.Bn,
            Math.Round(baseShare, 4),
            Math.Round(peak.t.Z, 2),
            peak.t.P,
            run.Min(r => r.q),
            Math.Round(TrendStatistics.CohensH(share, baseShare), 3));
    }

    private static double? Share((long[] Neg, long[] Sc) prefix, int from, int to)
    {
        var n = prefix.Sc[to] - prefix.Sc[from];
        return n < 10 ? null : (prefix.Neg[to] - prefix.Neg[from]) / (double)n;
    }

    /// <summary>
    /// The recent period (the last 7 days when the range holds 14, else its second half) against the period before, per
    /// brand, Bonferroni-corrected over brands. Only changes of at least <see cref="ShiftOptions.MinShareChange"/> are kept.
    /// </summary>
    public List<SentimentShift> Windows(IReadOnlyList<TrendSeries> brands, TimeBuckets buckets)
    {
        var range = buckets.Range;
        var split = range.Length >= TimeSpan.FromDays(14) ? range.End - TimeSpan.FromDays(7) : range.Start + (range.Length / 2);
        var shifts = new List<SentimentShift>();
        foreach (var s in brands)
        {
            long x = 0, m = 0, bx = 0, bn = 0;
            foreach (var pt in s.Points)
            {
                if (pt.Start >= split)
                {
                    (x, m) = (x + pt.Negative, m + pt.Scored);
                }
                else
                {
                    (bx, bn) = (bx + pt.Negative, bn + pt.Scored);
                }
            }

            if (m < Options.MinScored || bn < Options.MinBaselineScored)
            {
                continue;
            }

            var (share, baseShare) = (x / (double)m, bx / (double)bn);
            var z = TrendStatistics.TwoProportionZ(x, m, bx, bn);
            var p = TrendStatistics.TwoSidedP(z);
            var adjusted = Math.Min(1, p * brands.Count);
            if (Math.Abs(share - baseShare) < Options.MinShareChange || adjusted > Options.FalseDiscoveryRate)
            {
                continue;
            }

            shifts.Add(new SentimentShift("window", s.Key, z > 0 ? "more_negative" : "less_negative", split, split, range.End,
                x, m, Math.Round(share, 4), bx, bn, Math.Round(baseShare, 4), Math.Round(z, 2), p, adjusted,
                Math.Round(TrendStatistics.CohensH(share, baseShare), 3)));
        }

        return shifts;
    }
}
