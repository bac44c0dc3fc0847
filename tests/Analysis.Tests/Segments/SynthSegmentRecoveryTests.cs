using Marketing.Analysis.Segments;
using Marketing.Synth;
using NUnit.Framework;

namespace Marketing.Analysis.Tests.Segments;

public class SynthSegmentRecoveryTests
{
    [Test]
    public void For_each_brand_the_segment_the_truth_marks_most_positive_is_ranked_most_positive()
    {
        var generator = new SynthGenerator(new SynthOptions { Posts = 30_000, Days = 14, Seed = 3 });
        var report = new SegmentModeler().Build(SynthData.Posts(generator), k: null, seed: 42);
        var truth = generator.Truth;

        Assert.That(report.Segments, Has.Count.EqualTo(truth.Segments.Count), "one segment per region");
        Assert.That(report.Segments.Select(s => s.RegionShare), Is.All.GreaterThan(0.9));
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
