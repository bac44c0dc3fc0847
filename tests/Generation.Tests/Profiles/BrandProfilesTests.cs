using Marketing.Generation.Profiles;

namespace Marketing.Generation.Tests.Profiles;

public class BrandProfilesTests
{
    [Test]
    public void A_profile_file_round_trips_and_gets_default_ctas()
    {
        var profile = SampleWorld.Profile();
        profile.Ctas = [];
        var parsed = BrandProfiles.Parse(BrandProfiles.ToJson(profile));
        Assert.That(parsed.ApprovedClaims.Select(c => c.Id), Is.EqualTo(new[] { "battery-30h", "support-247" }));
        Assert.That(parsed.Ctas, Is.EqualTo(BrandProfiles.DefaultCtas));
        Assert.That(parsed.LandingUrl, Is.EqualTo("https://www.acme.com/"));
        Assert.That(parsed.Source, Is.EqualTo("file"));
    }

    [Test]
    public void A_profile_without_brand_or_links_or_with_duplicate_claims_is_refused_with_every_problem_named()
    {
        var ex = Assert.Throws<FormatException>(() => BrandProfiles.Parse("""{"approved_claims":[{"id":"a","text":"x"},{"id":"a","text":"y"}]}""", "p.json"));
        Assert.That(ex!.Message, Does.Contain("p.json").And.Contain("\"brand\"").And.Contain("allowed_links").And.Contain("'a' appears twice"));
        Assert.Throws<FormatException>(() => BrandProfiles.Parse("{not json", "p.json"));
    }

    [Test]
    public void A_missing_profile_file_says_how_to_write_one()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => BrandProfiles.Load("/nonexistent/profile.json"));
        Assert.That(ex!.Message, Does.Contain("docs/generation.md"));
    }

    [Test]
    public void The_derived_default_uses_the_watchlist_handles_and_hashtags_and_allows_no_claims()
    {
        var p = BrandProfiles.Default(SampleWorld.Acme);
        Assert.That(p.Handles, Is.EqualTo(new[] { "acme" }));
        Assert.That(p.Hashtags, Is.EqualTo(new[] { "acme" }));
        Assert.That(p.ApprovedClaims, Is.Empty);
        Assert.That(p.Source, Is.EqualTo("derived"));
        Assert.That(p.LandingUrl, Is.EqualTo("https://www.acme.com/"));
    }
}
