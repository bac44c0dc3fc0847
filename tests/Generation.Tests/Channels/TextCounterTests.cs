using Marketing.Generation.Channels;

namespace Marketing.Generation.Tests.Channels;

public class TextCounterTests
{
    [Test]
    public void X_counts_any_url_as_23_characters()
    {
        var longUrl = "https://www.acme.com/" + new string('a', 120);
        Assert.That(TextCounter.XWeightedLength("Go " + longUrl), Is.EqualTo(3 + 23));
        Assert.That(TextCounter.XWeightedLength("Go https://t.co/x"), Is.EqualTo(3 + 23));
    }

    [Test]
    public void X_counts_CJK_characters_as_two_so_140_fit()
    {
        var fits = new string('猫', 140);
        var over = new string('猫', 141);
        Assert.That(TextCounter.XWeightedLength(fits), Is.EqualTo(280));
        Assert.That(TextCounter.XWeightedLength(over), Is.EqualTo(282));
        Assert.That(TextCounter.IsCjkHeavy(over), Is.True);
        Assert.That(TextCounter.IsCjkHeavy("plain latin text with one 猫"), Is.False);
    }

    [Test]
    public void X_counts_latin_accents_as_one_and_emoji_as_two()
    {
        Assert.That(TextCounter.XWeightedLength("café"), Is.EqualTo(4));
        Assert.That(TextCounter.XWeightedLength("ok 🎉"), Is.EqualTo(5));
    }

    [Test]
    public void Google_counts_double_width_characters_as_two()
    {
        Assert.That(TextCounter.GoogleLength("Acme Phone"), Is.EqualTo(10));
        Assert.That(TextCounter.GoogleLength("アクメ"), Is.EqualTo(6));
    }

    [Test]
    public void Graphemes_count_an_emoji_sequence_as_one_character()
    {
        Assert.That(TextCounter.Graphemes("👩‍👩‍👧"), Is.EqualTo(1));
        Assert.That(TextCounter.Graphemes("e\u0301"), Is.EqualTo(1));
    }
}
