using Marketing.Analysis.Trends;
using Marketing.Core.Storage;
using NUnit.Framework;

namespace Marketing.Analysis.Tests.Trends;

public class SentimentShiftDetectorTests
{
    private const int Hours = 20 * 24;

    private static TimeBuckets Buckets => new(new TimeRange(SyntheticCounts.Start, SyntheticCounts.Start.AddHours(Hours)), BucketSize.Hour, TimeZoneInfo.Utc);

    /// <summary>40 posts an hour, each negative with the share the function gives for its hour.</summary>
    private static TrendSeries Series(string brand, Func<int, double> negativeShare, int seed)
    {
        var rng = new Random(seed);
        var points = Enumerable.Range(0, Hours).Select(i =>
        {
            var n = 40;
            var neg = Enumerable.Range(0, n).Count(_ => rng.NextDouble() < negativeShare(i));
            var pos = (n - neg) / 2;
            return new SeriesPoint(SyntheticCounts.Start.AddHours(i), n, pos, n - neg - pos, neg, 0);
        }).ToList();
        return new TrendSeries("brand", brand, BucketSize.Hour, points);
    }

    [Test]
    public void A_steady_negative_share_has_no_episode()
    {
        var shifts = new SentimentShiftDetector().Episodes([Series("steady", _ => 0.2, 1), Series("steady2", _ => 0.3, 2)], Buckets);
        Assert.That(shifts, Is.Empty);
    }

    [Test]
    public void A_decline_that_ends_and_recovers_peaks_at_its_end()
    {
        // Negative share rises from 20% to 60% over hours 300..372, then recovers.
        const int end = 372;
        var shifts = new SentimentShiftDetector().Episodes([Series("acme", i => i is >= 300 and < end ? 0.2 + (0.4 * (i - 300) / 72.0) : 0.2, 3)], Buckets);
        var up = shifts.Where(s => s.Direction == "more_negative").ToList();
        Assert.That(up, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(up[0].Brand, Is.EqualTo("acme"));
            Assert.That(Math.Abs((up[0].Peak - SyntheticCounts.Start.AddHours(end)).TotalHours), Is.LessThanOrEqualTo(1), "the peak is where the decline ends");
            Assert.That(up[0].NegativeShare, Is.GreaterThan(up[0].BaselineNegativeShare + 0.2));
            Assert.That(up[0].QValue, Is.LessThanOrEqualTo(0.01));
            Assert.That(up[0].EffectH, Is.GreaterThan(0.5));
        });
    }

    [Test]
    public void A_positive_burst_does_not_make_the_following_days_look_negative_once_its_buckets_leave_the_baseline()
    {
        // Hours 100..108: a launch, 400 posts an hour and 2% negative; otherwise 40 posts an hour, 30% negative.
        var rng = new Random(6);
        var points = Enumerable.Range(0, Hours).Select(i =>
        {
            var launch = i is >= 100 and < 109;
            var n = launch ? 400 : 40;
            var neg = Enumerable.Range(0, n).Count(_ => rng.NextDouble() < (launch ? 0.02 : 0.3));
            return new SeriesPoint(SyntheticCounts.Start.AddHours(i), n, n - neg, 0, neg, 0);
        }).ToList();
        var series = new TrendSeries("brand", "acme", BucketSize.Hour, points);
        var burst = new Burst { Id = "b", SeriesKind = "brand", Key = "acme", Start = SyntheticCounts.Start.AddHours(100), End = SyntheticCounts.Start.AddHours(109) };
        var other = new Burst { Id = "o", SeriesKind = "brand", Key = "globex", Start = burst.Start, End = burst.End };

        var naive = new SentimentShiftDetector().Episodes([series], Buckets).Where(s => s.Direction == "more_negative").ToList();
        var masked = new SentimentShiftDetector().Episodes([series], Buckets, [burst]).Where(s => s.Direction == "more_negative").ToList();
        var otherBrand = new SentimentShiftDetector().Episodes([series], Buckets, [other]).Where(s => s.Direction == "more_negative").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(naive, Is.Not.Empty, "the launch's hours drag the baselines of the days around it down");
            Assert.That(naive.All(s => s.End <= burst.Start || s.Start >= burst.End), Is.True, "the episodes are the ordinary days around it");
            Assert.That(masked, Is.Empty);
            Assert.That(otherBrand, Has.Count.EqualTo(naive.Count), "only the brand's own bursts leave its baseline");
        });
    }

    [Test]
    public void The_recent_week_against_the_weeks_before_is_tested_per_brand()
    {
        var shifts = new SentimentShiftDetector().Windows([Series("worse", i => i >= Hours - (7 * 24) ? 0.35 : 0.2, 4), Series("same", _ => 0.2, 5)], Buckets);
        Assert.That(shifts.Select(s => (s.Brand, s.Direction)), Is.EqualTo(new[] { ("worse", "more_negative") }));
        Assert.That(shifts[0].PValue, Is.LessThan(1e-6));
    }
}
