using Marketing.Analysis.Trends;
using Marketing.Core.Storage;
using NUnit.Framework;

namespace Marketing.Analysis.Tests.Trends;

public class TimeBucketsTests
{
    private static readonly TimeZoneInfo Paris = TimeBuckets.ParseZone("Europe/Paris");

    [Test]
    public void Local_days_across_the_spring_change_are_23_hours_and_start_at_local_midnight()
    {
        // Paris moves from +01:00 to +02:00 on 2026-03-29.
        var range = new TimeRange(new DateTimeOffset(2026, 3, 28, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 31, 0, 0, 0, TimeSpan.Zero));
        var b = new TimeBuckets(range, BucketSize.Day, Paris);

        Assert.That(b.Start(0), Is.EqualTo(new DateTimeOffset(2026, 3, 28, 0, 0, 0, TimeSpan.FromHours(1))));
        var day29 = Enumerable.Range(0, b.Count).Single(i => b.Start(i).Day == 29);
        Assert.Multiple(() =>
        {
            Assert.That(b.Start(day29).Offset, Is.EqualTo(TimeSpan.FromHours(1)));
            Assert.That(b.End(day29) - b.Start(day29), Is.EqualTo(TimeSpan.FromHours(23)));
            Assert.That(b.End(day29).Offset, Is.EqualTo(TimeSpan.FromHours(2)));
        });
    }

    [Test]
    public void Local_days_across_the_autumn_change_are_25_hours()
    {
        var range = new TimeRange(new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 27, 0, 0, 0, TimeSpan.Zero));
        var b = new TimeBuckets(range, BucketSize.Day, Paris);
        var day25 = Enumerable.Range(0, b.Count).Single(i => b.Start(i).Day == 25);
        Assert.That(b.End(day25) - b.Start(day25), Is.EqualTo(TimeSpan.FromHours(25)));
    }

    [Test]
    public void Utc_hours_are_summed_into_the_local_day_they_start_in_across_dst()
    {
        var range = new TimeRange(new DateTimeOffset(2026, 3, 28, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 31, 0, 0, 0, TimeSpan.Zero));
        var b = new TimeBuckets(range, BucketSize.Day, Paris);
        // One post per UTC hour: local days hold 24, 23 (the spring day) and 24 hours.
        var hourly = Enumerable.Range(0, 72).Select(h => new BrandBucket(range.Start.AddHours(h), "acme", 1, 0, 0, 0, 0));
        var series = SeriesBuilder.FromBrandHours(hourly, b).Single();
        var byDay = series.Points.ToDictionary(p => p.Start.Day, p => p.Volume);

        Assert.Multiple(() =>
        {
            Assert.That(byDay[29], Is.EqualTo(23));
            Assert.That(byDay[30], Is.EqualTo(24));
            // 2026-03-28 00:00Z is 01:00 local: the first local day starts an hour before the range, so it holds 23 hours.
            Assert.That(byDay[28], Is.EqualTo(23));
            Assert.That(series.Total, Is.EqualTo(72));
        });
    }

    [Test]
    public void A_late_evening_utc_post_lands_on_the_next_local_day()
    {
        var range = new TimeRange(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 6, 4, 0, 0, 0, TimeSpan.Zero));
        var b = new TimeBuckets(range, BucketSize.Day, Paris);
        var i = b.IndexOf(new DateTimeOffset(2026, 6, 2, 22, 30, 0, TimeSpan.Zero));
        Assert.That(b.Start(i), Is.EqualTo(new DateTimeOffset(2026, 6, 3, 0, 0, 0, TimeSpan.FromHours(2))));
    }

    [Test]
    public void Weeks_start_on_local_monday()
    {
        var range = new TimeRange(new DateTimeOffset(2026, 11, 4, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero));
        var b = new TimeBuckets(range, BucketSize.Week, TimeBuckets.ParseZone("America/New_York"));
        Assert.That(b.Bounds.Take(b.Count).Select(s => s.DayOfWeek), Is.All.EqualTo(DayOfWeek.Monday));
        Assert.That(b.Start(0), Is.EqualTo(new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.FromHours(-5))));
    }

    [Test]
    public void Hours_are_utc_hours_shown_in_the_zone()
    {
        var range = new TimeRange(new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 29, 4, 0, 0, TimeSpan.Zero));
        var b = new TimeBuckets(range, BucketSize.Hour, Paris);
        Assert.That(b.Count, Is.EqualTo(4));
        Assert.That(b.Bounds.Select(t => t.Hour), Is.EqualTo(new[] { 1, 3, 4, 5, 6 }), "01:00 +01, then 03:00 +02 after the jump");
    }

    [Test]
    public void An_unknown_zone_is_a_clear_error()
    {
        var ex = Assert.Throws<ArgumentException>(() => TimeBuckets.ParseZone("Mars/Olympus"));
        Assert.That(ex!.Message, Does.Contain("IANA"));
    }
}
