namespace Marketing.Reports.Model;

/// <summary>A burst of attention (a spike of volume for a brand or a term) with why it happened and posts that show it.</summary>
public sealed record BurstItem(
    string Key,
    string? Brand,
    string? Term,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    string Explanation,
    double? Score,
    long? Volume,
    IReadOnlyList<PostSnippet> Examples);
