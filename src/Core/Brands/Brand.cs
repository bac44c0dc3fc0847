using System.Text.Json.Serialization;

namespace Marketing.Core.Brands;

/// <summary>One watched brand. See the README section "Brand watchlist" for the JSON schema.</summary>
public sealed class Brand
{
    /// <summary>Stable id, lower-case, used in the store and on the command line.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; set; }

    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>Words or phrases that name the brand in text, matched as whole words, case-insensitive.</summary>
    [JsonPropertyName("aliases")]
    public List<string> Aliases { get; set; } = [];

    /// <summary>Account handles, with or without the leading @.</summary>
    [JsonPropertyName("handles")]
    public List<string> Handles { get; set; } = [];

    /// <summary>Hashtags, with or without the leading #.</summary>
    [JsonPropertyName("hashtags")]
    public List<string> Hashtags { get; set; } = [];

    /// <summary>Ids of competing brands (each should be in the watchlist too, to get a share of voice).</summary>
    [JsonPropertyName("competitors")]
    public List<string> Competitors { get; set; } = [];

    [JsonPropertyName("category")]
    public string? Category { get; set; }
}
