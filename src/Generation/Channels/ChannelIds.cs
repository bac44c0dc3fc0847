namespace Marketing.Generation.Channels;

/// <summary>The channel ids used on the command line, in drafts and in exports.</summary>
public static class ChannelIds
{
    public const string X = "x";
    public const string GoogleRsa = "google-rsa";
    public const string Meta = "meta";
    public const string LinkedIn = "linkedin";
    public const string Instagram = "instagram";

    public static readonly IReadOnlyList<string> All = [X, GoogleRsa, Meta, LinkedIn, Instagram];

    /// <summary>Parses "x,google-rsa,meta" (also accepts twitter, google, rsa, facebook, fb, ig).</summary>
    public static IReadOnlyList<string> Parse(string? list)
    {
        if (string.IsNullOrWhiteSpace(list) || list.Trim() == "all")
        {
            return All;
        }

        var result = new List<string>();
        foreach (var raw in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var id = raw.ToLowerInvariant() switch
            {
                "x" or "twitter" => X,
                "google-rsa" or "google" or "rsa" or "google-ads" => GoogleRsa,
                "meta" or "facebook" or "fb" => Meta,
                "linkedin" or "li" => LinkedIn,
                "instagram" or "ig" => Instagram,
                _ => throw new ArgumentException($"Unknown channel '{raw}'. Use any of: {string.Join(", ", All)}."),
            };
            if (!result.Contains(id))
            {
                result.Add(id);
            }
        }

        return result;
    }

    /// <summary>The ad channel where a platform's audience is reached, or null when none is bought (e.g. reddit → search).</summary>
    public static string? ForPlatform(string platform) => platform.ToLowerInvariant() switch
    {
        "x" or "twitter" => X,
        "facebook" or "meta" or "threads" => Meta,
        "instagram" => Instagram,
        "linkedin" => LinkedIn,
        _ => null,
    };
}
