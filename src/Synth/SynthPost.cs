using Marketing.Core.Domain;

namespace Marketing.Synth;

/// <summary>
/// One generated post with what only the generator knows: its true label, the author's segment, the brand it was
/// written about, the event that produced it and the post it copies. <see cref="Post"/> itself carries no brands and
/// no sentiment, as a real source would not.
/// </summary>
public sealed record SynthPost(
    SocialPost Post,
    SentimentLabel Truth,
    string? SegmentId,
    string? Brand,
    string? EventId,
    string? DuplicateOf);
