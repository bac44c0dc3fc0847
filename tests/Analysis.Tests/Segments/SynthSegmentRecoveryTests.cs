using Marketing.Analysis.Segments;
using Marketing.Synth;
using NUnit.Framework;

namespace Marketing.Analysis.Tests.Segments;

public class SynthSegmentRecoveryTests
{
    [TestCase(3)]
    [TestCase(7)]
    [TestCase(11)]
    public void For_each_brand_the_segment_the_truth_marks_most_positive_is_ranked_most_positive(int seed)
    {
        var generator = new SynthGenerator(new SynthOptions { Posts = 30_000, Days = 14, Seed = seed });
        var report = new SegmentModeler().Build(SynthData.Posts(generator), k: null, seed: 42);
        var truth = generator.Truth;

        Assert.That(report.Segments, Has.Count.EqualTo(truth.Segments.Count), "one segment per region");
        Assert.That(report.Segments.Count(s => s.RegionShare > 0.9), Is.EqualTo(truth.Segments.Count), "segments are regions");
        var region = report.Segments.ToDictionary(s => s.Id, s => s.Region);
        Assert.Multiple(() =>
        {
            foreach (var brand in truth.Brands)
            {
                var fan = truth.Segments.MaxBy(s => s.Affinity[brand])!;
                Assert.That(region[report.BrandRanking[brand][0]], Is.EqualTo(fan.Region), $"most positive about {brand}");
            }
        });
    }
}
