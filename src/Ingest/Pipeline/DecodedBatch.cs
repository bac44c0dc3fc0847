using Marketing.Core.Domain;
using Marketing.Core.Storage;

namespace Marketing.Ingest.Pipeline;

/// <summary>Posts and rejects decoded from one slice of a file, in file order, near-duplicates already flagged.</summary>
public sealed record DecodedBatch(string File, List<SocialPost> Posts, List<RejectedRecord> Rejects)
{
    /// <summary>The posts prepared for the store (<see cref="IPostStore.Prepare"/>) when nothing changes them before the write.</summary>
    public PreparedPosts? Prepared { get; init; }
}
