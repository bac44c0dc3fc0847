using Marketing.Analysis.Trends;
using NUnit.Framework;

namespace Marketing.Analysis.Tests.Trends;

public class TrendStatisticsTests
{
    [Test]
    public void Poisson_upper_tail_matches_the_closed_form()
    {
        // P(Y >= 5 | λ = 1) = 1 − e^−1 (1 + 1 + 1/2 + 1/6 + 1/24)
        var expected = 1 - (Math.Exp(-1) * (1 + 1 + 0.5 + (1 / 6.0) + (1 / 24.0)));
        Assert.That(TrendStatistics.PoissonUpperTail(5, 1), Is.EqualTo(expected).Within(1e-12));
        Assert.That(TrendStatistics.PoissonUpperTail(0, 3), Is.EqualTo(1));
        Assert.That(TrendStatistics.PoissonUpperTail(2, 3), Is.EqualTo(1 - (Math.Exp(-3) * 4)).Within(1e-12));
    }

    [Test]
    public void Tiny_tails_keep_their_precision()
    {
        var p = TrendStatistics.PoissonUpperTail(200, 20);
        Assert.That(p, Is.GreaterThan(0).And.LessThan(1e-100));
    }

    [Test]
    public void Negative_binomial_tail_is_heavier_than_poisson_and_tends_to_it()
    {
        var poisson = TrendStatistics.PoissonUpperTail(40, 20);
        Assert.That(TrendStatistics.NegativeBinomialUpperTail(40, 20, 0.1), Is.GreaterThan(poisson * 10));
        Assert.That(TrendStatistics.NegativeBinomialUpperTail(40, 20, 1e-7), Is.EqualTo(poisson).Within(poisson * 1e-3));
    }

    [Test]
    public void Negative_binomial_tail_matches_a_geometric_case()
    {
        // α = 1, r = 1: geometric with p = 1 / (1 + μ); P(Y >= k) = (μ / (1 + μ))^k.
        Assert.That(TrendStatistics.NegativeBinomialUpperTail(6, 3, 1), Is.EqualTo(Math.Pow(0.75, 6)).Within(1e-9));
    }

    [Test]
    public void Benjamini_hochberg_adjusts_in_input_order()
    {
        var q = TrendStatistics.BenjaminiHochberg([0.01, 0.04, 0.03, 0.5]);
        Assert.That(q, Is.EqualTo(new[] { 0.04, 0.04 * 4 / 3, 0.04 * 4 / 3, 0.5 }).Within(1e-12));
    }

    [Test]
    public void Two_proportion_z_matches_a_hand_computation()
    {
        // 30/100 vs 20/100: pooled 0.25, se = sqrt(0.25 * 0.75 * 0.02) = 0.0612372
        Assert.That(TrendStatistics.TwoProportionZ(30, 100, 20, 100), Is.EqualTo(0.1 / 0.0612372).Within(1e-4));
        Assert.That(TrendStatistics.TwoSidedP(1.959964), Is.EqualTo(0.05).Within(1e-4));
    }

    [Test]
    public void Robust_level_ignores_a_burst_but_not_a_sparse_rate()
    {
        var values = Enumerable.Repeat(10.0, 160).Concat(Enumerable.Repeat(500.0, 8)).ToList();
        Assert.That(TrendStatistics.RobustLevel(values), Is.LessThan(11.5));
        var sparse = Enumerable.Repeat(0.0, 7).Concat(Enumerable.Repeat(1.0, 3)).ToList();
        Assert.That(TrendStatistics.RobustLevel(sparse), Is.EqualTo(0.3).Within(1e-12));
    }
}
