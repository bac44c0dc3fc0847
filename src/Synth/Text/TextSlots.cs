using Marketing.Synth.Catalog;

namespace Marketing.Synth.Text;

/// <summary>What fills a template's placeholders for one post.</summary>
internal struct TextSlots
{
    public BrandProfile? Brand;
    public BrandProfile? Competitor;
    public string? Product;
    public string? Tag;
    public string Platform;
    public string[] Interests;
    public string? Language;

    /// <summary>When set, {C} names the competitor only with this probability and otherwise says "my old provider".</summary>
    public double? CompetitorChance;
}
