using Marketing.Core.Domain;

namespace Marketing.Core.Storage;

/// <summary>
/// A post's links to the brands it names. The first brand's link is kept in the post row; the others (each once)
/// are rows of post_brands. Its sentiment is the post's sentiment for that brand where known, else the post's overall one.
/// </summary>
internal static class BrandLink
{
    public static (string? Sentiment, double? Polarity) SentimentOf(SocialPost p, string brand)
    {
        var brandSentiments = p.BrandSentiments;
        for (var i = 0; i < brandSentiments.Count; i++)
        {
            if (brandSentiments[i].Brand == brand)
            {
                return (brandSentiments[i].Label.ToWire(), brandSentiments[i].Polarity);
            }
        }

        return p.Sentiment is { } s ? (s.Label.ToWire(), s.Polarity) : (null, null);
    }

    /// <summary>The post_brands rows of a post: its brands after the first, without repeats.</summary>
    public static IEnumerable<(string Brand, string? Sentiment, double? Polarity)> Extra(SocialPost p)
    {
        var brands = p.Brands;
        for (var i = 1; i < brands.Count; i++)
        {
            if (!Named(brands, brands[i], i))
            {
                var (sentiment, polarity) = SentimentOf(p, brands[i]);
                yield return (brands[i], sentiment, polarity);
            }
        }
    }

    private static bool Named(IReadOnlyList<string> brands, string brand, int before)
    {
        for (var i = 0; i < before; i++)
        {
            if (brands[i] == brand)
            {
                return true;
            }
        }

        return false;
    }
}
