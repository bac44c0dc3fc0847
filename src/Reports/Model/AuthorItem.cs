namespace Marketing.Reports.Model;

/// <summary>An author ranked by the engagement their posts earned in the period.</summary>
public sealed record AuthorItem(string Platform, string AuthorId, string Handle, long Posts, long Engagement, long Followers, double? NetSentiment);
