using Marketing.Generation.Targeting;

namespace Marketing.Generation.Tests.Targeting;

public class StatisticsTests
{
    [Test]
    public void Wilson_interval_matches_the_published_values()
    {
        // Newcombe (1998), Table I: 0/10 -> 0 to 0.2775; 1/29 -> 0.0061 to 0.1718.
        var zero = Statistics.Wilson(0, 10);
        Assert.That(zero.Low, Is.EqualTo(0).Within(1e-4));
        Assert.That(zero.High, Is.EqualTo(0.2775).Within(1e-4));
        var one = Statistics.Wilson(1, 29);
        Assert.That(one.Low, Is.EqualTo(0.0061).Within(1e-4));
        Assert.That(one.High, Is.EqualTo(0.1718).Within(1e-4));
    }

    [Test]
    public void Newcombe_difference_interval_matches_the_published_example()
    {
        // Newcombe (1998), example (a): 56/70 - 48/80 = 0.2000, method 10 interval 0.0524 to 0.3339.
        var d = Statistics.NewcombeDifference(56, 70, 48, 80);
        Assert.That(d.Estimate, Is.EqualTo(0.2).Within(1e-9));
        Assert.That(d.Low, Is.EqualTo(0.0524).Within(1e-4));
        Assert.That(d.High, Is.EqualTo(0.3339).Within(1e-4));
        Assert.That(d.AboveZero, Is.True);
    }

    [Test]
    public void Bootstrap_ratio_is_reproducible_and_brackets_the_estimate()
    {
        var a = Enumerable.Range(0, 300).Select(i => (double)(i % 20) + 10).ToList();
        var b = Enumerable.Range(0, 500).Select(i => (double)(i % 20)).ToList();
        var first = Statistics.BootstrapMeanRatio(a, b);
        var second = Statistics.BootstrapMeanRatio(a, b);
        Assert.That(second, Is.EqualTo(first));
        Assert.That(first.Estimate, Is.EqualTo(19.5 / 9.5).Within(1e-9));
        Assert.That(first.Low, Is.LessThan(first.Estimate));
        Assert.That(first.High, Is.GreaterThan(first.Estimate));
    }
}
