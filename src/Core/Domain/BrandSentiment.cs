namespace Marketing.Core.Domain;

/// <summary>Sentiment toward one brand in a post that may mention several.</summary>
public sealed record BrandSentiment(string Brand, SentimentLabel Label, float Polarity);
