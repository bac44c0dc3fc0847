using Marketing.Reports.Rendering;

namespace Marketing.Reports.Tests.Rendering;

public sealed class ReportTextTests
{
    [TestCase("<script>alert(1)</script>")]
    [TestCase("<img src=x onerror=alert(1)>")]
    [TestCase("\"><svg onload=alert(1)>")]
    public void Html_encoding_leaves_no_markup(string text)
    {
        var encoded = ReportText.Html(text);
        Assert.That(encoded, Does.Not.Contain("<").And.Not.Contain(">").And.Not.Contain("\""));
    }

    [Test]
    public void Markdown_encoding_neutralises_html_links_and_headings()
    {
        var encoded = ReportText.Markdown("# hi [click](http://evil) <b>x</b> | *y*\nnext");

        Assert.That(encoded, Does.Not.Contain("<b>"));
        Assert.That(encoded, Does.StartWith("\\#"));
        Assert.That(encoded, Does.Contain("\\[click\\]\\(http://evil\\)"));
        Assert.That(encoded, Does.Contain("\\|"));
        Assert.That(encoded, Does.Not.Contain("\n"), "a table cell stays one line");
    }
}
