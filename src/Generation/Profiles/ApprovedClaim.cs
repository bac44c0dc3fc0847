using System.Text.Json.Serialization;

namespace Marketing.Generation.Profiles;

/// <summary>A claim legal has approved. Copy may state it only in these exact words.</summary>
public sealed class ApprovedClaim
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("text")]
    public string Text { get; set; } = "";

    /// <summary>
    /// Optional substantiation that must travel with the claim (a footnote, a test report URL). A draft that uses the
    /// claim lists it under <c>claim_citations</c>, and the exports print it beside the copy.
    /// </summary>
    [JsonPropertyName("evidence")]
    public string? Evidence { get; set; }
}
