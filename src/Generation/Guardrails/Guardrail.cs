using System.Text.RegularExpressions;
using Marketing.Generation.Channels;
using Marketing.Generation.Drafting;
using Marketing.Generation.Profiles;

namespace Marketing.Generation.Guardrails;

/// <summary>
/// The brand-safety rules every draft must pass, whoever wrote it: no banned terms; claims only from the approved
/// library (numbers, percentages, superlatives, "#1", "guaranteed"... anywhere else are unsupported); no personal data
/// (emails, phone numbers, @handles other than the brand's own, allow-listed or verified accounts); links only to
/// allow-listed domains or URLs. Because the output is checked, a post that talks an LLM into writing something else
/// still cannot get it shipped.
/// </summary>
public sealed partial class Guardrail
{
    // Words that make a statement a claim that needs substantiation. Kept explicit: a generic "-est" rule would flag
    // "latest", "honest" and "interest".
    private static readonly string[] ClaimWords =
    [
        "best", "better than", "#1", "number one", "no. 1", "no.1", "guarantee", "guaranteed", "guarantees", "fastest", "cheapest",
        "lowest", "highest", "biggest", "largest", "strongest", "safest", "smartest", "leading", "top-rated", "top rated",
        "unbeatable", "unmatched", "ultimate", "world-class", "world class", "proven", "clinically", "certified",
        "award-winning", "most", "only", "never fails", "free", "forever", "lifetime", "instantly", "100%",
    ];

    private readonly BrandProfile _profile;
    private readonly IReadOnlyList<Regex> _banned;
    private readonly HashSet<string> _handles;
    private readonly List<(string Host, string Path)> _links;
    private readonly List<(ApprovedClaim Claim, Regex Pattern)> _claims;
    private readonly Regex _claimWords;

