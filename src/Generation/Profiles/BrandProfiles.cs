using System.Text.Json;
using Marketing.Core.Brands;

namespace Marketing.Generation.Profiles;

/// <summary>Loads, checks and derives brand profiles.</summary>
public static class BrandProfiles
{
    private static readonly JsonSerializerOptions ReadOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true };

    /// <summary>Terms that get ad copy rejected on most platforms or by most legal teams; every profile bans them too.</summary>
    public static readonly IReadOnlyList<string> AlwaysBanned = ["miracle", "risk-free"];

    public static readonly IReadOnlyList<string> DefaultCtas = ["Learn more", "Shop now", "Get started", "Sign up"];

    public static BrandProfile Parse(string json, string sourceName = "profile")
    {
        BrandProfile? profile;
        try
        {
            profile = JsonSerializer.Deserialize<BrandProfile>(json, ReadOptions);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{sourceName}: not valid brand profile JSON ({ex.Message}). See docs/generation.md, \"Brand profile\".", ex);
        }

        if (profile is null)
        {
            throw new FormatException($"{sourceName}: empty brand profile.");
        }

        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(profile.Brand))
        {
            problems.Add("\"brand\" (the watchlist id) is missing");
        }

        if (profile.AllowedLinks.Count == 0)
        {
            problems.Add("\"allowed_links\" is empty: give at least the landing page, e.g. \"https://www.acme.com/\"");
        }

        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var claim in profile.ApprovedClaims)
        {
            if (string.IsNullOrWhiteSpace(claim.Id) || string.IsNullOrWhiteSpace(claim.Text))
            {
                problems.Add("every approved claim needs an \"id\" and a \"text\"");
            }
            else if (!ids.Add(claim.Id))
            {
                problems.Add($"approved claim id '{claim.Id}' appears twice");
            }
        }

        if (problems.Count > 0)
        {
            throw new FormatException($"{sourceName}: {string.Join("; ", problems)}.");
        }

        profile.Brand = profile.Brand.Trim().ToLowerInvariant();
        if (string.IsNullOrWhiteSpace(profile.Name))
        {
            profile.Name = profile.Brand;
        }

        if (profile.Ctas.Count == 0)
        {
            profile.Ctas = [.. DefaultCtas];
        }

        profile.Source = "file";
        return profile;
    }

    public static BrandProfile Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Brand profile '{path}' does not exist. Write one as described in docs/generation.md, or leave --profile out to derive one from the watchlist.", path);
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>
    /// A profile derived from the watchlist entry: its handles and hashtags, a neutral voice, no claims (so copy states
    /// no numbers or superlatives), and a landing page guessed as https://www.{id}.com/. Marked <c>derived</c> so
    /// every output says it should be reviewed.
    /// </summary>
    public static BrandProfile Default(Brand brand) => new()
    {
        Brand = brand.Id,
        Name = string.IsNullOrWhiteSpace(brand.Name) ? brand.Id : brand.Name,
        Voice = ["friendly", "clear", "confident"],
        PreferredTerms = [],
        BannedTerms = [],
        ApprovedClaims = [],
        ExamplePosts = [],
        AllowedLinks = [$"https://www.{Slug(brand.Id)}.com/"],
        Handles = [.. brand.Handles.Select(h => h.TrimStart('@'))],
        AllowedHandles = [],
        Hashtags = [.. brand.Hashtags.Select(h => h.TrimStart('#'))],
        Ctas = [.. DefaultCtas],
        Goal = "awareness",
        Source = "derived",
    };

    public static string ToJson(BrandProfile profile) => JsonSerializer.Serialize(profile, WriteOptions);

    /// <summary>The profile's banned terms plus <see cref="AlwaysBanned"/>, distinct.</summary>
    public static IReadOnlyList<string> EffectiveBannedTerms(BrandProfile profile) =>
        profile.BannedTerms.Concat(AlwaysBanned).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static string Slug(string id) => new([.. id.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '-')]);
}
