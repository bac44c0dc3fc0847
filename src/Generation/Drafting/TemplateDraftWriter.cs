using System.Globalization;
using Marketing.Generation.Channels;
using Marketing.Generation.Evidence;
using Marketing.Generation.Guardrails;

namespace Marketing.Generation.Drafting;

/// <summary>
/// The offline provider: deterministic copy filled from templates and the evidence pack (hooks from positive themes,
/// benefits from approved claims, answers to pain points, calls to action from the profile). No model, no network.
/// Every draft it writes says <c>offline-template</c>. A retry moves to the next theme, benefit and CTA.
/// </summary>
public sealed class TemplateDraftWriter : IDraftWriter
{
    public const string ProviderName = "offline-template";
    public const string ModelName = "templates-v1";

    private static readonly TextInfo Title = CultureInfo.InvariantCulture.TextInfo;

    public Task<DraftCandidate> WriteAsync(DraftContext context, DraftSlot slot, int attempt, IReadOnlyList<Violation> previous, CancellationToken ct) =>
        Task.FromResult(Write(context, slot, attempt));

    public DraftCandidate Write(DraftContext context, DraftSlot slot, int attempt, string? fallbackReason = null)
    {
        var p = Pieces.Make(context, slot, attempt);
        var name = context.Profile.Name;
        var url = context.Profile.LandingUrl;
        var fields = new DraftFields();
        switch (slot.Channel)
        {
            case ChannelIds.X:
                fields.Text = FitX(p, url);
                break;

            case ChannelIds.GoogleRsa:
                fields.Headlines = RsaHeadlines(context, p);
                fields.Descriptions = RsaDescriptions(context, p);
                fields.Path1 = PathPart(p.Theme?.Label ?? name);
                fields.Path2 = PathPart(p.Cta);
                fields.FinalUrl = url;
                break;

            case ChannelIds.Meta:
                fields.PrimaryText = $"{p.Hook} {p.Benefit}".Trim();
                fields.Headline = FirstThatFits(ChannelLimits.MetaHeadlineMax, $"{name}: {p.Cta}", name);
                fields.Description = FirstThatFits(ChannelLimits.MetaDescriptionMax, p.Cta, "Learn more");
                fields.Link = url;
                break;

            case ChannelIds.LinkedIn:
                fields.IntroText = string.Join(" ", new[] { p.Hook, p.Benefit, p.PainAnswer }.Where(s => !string.IsNullOrEmpty(s)));
                fields.Headline = FirstThatFits(ChannelLimits.LinkedInHeadlineRecommended, p.Benefit, $"{name}: {p.Cta}", name);
                fields.Link = url;
                break;

            case ChannelIds.Instagram:
                // Instagram captions do not make links clickable, so the CTA points to the profile link instead.
                fields.Caption = $"{p.Hook}\n\n{p.Benefit}\n\n{p.Cta}: link in bio.\n\n{string.Join(' ', p.Tags)}".TrimEnd();
                break;
        }

        var items = p.Items.Select(i => i.Id).ToList();
        var ids = p.Items.SelectMany(i => i.Refs).Distinct().ToList();
        return new DraftCandidate(fields, p.Tone, p.Cta, items, ids, ProviderName, ModelName, AiGenerated: false, fallbackReason);
    }

    private static string FitX(Pieces p, string url)
    {
        var tags = string.Join(' ', p.Tags.Take(2));
        string[][] tries =
        [
            [p.Hook, p.Benefit, $"{p.Cta}: {url}", tags],
            [p.Hook, p.Benefit, $"{p.Cta}: {url}"],
            [p.Hook, $"{p.Cta}: {url}"],
        ];
        foreach (var parts in tries)
        {
            var text = string.Join(" ", parts.Where(s => s.Length > 0));
            if (TextCounter.XWeightedLength(text) <= ChannelLimits.XMax)
            {
                return text;
            }
        }

        // A very long hook (a long CJK theme): cut it at a word boundary.
        var tail = $" {p.Cta}: {url}";
        var hook = p.Hook;
        while (hook.Length > 10 && TextCounter.XWeightedLength(hook + "…" + tail) > ChannelLimits.XMax)
        {
            var cut = hook.LastIndexOf(' ', hook.Length - 2);
            hook = cut > 10 ? hook[..cut] : hook[..^1];
        }

        return hook + "…" + tail;
    }

    private static List<string> RsaHeadlines(DraftContext context, Pieces p)
    {
        var name = context.Profile.Name;
        var candidates = new List<string> { name, p.Cta, $"{name} – {p.Cta}" };
        if (p.Theme is { } theme)
        {
            candidates.Insert(0, Title.ToTitleCase(theme.Label));
            candidates.Add($"{Title.ToTitleCase(theme.Label)} by {name}");
        }

        candidates.AddRange(p.ShortBenefits);
        candidates.AddRange(context.Profile.PreferredTerms.Select(t => Title.ToTitleCase(t)));
        candidates.AddRange(context.Profile.Ctas.Where(c => c != p.Cta));
        candidates.AddRange(p.OtherThemes.Select(t => Title.ToTitleCase(t.Label)));
        candidates.AddRange([$"Discover {name}", $"Meet {name}", $"Try {name}", "See What's New", "Made For You"]);
        var headlines = new List<string>();
        foreach (var c in candidates)
        {
            if (headlines.Count == 10)
            {
                break;
            }

            if (TextCounter.GoogleLength(c) <= ChannelLimits.RsaHeadlineMax && !headlines.Contains(c, StringComparer.OrdinalIgnoreCase)
                && context.Guardrail.CheckText("headline", c).Count == 0)
            {
                headlines.Add(c);
            }
        }

        return headlines;
    }

