using Marketing.Generation.Channels;
using Marketing.Generation.Drafting;
using Marketing.Generation.Guardrails;

namespace Marketing.Generation.Tests.Guardrails;

public class GuardrailTests
{
    private static readonly Guardrail Guard = new(SampleWorld.Profile(), verifiedHandles: ["famouschef"]);

    private static List<string> Codes(string text) => Guard.CheckText("text", text).Select(v => v.Code).ToList();

    [Test]
    public void Plain_copy_passes()
    {
        Assert.That(Codes("Your day, one charge. Shop now at https://www.acme.com/ #acme"), Is.Empty);
    }

    [Test]
    public void A_banned_term_is_caught_as_a_whole_word_in_any_case()
    {
        Assert.That(Codes("A Cheap phone for you"), Is.EqualTo(new[] { "banned_term" }));
        Assert.That(Codes("Cheapside market"), Is.Empty);
        Assert.That(Codes("A miracle of a phone"), Is.EqualTo(new[] { "banned_term" }), "the always-banned list applies to every brand");
    }

    [TestCase("The best phone of the year")]
    [TestCase("Acme is #1 for families")]
    [TestCase("Guaranteed to last")]
    [TestCase("Now 50% lighter")]
    [TestCase("Lasts 40 hours")]
    [TestCase("The fastest charger around")]
    [TestCase("The only phone you need")]
    public void A_claim_that_is_not_in_the_library_is_unsupported(string text)
    {
        Assert.That(Codes(text), Is.EqualTo(new[] { "unsupported_claim" }));
    }

    [Test]
    public void An_approved_claim_in_its_exact_words_passes_and_is_recorded_with_its_citation()
    {
        var draft = new Draft
        {
            Channel = ChannelIds.X,
            Fields = new DraftFields { Text = "Up to 30 hours of battery life. Support that answers 24/7. Shop now." },
        };
        var result = Guard.Check(draft);
        Assert.That(result.Violations, Is.Empty);
        Assert.That(result.ClaimsUsed, Is.EqualTo(new[] { "battery-30h", "support-247" }));
        Assert.That(result.ClaimCitations, Is.EqualTo(new[] { "Acme lab test AL-2026-07" }));
    }

    [Test]
    public void A_reworded_claim_is_not_backed_by_the_library()
    {
        Assert.That(Codes("Up to 35 hours of battery life"), Is.EqualTo(new[] { "unsupported_claim" }));
    }

    [Test]
    public void Emails_and_phone_numbers_are_personal_data()
    {
        Assert.That(Codes("Write to jane.doe@example.com"), Is.EqualTo(new[] { "personal_data" }));
        Assert.That(Codes("Call +1 (415) 555-0199 today"), Is.EqualTo(new[] { "personal_data" }));
    }

    [Test]
    public void Only_the_brands_own_allow_listed_or_verified_handles_may_be_mentioned()
    {
        Assert.That(Codes("Ask @acme or @AcmeSupport, as @famouschef did"), Is.Empty);
        Assert.That(Codes("Thanks @janedoe for the review"), Is.EqualTo(new[] { "private_handle" }));
    }

    [TestCase("https://www.acme.com/phones", true)]
    [TestCase("https://acme.com/", true)]
    [TestCase("https://shop.acme.com/cart", true)]
    [TestCase("https://evil.example.net/", false)]
    [TestCase("https://acme.com.evil.io/", false)]
    [TestCase("https://notacme.com/", false)]
    public void Links_must_be_on_the_allow_list(string url, bool allowed)
    {
        Assert.That(Guard.IsAllowedLink(url), Is.EqualTo(allowed));
        Assert.That(Codes("See " + url).Contains("disallowed_link"), Is.EqualTo(!allowed));
    }

    [Test]
    public void Links_with_credentials_or_other_schemes_are_not_allowed()
    {
        Assert.That(Guard.IsAllowedLink("https://user@acme.com/"), Is.False);
        Assert.That(Guard.IsAllowedLink("ftp://acme.com/"), Is.False);
    }

    [Test]
    public void A_disallowed_final_url_is_caught_in_url_fields_too()
    {
        var draft = new Draft
        {
            Channel = ChannelIds.GoogleRsa,
            Fields = new DraftFields { Headlines = ["Acme", "Shop", "Phones"], Descriptions = ["One", "Two"], FinalUrl = "https://evil.example.net/" },
        };
        Assert.That(Guard.Check(draft).Violations.Select(v => (v.Code, v.Field)), Is.EqualTo(new[] { ("disallowed_link", "final_url") }));
    }

    [Test]
    public void The_injection_post_breaks_every_rule_it_tries_to_slip_in()
    {
        var codes = Codes(SampleWorld.InjectionText);
        Assert.That(codes, Is.SupersetOf(new[] { "unsupported_claim", "disallowed_link", "personal_data", "private_handle" }));
    }
}
