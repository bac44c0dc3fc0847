using Marketing.Core.Domain;

namespace Marketing.Generation.Evidence;

/// <summary>What evidence and targeting need from one post about a brand (sentiment is the per-brand label when known).</summary>
public sealed record PostFacts(
    string Ref,
    string Platform,
    Author Author,
    SentimentLabel Label,
    double Polarity,
    long Engagement,
    DateTimeOffset CreatedAt,
    string[] Terms,
    IReadOnlyList<string> Hashtags,
    string Text)
{
    public static string RefOf(SocialPost post) => $"post:{post.Platform}/{post.PostId}";
}
