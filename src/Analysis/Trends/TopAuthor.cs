namespace Marketing.Analysis.Trends;

/// <summary>An influential author: reach (followers) × engagement earned in the window.</summary>
/// <param name="Influence">followers × engagement (likes + shares + replies), the ranking key.</param>
public sealed record TopAuthor(
    string Platform,
    string AuthorId,
    string? Handle,
    long Followers,
    long Posts,
    long Engagement,
    double Influence,
    IReadOnlyList<string> Brands,
    double NetSentiment);
