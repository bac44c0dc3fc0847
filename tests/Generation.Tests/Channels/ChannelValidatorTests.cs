using Marketing.Generation.Channels;
using Marketing.Generation.Drafting;

namespace Marketing.Generation.Tests.Channels;

public class ChannelValidatorTests
{
    private static Draft D(string channel, DraftFields fields) => new() { Channel = channel, Fields = fields };

    private static List<string> Errors(Draft d) => ChannelValidator.Validate(d).Errors.Select(e => $"{e.Code}:{e.Field}").ToList();

    [Test]
    public void X_post_of_281_characters_is_rejected_and_280_passes()
    {
        Assert.That(Errors(D(ChannelIds.X, new DraftFields { Text = new string('a', 280) })), Is.Empty);
        Assert.That(Errors(D(ChannelIds.X, new DraftFields { Text = new string('a', 281) })), Is.EqualTo(new[] { "too_long:text" }));
    }

    [Test]
    public void X_post_of_141_CJK_characters_is_rejected_with_a_note_about_CJK()
    {
        var (errors, _) = ChannelValidator.Validate(D(ChannelIds.X, new DraftFields { Text = new string('字', 141) }));
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0].Detail, Does.Contain("CJK"));
    }

    [Test]
    public void X_post_with_a_long_url_fits_when_the_url_counts_23()
    {
        var text = new string('a', 250) + " https://www.acme.com/" + new string('p', 100);
        Assert.That(Errors(D(ChannelIds.X, new DraftFields { Text = text })), Is.Empty);
    }

    [Test]
    public void Responsive_search_ad_needs_3_to_15_headlines_of_at_most_30_and_2_to_4_descriptions_of_at_most_90()
    {
        var ok = new DraftFields
        {
            Headlines = ["Acme", "Shop now", new string('h', 30)], Descriptions = ["One", new string('d', 90)], Path1 = "battery", Path2 = "shop-now",
            FinalUrl = "https://www.acme.com/",
        };
        Assert.That(Errors(D(ChannelIds.GoogleRsa, ok)), Is.Empty);

        var bad = new DraftFields
        {
            Headlines = ["Acme", new string('h', 31)], Descriptions = [new string('d', 91), "a", "b", "c", "e"], Path1 = "a-very-long-path-part", Path2 = "x y",
            FinalUrl = "https://www.acme.com/",
        };
        Assert.That(Errors(D(ChannelIds.GoogleRsa, bad)), Is.EquivalentTo(new[]
        {
            "too_few:headlines", "too_many:descriptions", "too_long:headline_2", "too_long:description_1", "too_long:path1", "bad_path:path2",
        }));
    }

    [Test]
    public void Responsive_search_ad_with_16_headlines_or_duplicates_is_rejected()
    {
        var many = new DraftFields { Headlines = [.. Enumerable.Range(1, 16).Select(i => "Headline " + i)], Descriptions = ["a", "b"], FinalUrl = "https://www.acme.com/" };
        Assert.That(Errors(D(ChannelIds.GoogleRsa, many)), Is.EqualTo(new[] { "too_many:headlines" }));
        var dup = new DraftFields { Headlines = ["Acme", "acme", "Shop"], Descriptions = ["a", "b"], FinalUrl = "https://www.acme.com/" };
        Assert.That(Errors(D(ChannelIds.GoogleRsa, dup)), Is.EqualTo(new[] { "duplicate:headlines" }));
    }

    [Test]
    public void Meta_headline_over_40_and_description_over_30_are_rejected_and_long_primary_text_only_warns()
    {
        var d = D(ChannelIds.Meta, new DraftFields { PrimaryText = new string('p', 300), Headline = new string('h', 41), Description = new string('d', 31), Link = "https://www.acme.com/" });
        var (errors, warnings) = ChannelValidator.Validate(d);
        Assert.That(errors.Select(e => e.Field), Is.EquivalentTo(new[] { "headline", "description" }));
        Assert.That(warnings.Single().Code, Is.EqualTo("past_visible"));
        var over = D(ChannelIds.Meta, new DraftFields { PrimaryText = new string('p', 2201), Headline = "h", Link = "https://www.acme.com/" });
        Assert.That(Errors(over), Is.EqualTo(new[] { "too_long:primary_text" }));
    }

    [Test]
    public void LinkedIn_intro_over_600_and_headline_over_200_are_rejected()
    {
        var d = D(ChannelIds.LinkedIn, new DraftFields { IntroText = new string('i', 601), Headline = new string('h', 201), Link = "https://www.acme.com/" });
        Assert.That(Errors(d), Is.EquivalentTo(new[] { "too_long:intro_text", "too_long:headline" }));
        var warn = D(ChannelIds.LinkedIn, new DraftFields { IntroText = new string('i', 151), Headline = new string('h', 71), Link = "https://www.acme.com/" });
        Assert.That(ChannelValidator.Validate(warn).Warnings, Has.Count.EqualTo(2));
    }

    [Test]
    public void Instagram_caption_with_31_hashtags_is_rejected_and_30_pass()
    {
        string Caption(int n) => "Hello " + string.Join(' ', Enumerable.Range(1, n).Select(i => "#tag" + i));
        Assert.That(Errors(D(ChannelIds.Instagram, new DraftFields { Caption = Caption(30) })), Is.Empty);
        Assert.That(Errors(D(ChannelIds.Instagram, new DraftFields { Caption = Caption(31) })), Is.EqualTo(new[] { "too_many:caption" }));
        Assert.That(Errors(D(ChannelIds.Instagram, new DraftFields { Caption = new string('c', 2201) })), Is.EqualTo(new[] { "too_long:caption" }));
    }

    [Test]
    public void A_draft_without_its_channels_required_field_is_rejected()
    {
        Assert.That(Errors(D(ChannelIds.X, new DraftFields())), Is.EqualTo(new[] { "missing_field:text" }));
        Assert.That(Errors(D(ChannelIds.Meta, new DraftFields { PrimaryText = "p", Headline = "h" })), Is.EqualTo(new[] { "missing_field:link" }));
    }
}
