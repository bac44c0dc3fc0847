namespace Marketing.Analysis.Trends;

/// <summary>An author's part in a set of posts.</summary>
public sealed record AuthorShare(string AuthorId, string? Handle, long Posts, double Share, long Followers);
