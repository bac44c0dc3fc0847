using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketing.Core.Brands;

/// <summary>The brands a run watches, loaded from a JSON file (<c>--brands FILE</c> or <c>Marketing:Brands</c>).</summary>
public sealed class BrandWatchlist
{
    private static readonly JsonSerializerOptions ReadOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true };

    [JsonPropertyName("brands")]
    public List<Brand> Brands { get; set; } = [];

    public Brand? Find(string idOrName) =>
        Brands.FirstOrDefault(b => string.Equals(b.Id, idOrName, StringComparison.OrdinalIgnoreCase))
        ?? Brands.FirstOrDefault(b => string.Equals(b.Name, idOrName, StringComparison.OrdinalIgnoreCase));

    public static BrandWatchlist Parse(string json, string sourceName = "watchlist")
    {
        BrandWatchlist? list;
        try
        {
            list = JsonSerializer.Deserialize<BrandWatchlist>(json, ReadOptions);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{sourceName}: not valid watchlist JSON ({ex.Message}). Expected {{\"brands\":[{{\"id\":\"acme\",\"aliases\":[\"acme\"]}}]}}.", ex);
        }

        if (list is null || list.Brands.Count == 0)
        {
            throw new FormatException($"{sourceName}: the watchlist has no brands. Expected {{\"brands\":[{{\"id\":\"acme\",\"aliases\":[\"acme\"]}}]}}.");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var brand in list.Brands)
        {
            if (string.IsNullOrWhiteSpace(brand.Id))
            {
                throw new FormatException($"{sourceName}: a brand has no \"id\".");
            }

            brand.Id = brand.Id.Trim().ToLowerInvariant();
            if (!seen.Add(brand.Id))
            {
                throw new FormatException($"{sourceName}: brand id '{brand.Id}' appears twice.");
            }

            if (string.IsNullOrWhiteSpace(brand.Name))
            {
                brand.Name = brand.Id;
            }
        }

        foreach (var brand in list.Brands)
        {
            var unknown = brand.Competitors.Where(c => !seen.Contains(c)).ToList();
            if (unknown.Count > 0)
            {
                throw new FormatException($"{sourceName}: brand '{brand.Id}' names competitor(s) not in the watchlist: {string.Join(", ", unknown)}.");
            }
        }

        return list;
    }

    public static BrandWatchlist Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Brand watchlist '{path}' does not exist. Write one with 'mkt synth' or see the README section \"Brand watchlist\".", path);
        }

        return Parse(File.ReadAllText(path), path);
    }

    public string ToJson() => JsonSerializer.Serialize(this, WriteOptions);
}
