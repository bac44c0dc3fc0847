using System.Text.Json.Serialization;

namespace Marketing.Generation.Profiles;

/// <summary>
/// How a brand speaks and what it may say: the brief's fixed half. Loaded from JSON (schema in docs/generation.md),
/// or derived from the watchlist entry when no file is given (<see cref="BrandProfiles.Default"/>).
/// </summary>
public sealed class BrandProfile
{
    [JsonPropertyName("brand")]
    public string Brand { get; set; } = "";

    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>Voice and tone words, e.g. "warm", "plain-spoken", "confident".</summary>
    [JsonPropertyName("voice")]
    public List<string> Voice { get; set; } = [];

    /// <summary>Words the brand likes to use; the template provider prefers them and the LLM is asked to.</summary>
    [JsonPropertyName("preferred_terms")]
    public List<string> PreferredTerms { get; set; } = [];

    /// <summary>Words and phrases no draft may contain (whole-word, case-insensitive).</summary>
    [JsonPropertyName("banned_terms")]
    public List<string> BannedTerms { get; set; } = [];

    [JsonPropertyName("approved_claims")]
    public List<ApprovedClaim> ApprovedClaims { get; set; } = [];

    /// <summary>Posts the brand has published and likes: style examples (trusted, written by the brand).</summary>
    [JsonPropertyName("example_posts")]
    public List<string> ExamplePosts { get; set; } = [];

    /// <summary>Domains (any subdomain matches) or URL prefixes that copy may link to. The first one is the landing page.</summary>
    [JsonPropertyName("allowed_links")]
    public List<string> AllowedLinks { get; set; } = [];

    /// <summary>The brand's own handles, with or without @. Copy may mention these.</summary>
    [JsonPropertyName("handles")]
    public List<string> Handles { get; set; } = [];

    /// <summary>Other accounts copy may mention (partners, verified public figures), with or without @.</summary>
    [JsonPropertyName("allowed_handles")]
    public List<string> AllowedHandles { get; set; } = [];

    [JsonPropertyName("hashtags")]
    public List<string> Hashtags { get; set; } = [];

    /// <summary>Calls to action, in order of preference ("Learn more", "Shop now").</summary>
    [JsonPropertyName("ctas")]
    public List<string> Ctas { get; set; } = [];

    /// <summary>The campaign goal, e.g. "awareness", "consideration", "conversion".</summary>
    [JsonPropertyName("goal")]
    public string Goal { get; set; } = "awareness";

    /// <summary>Where the profile came from: <c>file</c> or <c>derived</c> (from the watchlist; review before shipping).</summary>
    [JsonPropertyName("source")]
    public string Source { get; set; } = "file";

    [JsonIgnore]
    public string LandingUrl
    {
        get
        {
            var first = AllowedLinks.FirstOrDefault() ?? "";
            return first.Contains("://", StringComparison.Ordinal) ? first : "https://" + first.TrimEnd('/') + "/";
        }
    }
}
