namespace Marketing.Web.Jobs;

/// <summary>What a person asks for on the drafts page or with POST /api/drafts.</summary>
public sealed record DraftJobRequest
{
    public string Brand { get; init; } = "";

    public IReadOnlyList<string> Channels { get; init; } = [];

    /// <summary>Segment ids, or empty for the brand's whole audience.</summary>
    public IReadOnlyList<string> Segments { get; init; } = [];

    public int Variants { get; init; } = 2;

    public string? Goal { get; init; }

    public string CacheKey() =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n",
            Brand.Trim().ToLowerInvariant(),
            string.Join(',', Channels.Select(c => c.Trim().ToLowerInvariant()).Order(StringComparer.Ordinal)),
            string.Join(',', Segments.Select(s => s.Trim()).Order(StringComparer.Ordinal)),
            Variants.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Goal?.Trim() ?? ""))))[..16].ToLowerInvariant();
}
