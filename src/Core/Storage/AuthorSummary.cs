namespace Marketing.Core.Storage;

/// <summary>How many distinct authors posted in a range, and the top ones by engagement.</summary>
public sealed record AuthorSummary(long DistinctAuthors, IReadOnlyList<AuthorActivity> Top);
