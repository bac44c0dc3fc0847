namespace Marketing.Core.Domain;

/// <summary>
/// A stage that every batch passes through after validation and before the durable write: sentiment scoring, for
/// example. Implementations must be thread-safe; they may be called for several batches at once.
/// </summary>
public interface IPostEnricher
{
    ValueTask EnrichAsync(IReadOnlyList<SocialPost> batch, CancellationToken ct);
}
