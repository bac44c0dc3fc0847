using Marketing.Analysis.Trends;
using NUnit.Framework;

namespace Marketing.Analysis.Tests.Trends;

public class TrendEvaluatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private static ExpectedEvent Truth(string brand, int start, int peak, int end) => new("launch_spike", brand, T0.AddHours(start), T0.AddHours(peak), T0.AddHours(end));

    private static DetectedEvent Found(string id, string brand, int start, int peak, int end) => new(id, "burst", brand, T0.AddHours(start), T0.AddHours(peak), T0.AddHours(end));

    [Test]
    public void Matching_needs_the_same_brand_an_overlap_and_a_peak_within_one_bucket()
    {
        var e = Truth("acme", 10, 12, 16);
        Assert.Multiple(() =>
        {
            Assert.That(TrendEvaluator.Matches(e, Found("a", "acme", 11, 13, 15), Hour), Is.True);
            Assert.That(TrendEvaluator.Matches(e, Found("b", "globex", 11, 12, 15), Hour), Is.False, "other brand");
            Assert.That(TrendEvaluator.Matches(e, Found("c", "acme", 11, 14, 15), Hour), Is.False, "peak two buckets off");
            Assert.That(TrendEvaluator.Matches(e, Found("d", "acme", 16, 16, 18), Hour), Is.False, "no overlap, peak far");
            Assert.That(TrendEvaluator.Matches(e, Found("e", "ACME", 12, 11, 13), Hour), Is.True, "brand ids compare case-insensitively");
        });
    }

    [Test]
    public void Recall_precision_and_peak_error_follow_their_definitions()
    {
        var truth = new[] { Truth("acme", 10, 12, 16), Truth("globex", 100, 101, 110), Truth("initech", 200, 205, 210) };
        var found = new[]
        {
            Found("hit1", "acme", 11, 13, 15),   // matches acme, error 1
            Found("hit1b", "acme", 10, 12, 14),  // also matches acme, error 0: the closest one counts
            Found("hit2", "globex", 100, 101, 104), // error 0
            Found("fp", "acme", 300, 301, 302),  // false positive
        };
        var r = TrendEvaluator.Evaluate(truth, found, Hour);
        Assert.Multiple(() =>
        {
            Assert.That(r.Recall, Is.EqualTo(Math.Round(2 / 3.0, 4)));
            Assert.That(r.Precision, Is.EqualTo(0.75));
            Assert.That(r.PeakErrorBuckets, Is.EqualTo(0));
            Assert.That(r.MatchedEvents, Is.EqualTo(2));
            Assert.That(r.FalsePositives.Select(f => f.Id), Is.EqualTo(new[] { "fp" }));
            Assert.That(r.Matches.Single(m => m.Expected.Brand == "initech").Detected, Is.Null);
        });
    }

    [Test]
    public void A_detection_inside_an_events_episode_is_correct_but_finds_the_event_only_with_the_right_peak()
    {
        var campaign = new ExpectedEvent("competitor_campaign", "acme", T0.AddHours(10), T0.AddHours(13), T0.AddHours(22), "c", "globex");
        var found = new[]
        {
            Found("late-half", "acme", 17, 18, 20),      // the campaign's second wave: part of it, peak 5 off
            Found("co-burst", "globex", 12, 15, 20),     // the targeted competitor's own burst, peak 2 off
            Found("elsewhere", "initech", 12, 13, 20),   // another brand entirely
            Found("after", "acme", 22, 23, 30),          // starts when the event has ended
        };
        var r = TrendEvaluator.Evaluate([campaign], found, Hour);
        Assert.Multiple(() =>
        {
            Assert.That(r.Recall, Is.EqualTo(0), "no detection peaks within one bucket of the campaign's peak");
            Assert.That(r.FalsePositives.Select(f => f.Id), Is.EqualTo(new[] { "elsewhere", "after" }));
            Assert.That(r.Precision, Is.EqualTo(0.5));
        });
    }

    [Test]
    public void Peak_error_is_measured_in_buckets_of_the_run()
    {
        var e = new ExpectedEvent("outage_burst", "acme", T0, T0.AddDays(1), T0.AddDays(3));
        var d = new DetectedEvent("d", "burst", "acme", T0, T0.AddDays(2), T0.AddDays(3));
        Assert.That(TrendEvaluator.PeakError(e, d, TimeSpan.FromDays(1)), Is.EqualTo(1));
        Assert.That(TrendEvaluator.PeakError(e, d, Hour), Is.EqualTo(24));
    }

    [Test]
    public void No_detections_on_real_events_is_zero_precision_and_zero_recall()
    {
        var r = TrendEvaluator.Evaluate([Truth("acme", 1, 2, 3)], [], Hour);
        Assert.That((r.Recall, r.Precision), Is.EqualTo((0.0, 0.0)));
    }
}
