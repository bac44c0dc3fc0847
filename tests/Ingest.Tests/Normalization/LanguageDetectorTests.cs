using Marketing.Ingest.Normalization;
using NUnit.Framework;
using static Marketing.Ingest.Tests.DecodeHelpers;

namespace Marketing.Ingest.Tests.Normalization;

public class LanguageDetectorTests
{
    private static readonly LanguageDetector Detector = new(new IngestOptions().Languages);

    [TestCase("I really love this phone, the battery lasts for two days and the camera is great.", "en")]
    [TestCase("Je trouve que le service client est vraiment très lent et ce n'est pas normal.", "fr")]
    [TestCase("Ich bin mit dem neuen Telefon sehr zufrieden, aber der Akku ist nicht gut.", "de")]
    [TestCase("El servicio es muy lento y la aplicación no funciona como esperaba.", "es")]
    [TestCase("Il nuovo telefono è molto bello ma la batteria non dura per niente.", "it")]
    [TestCase("Eu não gosto muito do novo aplicativo, mas o atendimento foi rápido.", "pt")]
    [TestCase("Ik ben heel blij met de nieuwe telefoon maar de batterij is niet goed.", "nl")]
    public void Full_sentences_are_detected(string text, string expected)
    {
        Assert.That(Detector.Detect(text), Is.EqualTo(expected));
    }

    [Test]
    public void Short_snippets_are_left_unknown_rather_than_guessed()
    {
        Assert.That(Detector.Detect("ceci est un test"), Is.Null);
    }

    [Test]
    public void Sentences_without_stop_words_go_to_the_statistical_detector()
    {
        var before = Detector.StatisticalCalls;
        var lang = Detector.Detect("Wunderschöne Landschaften, freundliche Menschen, leckeres Essen, tolle Erlebnisse überall.");
        Assert.Multiple(() =>
        {
            Assert.That(lang, Is.EqualTo("de"));
            Assert.That(Detector.StatisticalCalls, Is.GreaterThan(before));
        });
    }

    [Test]
    public void A_post_without_language_gets_one_detected_and_a_given_one_is_kept()
    {
        var options = Options(o => o.LanguageDetection = "missing");
        var detected = Single("""{"post_id":"1","text":"Le service client de cette banque est vraiment très lent, c'est décevant.","created_at":1727776800}""", options: options);
        var kept = Single("""{"post_id":"2","text":"Le service client de cette banque est vraiment très lent, c'est décevant.","language":"es","created_at":1727776800}""", options: options);
        Assert.Multiple(() =>
        {
            Assert.That(detected.Language, Is.EqualTo("fr"));
            Assert.That(kept.Language, Is.EqualTo("es"));
        });
    }
}
