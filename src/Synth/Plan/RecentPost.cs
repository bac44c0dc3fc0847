using Marketing.Core.Domain;

namespace Marketing.Synth.Plan;

/// <summary>An earlier original post that later posts can repost, quote or reply to.</summary>
internal sealed record RecentPost(
    string Id,
    string Handle,
    int Author,
    string Text,
    string Language,
    SentimentLabel Label,
    int Brand,
    int Segment,
    string Url);
