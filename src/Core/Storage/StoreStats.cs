namespace Marketing.Core.Storage;

public sealed record StoreStats(
    long Posts,
    long Authors,
    long Brands,
    long Rejected,
    long Scored,
    DateTimeOffset? FirstPost,
    DateTimeOffset? LastPost);
