using Marketing.Core.Domain;

namespace Marketing.Ingest.Pipeline;

/// <summary>Posts and rejects decoded from one slice of a file, in file order, near-duplicates already flagged.</summary>
public sealed record DecodedBatch(string File, List<SocialPost> Posts, List<RejectedRecord> Rejects);