    /// <param name="verifiedHandles">Handles of verified accounts seen in the evidence; they may be mentioned.</param>
    public Guardrail(BrandProfile profile, IEnumerable<string>? verifiedHandles = null)
    {
        _profile = profile;
        _banned = BrandProfiles.EffectiveBannedTerms(profile).Select(WordPattern).ToList();
        _handles = new HashSet<string>(
            profile.Handles.Concat(profile.AllowedHandles).Concat(verifiedHandles ?? []).Select(h => h.TrimStart('@').ToLowerInvariant()),
            StringComparer.Ordinal);
        _links = profile.AllowedLinks.Select(ParseAllowed).Where(a => a.Host.Length > 0).ToList();
        _claims = profile.ApprovedClaims
            .OrderByDescending(c => c.Text.Length)
            .Select(c => (c, new Regex(Regex.Escape(c.Text.Trim()).Replace(@"\ ", @"\s+", StringComparison.Ordinal), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)))
            .ToList();
        _claimWords = new Regex(
            @"(?<![\p{L}\p{N}])(?:" + string.Join("|", ClaimWords.Select(Regex.Escape)) + @")(?![\p{L}\p{N}])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    public GuardrailResult Check(Draft draft)
    {
        var violations = new List<Violation>();
        var used = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (field, value) in draft.Fields.All())
        {
            CheckField(field, value, violations, used);
        }

        var citations = _profile.ApprovedClaims.Where(c => used.Contains(c.Id) && !string.IsNullOrWhiteSpace(c.Evidence))
            .Select(c => c.Evidence!).Distinct().ToList();
        return new GuardrailResult(violations, [.. used], citations);
    }

    /// <summary>Checks one piece of text (used for single fields and by tests).</summary>
    public IReadOnlyList<Violation> CheckText(string field, string value)
    {
        var violations = new List<Violation>();
        CheckField(field, value, violations, new SortedSet<string>(StringComparer.Ordinal));
        return violations;
    }

    public bool IsAllowedLink(string url)
    {
        var (host, path) = Split(url);
        return host.Length > 0 && _links.Any(a =>
            (host == a.Host || host.EndsWith("." + a.Host, StringComparison.Ordinal)) && path.StartsWith(a.Path, StringComparison.OrdinalIgnoreCase));
    }

    private void CheckField(string field, string value, List<Violation> violations, SortedSet<string> used)
    {
        var isUrlField = field is "final_url" or "link";
        foreach (var banned in _banned)
        {
            if (banned.Match(value) is { Success: true } m)
            {
                violations.Add(new("banned_term", field, $"'{m.Value}' is a banned term for {_profile.Name}."));
            }
        }

        // Emails first (their domain is not a link), then links; both are blanked out so their digits are not read
        // as claims or phone numbers.
        var rest = isUrlField ? value : EmailRegex().Replace(value, m =>
        {
            violations.Add(new("personal_data", field, $"'{m.Value}' looks like an email address; copy must not carry personal data."));
            return " ";
        });
        var urls = isUrlField ? [value.Trim()] : TextCounter.Urls(rest).ToList();
        foreach (var url in urls)
        {
            if (!IsAllowedLink(url))
            {
                violations.Add(new("disallowed_link", field, $"Link '{url}' is not on the allow-list ({string.Join(", ", _profile.AllowedLinks)})."));
            }
        }

        if (isUrlField)
        {
            return;
        }

        foreach (var url in urls)
        {
            rest = rest.Replace(url, " ", StringComparison.Ordinal);
        }

        rest = PhoneRegex().Replace(rest, m =>
        {
            if (m.Value.Count(char.IsAsciiDigit) >= 8)
            {
                violations.Add(new("personal_data", field, $"'{m.Value.Trim()}' looks like a phone number; copy must not carry personal data."));
                return " ";
            }

            return m.Value;
        });

        foreach (Match h in HandleRegex().Matches(rest))
        {
            var handle = h.Groups[1].Value.ToLowerInvariant();
            if (!_handles.Contains(handle))
            {
                violations.Add(new("private_handle", field, $"'@{h.Groups[1].Value}' is not the brand's own, an allow-listed or a verified account."));
            }
        }

        foreach (var (claim, pattern) in _claims)
        {
            var replaced = pattern.Replace(rest, " ");
            if (!ReferenceEquals(replaced, rest) && replaced != rest)
            {
                used.Add(claim.Id);
                rest = replaced;
            }
        }

        // Hashtags made of words (#SummerSale) are not claims; #1 and #2026 are caught below as numbers or "#1".
        rest = WordHashtagRegex().Replace(rest, " ");
        var claimWord = _claimWords.Match(rest);
        if (claimWord.Success)
        {
            violations.Add(new("unsupported_claim", field, $"'{claimWord.Value}' makes a claim that is not in the approved-claims library; use an approved claim's exact words."));
        }
        else if (NumberRegex().Match(rest) is { Success: true } number)
        {
            violations.Add(new("unsupported_claim", field, $"'{number.Value}' states a number that no approved claim backs."));
        }
    }

    private static Regex WordPattern(string term) =>
        new(@"(?<![\p{L}\p{N}_])" + Regex.Escape(term).Replace(@"\ ", @"\s+", StringComparison.Ordinal) + @"(?![\p{L}\p{N}_])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static (string Host, string Path) ParseAllowed(string entry)
    {
        var (host, path) = Split(entry);
        return (host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host, path == "/" ? "" : path);
    }

    private static (string Host, string Path) Split(string url)
    {
        var s = url.Trim();
        if (!s.Contains("://", StringComparison.Ordinal))
        {
            s = "https://" + s;
        }

        if (!Uri.TryCreate(s, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return ("", "");
        }

        return (uri.Host.ToLowerInvariant(), uri.AbsolutePath);
    }

    [GeneratedRegex(@"[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}")]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"\+?\(?\d[\d\s().-]{6,}\d")]
    private static partial Regex PhoneRegex();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_])@([A-Za-z0-9_]{1,30})")]
    private static partial Regex HandleRegex();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_&])#(?=[\p{L}\p{N}_]*\p{L})[\p{L}\p{N}_]+")]
    private static partial Regex WordHashtagRegex();

    [GeneratedRegex(@"\d+(?:[.,]\d+)*\s*%?|\d")]
    private static partial Regex NumberRegex();
}
