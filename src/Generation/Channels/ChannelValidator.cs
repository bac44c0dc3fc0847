using System.Text.RegularExpressions;
using Marketing.Generation.Drafting;
using Marketing.Generation.Guardrails;

namespace Marketing.Generation.Channels;

/// <summary>Checks a draft against its channel's limits (<see cref="ChannelLimits"/>). Errors reject; warnings are kept on the draft.</summary>
public static partial class ChannelValidator
{
    public static (List<Violation> Errors, List<Violation> Warnings) Validate(Draft draft)
    {
        var errors = new List<Violation>();
        var warnings = new List<Violation>();
        var f = draft.Fields;
        switch (draft.Channel)
        {
            case ChannelIds.X:
                if (Required(f.Text, "text", errors) is { } text)
                {
                    var weighted = TextCounter.XWeightedLength(text);
                    if (weighted > ChannelLimits.XMax)
                    {
                        var note = TextCounter.IsCjkHeavy(text) ? " (CJK characters count 2, so about 140 fit)" : "";
                        errors.Add(new("too_long", "text", $"X post weighs {weighted} > {ChannelLimits.XMax}{note}; URLs count 23."));
                    }
                }

                break;

            case ChannelIds.GoogleRsa:
                Count(f.Headlines, "headlines", ChannelLimits.RsaMinHeadlines, ChannelLimits.RsaMaxHeadlines, errors);
                Count(f.Descriptions, "descriptions", ChannelLimits.RsaMinDescriptions, ChannelLimits.RsaMaxDescriptions, errors);
                for (var i = 0; i < (f.Headlines?.Count ?? 0); i++)
                {
                    Google(f.Headlines![i], $"headline_{i + 1}", ChannelLimits.RsaHeadlineMax, errors);
                }

                for (var i = 0; i < (f.Descriptions?.Count ?? 0); i++)
                {
                    Google(f.Descriptions![i], $"description_{i + 1}", ChannelLimits.RsaDescriptionMax, errors);
                }

                if (f.Headlines is { Count: > 0 } hs && hs.Distinct(StringComparer.OrdinalIgnoreCase).Count() != hs.Count)
                {
                    errors.Add(new("duplicate", "headlines", "Google rejects duplicate headlines in one ad."));
                }

                foreach (var (name, value) in new[] { ("path1", f.Path1), ("path2", f.Path2) })
                {
                    if (value is null)
                    {
                        continue;
                    }

                    Google(value, name, ChannelLimits.RsaPathMax, errors);
                    if (value.Length > 0 && !PathRegex().IsMatch(value))
                    {
                        errors.Add(new("bad_path", name, $"Display path '{value}' may hold only letters, digits and hyphens."));
                    }
                }

                if (f.Path2 is { Length: > 0 } && string.IsNullOrEmpty(f.Path1))
                {
                    errors.Add(new("bad_path", "path2", "path2 needs path1."));
                }

                Required(f.FinalUrl, "final_url", errors);
                break;

            case ChannelIds.Meta:
                if (Required(f.PrimaryText, "primary_text", errors) is { } primary)
                {
                    Graphemes(primary, "primary_text", ChannelLimits.MetaPrimaryMax, errors);
                    Visible(primary, "primary_text", ChannelLimits.MetaPrimaryVisible, warnings);
                }

                if (Required(f.Headline, "headline", errors) is { } mh)
                {
                    Graphemes(mh, "headline", ChannelLimits.MetaHeadlineMax, errors);
                }

                if (f.Description is { } md)
                {
                    Graphemes(md, "description", ChannelLimits.MetaDescriptionMax, errors);
                }

                Required(f.Link, "link", errors);
                break;

            case ChannelIds.LinkedIn:
                if (Required(f.IntroText, "intro_text", errors) is { } intro)
                {
                    Graphemes(intro, "intro_text", ChannelLimits.LinkedInIntroMax, errors);
                    Visible(intro, "intro_text", ChannelLimits.LinkedInIntroVisible, warnings);
                }

                if (Required(f.Headline, "headline", errors) is { } lh)
                {
                    Graphemes(lh, "headline", ChannelLimits.LinkedInHeadlineMax, errors);
                    if (TextCounter.Graphemes(lh) > ChannelLimits.LinkedInHeadlineRecommended)
                    {
                        warnings.Add(new("past_visible", "headline", $"LinkedIn headline past {ChannelLimits.LinkedInHeadlineRecommended} characters is truncated on some placements."));
                    }
                }

                Required(f.Link, "link", errors);
                break;

            case ChannelIds.Instagram:
                if (Required(f.Caption, "caption", errors) is { } caption)
                {
                    Graphemes(caption, "caption", ChannelLimits.InstagramCaptionMax, errors);
                    Visible(caption, "caption", ChannelLimits.InstagramCaptionVisible, warnings);
                    var tags = HashtagRegex().Matches(caption).Count;
                    if (tags > ChannelLimits.InstagramMaxHashtags)
                    {
                        errors.Add(new("too_many", "caption", $"{tags} hashtags > {ChannelLimits.InstagramMaxHashtags}, Instagram's maximum."));
                    }
                }

                break;

            default:
                errors.Add(new("unknown_channel", "channel", $"Unknown channel '{draft.Channel}'."));
                break;
        }

        return (errors, warnings);
    }

    public static int CountHashtags(string text) => HashtagRegex().Matches(text).Count;

    private static string? Required(string? value, string field, List<Violation> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new("missing_field", field, $"{field} is required for this channel."));
            return null;
        }

        return value;
    }

    private static void Count(List<string>? items, string field, int min, int max, List<Violation> errors)
    {
        var n = items?.Count ?? 0;
        if (n < min)
        {
            errors.Add(new("too_few", field, $"{n} {field}; at least {min} are required."));
        }
        else if (n > max)
        {
            errors.Add(new("too_many", field, $"{n} {field}; at most {max} are allowed."));
        }
    }

    private static void Google(string value, string field, int max, List<Violation> errors)
    {
        var n = TextCounter.GoogleLength(value);
        if (n > max)
        {
            errors.Add(new("too_long", field, $"{field} has {n} characters > {max} (double-width characters count 2)."));
        }
    }

    private static void Graphemes(string value, string field, int max, List<Violation> errors)
    {
        var n = TextCounter.Graphemes(value);
        if (n > max)
        {
            errors.Add(new("too_long", field, $"{field} has {n} characters > {max}."));
        }
    }

    private static void Visible(string value, string field, int visible, List<Violation> warnings)
    {
        if (TextCounter.Graphemes(value) > visible)
        {
            warnings.Add(new("past_visible", field, $"Only the first {visible} characters show before \"more\"; the hook should sit there."));
        }
    }

    [GeneratedRegex(@"^[\p{L}\p{N}-]+$")]
    private static partial Regex PathRegex();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_&])#[\p{L}\p{N}_]+")]
    private static partial Regex HashtagRegex();
}
