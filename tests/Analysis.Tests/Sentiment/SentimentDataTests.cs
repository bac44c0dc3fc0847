using Marketing.Analysis.Sentiment;
using Marketing.Core.Domain;
using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Analysis.Tests.Sentiment;

public sealed class SentimentDataTests
{
    [Test]
    public void Csv_with_named_columns_and_rfc4180_quoting_is_read()
    {
        var path = Path.Combine(TestPaths.NewTempDir("data"), "d.csv");
        File.WriteAllText(path, "id,tweet,sentiment\n1,\"hello, \"\"world\"\"\nsecond line\",positive\n2,plain,-1\n");
        var rows = SentimentData.ReadLabelled(path, "tweet", "sentiment").ToList();
        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.That(rows[0].Text, Is.EqualTo("hello, \"world\"\nsecond line"));
        Assert.That(rows[0].Label, Is.EqualTo(SentimentLabel.Positive));
        Assert.That(rows[1].Label, Is.EqualTo(SentimentLabel.Negative));
        Assert.That(rows[1].Line, Is.EqualTo(4));
    }

    [Test]
    public void An_unknown_label_is_reported_with_its_line_number()
    {
        var path = Path.Combine(TestPaths.NewTempDir("data"), "d.tsv");
        File.WriteAllText(path, "label\ttext\npositive\tok\nangry\tgrr\n");
        var ex = Assert.Throws<FormatException>(() => SentimentData.ReadLabelled(path).ToList());
        Assert.That(ex!.Message, Does.Contain("line 3").And.Contain("'angry'"));
    }

    [Test]
    public void A_missing_column_names_the_columns_found_and_the_option_to_use()
    {
        var path = Path.Combine(TestPaths.NewTempDir("data"), "d.tsv");
        File.WriteAllText(path, "sentiment\ttweet\npositive\tok\n");
        var ex = Assert.Throws<FormatException>(() => SentimentData.ReadLabelled(path).ToList());
        Assert.That(ex!.Message, Does.Contain("no column 'label'").And.Contain("--label-col"));
    }
}
