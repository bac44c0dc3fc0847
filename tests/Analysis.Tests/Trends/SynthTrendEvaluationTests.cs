using Marketing.Analysis.Trends;
using Marketing.Core.Storage;
using Marketing.Synth;
using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Analysis.Tests.Trends;

/// <summary>
/// The done-when target on the synthetic stream with its truth: injected events found with recall ≥ 0.9 and precision
/// ≥ 0.8, every matched peak within one hourly bucket. Two streams (about 10 s on two cores); docs/trends.md lists the
/// other seeds and sizes measured, and <c>mkt-bench trends</c> the 1M-post one.
/// </summary>
public class SynthTrendEvaluationTests
{
    [TestCase(100_000, 30, 7, 9)]
    [TestCase(40_000, 21, 3, 5)]
    public async Task Injected_events_are_found_with_high_recall_and_precision_and_peaks_within_one_bucket(int posts, int days, int seed, int events)
    {
        var generator = new SynthGenerator(new SynthOptions { Posts = posts, Days = days, Seed = seed });
        await using var store = await TestStores.OpenNewAsync(StoreKind.Sqlite);
        await SynthData.FillAsync(store, SynthData.Posts(generator));

        var report = await TrendAnalyzer.AnalyzeAsync(store, new TrendQuery
        {
            Since = generator.Start,
            Until = generator.End,
            MaxHashtags = 0,
            MaxExplained = 0,
            SamplePosts = 0,
        });
        var truth = generator.Truth.Events.Select(e => new ExpectedEvent(e.Kind, e.Brand, e.Start, e.Peak, e.End, e.Id, e.Competitor)).ToList();
        var eval = TrendEvaluator.Evaluate(truth, TrendEvaluator.Detections(report), TimeSpan.FromHours(1));

        var missed = string.Join(", ", eval.Matches.Where(m => m.Detected is null).Select(m => m.Expected.Id));
        var wrong = string.Join(", ", eval.FalsePositives.Select(f => f.Id));
        Assert.Multiple(() =>
        {
            Assert.That(eval.Events, Is.EqualTo(events));
            Assert.That(eval.Recall, Is.GreaterThanOrEqualTo(0.9), "missed: " + missed);
            Assert.That(eval.Precision, Is.GreaterThanOrEqualTo(0.8), "false positives: " + wrong);
            Assert.That(eval.MaxPeakErrorBuckets, Is.LessThanOrEqualTo(1));
        });
    }
}
