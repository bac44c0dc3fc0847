namespace Marketing.Core.Storage;

/// <summary>One author's posts in a time range: count, engagement (likes + shares + replies), reach and sentiment tallies.</summary>
public sealed record AuthorActivity(
    string Platform,
    string AuthorId,
    string? Handle,
    long Posts,
    long Engagement,
    long Followers,
    long Positive,
    long Negative,
    long Scored);
