using Marketing.Reports.Model;

namespace Marketing.Reports.Tests.Data;

public sealed class KpiChangeTests
{
    [Test]
    public void Change_is_relative_to_the_previous_period()
    {
        var c = KpiChange.Of(150, 100);
        Assert.That(c.Absolute, Is.EqualTo(50));
        Assert.That(c.Percent, Is.EqualTo(50).Within(1e-9));
        Assert.That(c.Direction, Is.EqualTo("up"));
    }

    [Test]
    public void A_drop_is_negative_and_down()
    {
        var c = KpiChange.Of(30, 40);
        Assert.That(c.Percent, Is.EqualTo(-25).Within(1e-9));
        Assert.That(c.Direction, Is.EqualTo("down"));
    }

    [Test]
    public void Change_from_zero_has_no_percentage_but_an_absolute_change()
    {
        var c = KpiChange.Of(7, 0);
        Assert.That(c.Percent, Is.Null);
        Assert.That(c.Absolute, Is.EqualTo(7));
    }

    [Test]
    public void Change_of_a_negative_previous_value_keeps_the_sign_of_the_move()
    {
        // Net sentiment going from −0.5 to −0.25 is an improvement: +50 % of the magnitude, direction up.
        var c = KpiChange.Of(-0.25, -0.5, isRatio: true);
        Assert.That(c.Percent, Is.EqualTo(50).Within(1e-9));
        Assert.That(c.Direction, Is.EqualTo("up"));
        Assert.That(c.IsRatio, Is.True);
    }

    [Test]
    public void No_change_is_flat()
    {
        Assert.That(KpiChange.Of(3, 3).Direction, Is.EqualTo("flat"));
    }
}
