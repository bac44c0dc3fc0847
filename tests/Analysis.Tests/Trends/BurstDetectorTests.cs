using Marketing.Analysis.Trends;
using Marketing.Core.Storage;
using NUnit.Framework;

namespace Marketing.Analysis.Tests.Trends;

public class BurstDetectorTests
{
    private const int Hours = 30 * 24;

    private static TimeBuckets HourBuckets(int n = Hours) =>
        new(new TimeRange(SyntheticCounts.Start, SyntheticCounts.Start.AddHours(n)), BucketSize.Hour, TimeZoneInfo.Utc);

    private static BurstDetection Detect(params (string Key, long[] Counts)[] series) =>
        new BurstDetector().Detect(series.Select(s => new CountSeries("brand", s.Key, s.Counts)).ToList(), HourBuckets(series[0].Counts.Length));

    [Test]
    public void A_flat_series_has_no_burst([Values(1, 2, 3)] int seed)
    {
        var d = Detect(("flat", SyntheticCounts.Poisson(Hours, _ => 20, seed)));
        Assert.That(d.Bursts, Is.Empty);
        Assert.That(d.NewSeries, Is.Empty);
        Assert.That(d.Tests, Is.EqualTo(Hours));
    }

    [Test]
    public void A_sparse_flat_series_has_no_burst()
    {
        var d = Detect(("sparse", SyntheticCounts.Poisson(Hours, _ => 0.3, 7)));
        Assert.That(d.Bursts, Is.Empty);
    }

    [Test]
    public void A_daily_and_weekly_cycle_is_not_a_burst([Values(1, 2, 3)] int seed)
    {
        var d = Detect(("seasonal", SyntheticCounts.Poisson(Hours, i => SyntheticCounts.Seasonal(i, 30), seed)));
        Assert.That(d.Bursts, Is.Empty, "evening peaks are expected by the hour-of-day profile");
    }

    [Test]
    public void Without_the_seasonal_profile_the_same_cycle_would_look_bursty()
    {
        // The control for the test above: a flat baseline at the cycle's mean is beaten every evening.
        var counts = SyntheticCounts.Poisson(Hours, i => SyntheticCounts.Seasonal(i, 30), 1);
        var mean = counts.Average();
        var evening = counts.Select((c, i) => (c, i)).Where(x => SyntheticCounts.Start.AddHours(x.i).Hour == 15).Select(x => x.c).Average();
        Assert.That(evening, Is.GreaterThan(mean * 1.5));
    }

    [Test]
    public void A_single_spike_is_one_burst_with_its_peak_at_the_right_hour()
    {
        const int peak = 500;
        var counts = SyntheticCounts.Poisson(Hours, i => SyntheticCounts.Seasonal(i, 30) + (i switch
        {
            peak - 1 => 40,
            peak => 120,
            peak + 1 => 60,
            peak + 2 => 20,
            _ => 0,
        }), 11);
        var d = Detect(("spiky", counts), ("calm", SyntheticCounts.Poisson(Hours, i => SyntheticCounts.Seasonal(i, 30), 12)));

        Assert.That(d.Bursts, Has.Count.EqualTo(1));
        var b = d.Bursts[0];
        Assert.Multiple(() =>
        {
            Assert.That(b.Key, Is.EqualTo("spiky"));
            Assert.That(b.Peak, Is.EqualTo(SyntheticCounts.Start.AddHours(peak)));
            Assert.That(b.Start, Is.LessThanOrEqualTo(SyntheticCounts.Start.AddHours(peak - 1)));
            Assert.That(b.End, Is.GreaterThanOrEqualTo(SyntheticCounts.Start.AddHours(peak + 1)));
            Assert.That(b.End, Is.LessThanOrEqualTo(SyntheticCounts.Start.AddHours(peak + 5)));
            Assert.That(b.QValue, Is.LessThanOrEqualTo(0.01));
            Assert.That(b.Ratio, Is.GreaterThan(2));
            Assert.That(b.Id, Is.EqualTo("brand:spiky:" + SyntheticCounts.Start.AddHours(peak).UtcDateTime.ToString("yyyyMMdd'T'HH")));
        });
    }

