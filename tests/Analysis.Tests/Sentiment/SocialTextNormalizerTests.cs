using Marketing.Analysis.Sentiment;
using NUnit.Framework;

namespace Marketing.Analysis.Tests.Sentiment;

public sealed class SocialTextNormalizerTests
{
    private static SocialTextNormalizer Normalizer()
    {
        var dir = Marketing.TestSupport.TestPaths.NewTempDir("lex");
        SmallCorpus.WriteLexicon(dir);
        return new SocialTextNormalizer(SentimentLexicon.Load(Path.Combine(dir, "lexicon.txt")));
    }

    [Test]
    public void Urls_and_mentions_become_placeholders()
    {
        Assert.That(Normalizer().Normalize("@bob look https://t.co/xyz and www.example.com"), Is.EqualTo("@USER look URL and URL"));
    }

    [Test]
    public void Camel_case_hashtags_are_split_into_words()
    {
        Assert.That(Normalizer().Normalize("#NotHappy with #iPhone15"), Is.EqualTo("not happy_NEG with i phone 15"));
    }

    [Test]
    public void Run_together_hashtags_are_split_when_the_pieces_carry_sentiment()
    {
        Assert.That(Normalizer().Normalize("#sohappy #nothappy"), Is.EqualTo("so happy not happy_NEG"));
        Assert.That(Normalizer().Normalize("#blackfriday"), Is.EqualTo("blackfriday"));
    }

    [Test]
    public void Elongations_are_cut_to_two_letters_and_flagged()
    {
        var tokens = Normalizer().Tokenize("sooooo GOOOOD");
        Assert.That(tokens.Select(t => t.Text), Is.EqualTo(new[] { "soo", "good" }));
        Assert.That(tokens.All(t => t.Elongated), Is.True);
        Assert.That(tokens[1].Shouted, Is.True);
    }

    [Test]
    public void Negation_marks_words_until_the_next_punctuation()
    {
        Assert.That(Normalizer().Normalize("I don't like it, but the screen is good"), Is.EqualTo("i don't like_NEG it_NEG but the screen is good"));
        Assert.That(Normalizer().Normalize("not good. great though"), Is.EqualTo("not good_NEG great though"));
        Assert.That(Normalizer().Normalize("can’t wait"), Is.EqualTo("can't wait_NEG"));
    }

    [Test]
    public void Emoji_become_the_words_of_their_description_and_emoticons_stay_whole()
    {
        Assert.That(Normalizer().Normalize("love it😍 :)"), Is.EqualTo("love it smiling face with heart eyes :)"));
        Assert.That(Normalizer().Normalize("ugh 😡"), Is.EqualTo("ugh enraged face"));
    }

    [Test]
    public void Exclamation_and_question_runs_are_kept_as_single_marks()
    {
        Assert.That(Normalizer().Normalize("what?!! wow!!!"), Is.EqualTo("what ?! wow !!"));
    }
}
