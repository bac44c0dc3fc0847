using Marketing.Core.Domain;

namespace Marketing.Ingest;

public sealed record DecodeResult(IReadOnlyList<SocialPost> Posts, IReadOnlyList<RejectedRecord> Rejects)
{
    public static DecodeResult Reject(RejectedRecord reject) => new([], [reject]);

    public static DecodeResult Of(SocialPost post) => new([post], []);
}