    [Test]
    public void A_series_that_starts_late_is_new_not_a_burst()
    {
        const int first = 10 * 24;
        var counts = SyntheticCounts.Poisson(Hours, i => i < first ? 0 : 25, 5);
        var d = Detect(("late", counts));

        Assert.That(d.Bursts, Is.Empty);
        Assert.That(d.NewSeries, Has.Count.EqualTo(1));
        var n = d.NewSeries[0];
        Assert.Multiple(() =>
        {
            Assert.That(n.FirstSeen, Is.EqualTo(SyntheticCounts.Start.AddHours(first)));
            Assert.That(n.BurnInEnd, Is.EqualTo(SyntheticCounts.Start.AddHours(first + 48)));
            Assert.That(n.Total, Is.EqualTo(counts.Sum()));
        });
        Assert.That(d.Tests, Is.EqualTo(Hours - first - 48), "the burn-in buckets are not tested");
    }

    [Test]
    public void A_spike_after_a_late_start_is_still_found()
    {
        const int first = 5 * 24;
        var counts = SyntheticCounts.Poisson(Hours, i => i < first ? 0 : i == 600 ? 150 : 20, 9);
        var d = Detect(("late", counts));
        Assert.That(d.Bursts.Select(b => b.Peak), Is.EqualTo(new[] { SyntheticCounts.Start.AddHours(600) }));
        Assert.That(d.NewSeries, Has.Count.EqualTo(1));
    }

    [Test]
    public void Daily_buckets_find_a_day_long_surge()
    {
        var days = 60;
        var buckets = new TimeBuckets(new TimeRange(SyntheticCounts.Start, SyntheticCounts.Start.AddDays(days)), BucketSize.Day, TimeZoneInfo.Utc);
        var counts = SyntheticCounts.Poisson(days, i => i == 40 ? 900 : 500, 3);
        var d = new BurstDetector().Detect([new CountSeries("brand", "daily", counts)], buckets);
        Assert.That(d.Bursts.Select(b => b.Peak), Is.EqualTo(new[] { SyntheticCounts.Start.AddDays(40) }));
    }

    [Test]
    public void An_empty_series_is_neither_new_nor_tested()
    {
        var d = Detect(("empty", new long[Hours]));
        Assert.That(d.Bursts, Is.Empty);
        Assert.That(d.NewSeries, Is.Empty);
        Assert.That(d.Tests, Is.Zero);
    }

    [Test]
    public void Bursts_of_one_series_never_share_a_bucket_even_when_widened_edges_meet()
    {
        // Pairs of spikes a few hours apart, with shoulders that are surprising on their own: the widened edges of one
        // run reach the next one.
        for (var seed = 1; seed <= 12; seed++)
        {
            var rng = new Random(seed);
            var centers = Enumerable.Range(0, 5).Select(j => 100 + (j * 90) + rng.Next(20)).ToList();
            var gap = 3 + rng.Next(4);
            var counts = SyntheticCounts.Poisson(Hours, i => centers.Any(c => i == c || i == c + gap) ? 120 : centers.Any(c => i > c && i < c + gap) ? 38 : 20, seed);
            var bursts = Detect(("acme", counts)).Bursts.OrderBy(b => b.Start).ToList();
            Assert.That(bursts, Is.Not.Empty);
            for (var j = 1; j < bursts.Count; j++)
            {
                Assert.That(bursts[j].Start, Is.GreaterThanOrEqualTo(bursts[j - 1].End), $"seed {seed}: {bursts[j - 1].Id} and {bursts[j].Id} overlap");
            }

            Assert.That(bursts.Select(b => b.Id), Is.Unique, $"seed {seed}");
        }
    }
}