    private static List<string> RsaDescriptions(DraftContext context, Pieces p)
    {
        var name = context.Profile.Name;
        var candidates = new List<string>
        {
            $"{p.Hook} {p.Cta}.", $"{p.Benefit} {p.Cta}.", p.Hook, p.Benefit, p.PainAnswer, $"See what {name} can do for you. {p.Cta}.",
            $"{name}: made for the way you live. {p.Cta}.",
        };
        var descriptions = new List<string>();
        foreach (var c in candidates)
        {
            if (descriptions.Count == 4)
            {
                break;
            }

            if (c.Length > 0 && TextCounter.GoogleLength(c) <= ChannelLimits.RsaDescriptionMax && !descriptions.Contains(c, StringComparer.OrdinalIgnoreCase)
                && context.Guardrail.CheckText("description", c).Count == 0)
            {
                descriptions.Add(c);
            }
        }

        return descriptions;
    }

    private static string FirstThatFits(int max, params string[] options) =>
        options.FirstOrDefault(o => o.Length > 0 && TextCounter.Graphemes(o) <= max) ?? TextCounter.VisiblePrefix(options[^1], max);

    private static string PathPart(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string([.. w.Where(c => char.IsLetterOrDigit(c))]))
            .Where(w => w.Length > 0);
        var path = "";
        foreach (var w in words)
        {
            var next = path.Length == 0 ? w : path + "-" + w;
            if (next.Length > ChannelLimits.RsaPathMax)
            {
                break;
            }

            path = next;
        }

        return path.Length > 0 ? path : new string([.. text.Where(char.IsLetterOrDigit).Take(ChannelLimits.RsaPathMax)]);
    }

    /// <summary>The chosen hook, benefit, CTA, tone and tags for one slot and attempt, with the evidence behind them.</summary>
    private sealed record Pieces(
        string Hook, string Benefit, string PainAnswer, string Cta, string Tone, IReadOnlyList<string> Tags, EvidenceItem? Theme,
        IReadOnlyList<EvidenceItem> OtherThemes, IReadOnlyList<string> ShortBenefits, IReadOnlyList<EvidenceItem> Items)
    {
        public static Pieces Make(DraftContext context, DraftSlot slot, int attempt)
        {
            var profile = context.Profile;
            var pack = context.Evidence;
            var name = profile.Name;
            var items = new List<EvidenceItem>();
            var tones = new[] { profile.Voice.FirstOrDefault() ?? "friendly", "playful", "direct" };
            var tone = tones[slot.Tone % tones.Length];

            // Themes are people's words: skip any that would break a rule in copy (a banned word, "best"), so the
            // template never writes a draft that is bound to be rejected.
            var themes = pack.Themes.Where(t => context.Guardrail.CheckText("theme", $"“{t.Label}”").Count == 0).ToList();
            EvidenceItem? theme = themes.Count > 0 ? themes[(slot.Hook + attempt) % themes.Count] : null;
            string hook;
            if (theme is not null)
            {
                items.Add(theme);
                // A theme is an aspect fans praise more than the brand's average ("cold brew"): the hook puts it up front.
                hook = (slot.Tone % 3) switch
                {
                    0 => $"People keep talking about the {name} {theme.Label}. Come see why.",
                    1 => $"Your new favorite {theme.Label}? It's waiting at {name}.",
                    _ => $"{name} {theme.Label}: see what the buzz is about.",
                };
            }
            else
            {
                hook = (slot.Tone % 3) switch
                {
                    0 => $"Say hello to {name}.",
                    1 => $"Curious about {name}? Take a look.",
                    _ => $"{name}. Take a look.",
                };
            }

            // Benefits: approved claims first (the only place numbers and superlatives may come from), then themes.
            var others = themes.Where(t => t != theme).ToList();
            var benefits = new List<(string Text, EvidenceItem? Item)>();
            benefits.AddRange(profile.ApprovedClaims.Select(c => (c.Text, (EvidenceItem?)null)));
            benefits.AddRange(others.Select(t => ($"Fans rate our {t.Label} too.", (EvidenceItem?)t)));
            var (benefit, benefitItem) = benefits.Count > 0 ? benefits[(slot.Benefit + attempt) % benefits.Count] : ($"Made for the way you live.", null);
            if (benefitItem is not null)
            {
                items.Add(benefitItem);
            }

            var pain = pack.PainPoints.Count > 0 ? pack.PainPoints[attempt % pack.PainPoints.Count] : null;
            var painAnswer = "";
            if (pain is not null)
            {
                items.Add(pain);
                painAnswer = $"We hear you on the {pain.Label}, and we're working on it.";
            }

            var ctas = profile.Ctas.Count > 0 ? profile.Ctas : [.. Profiles.BrandProfiles.DefaultCtas];
            var cta = ctas[(slot.Cta + attempt) % ctas.Count];

            var tags = profile.Hashtags.Take(2).Select(h => "#" + h.TrimStart('#')).ToList();
            if (pack.Hashtags.Count > 0)
            {
                var trend = pack.Hashtags[attempt % pack.Hashtags.Count];
                tags.Add(trend.Label);
                items.Add(trend);
            }

            var shortBenefits = profile.ApprovedClaims.Select(c => c.Text).Where(t => TextCounter.GoogleLength(t) <= ChannelLimits.RsaHeadlineMax).ToList();
            return new Pieces(hook, benefit, painAnswer, cta, tone, tags.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), theme, others, shortBenefits, items);
        }
    }
}
