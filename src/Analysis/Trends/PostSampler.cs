using Marketing.Core.Domain;
using Marketing.Core.Storage;

namespace Marketing.Analysis.Trends;

/// <summary>
/// Reads posts of a range without reading them all: the range is cut into equal slices and each slice gives at most
/// its share of the limit, so a sample of a busy month is spread over the month rather than its first hours.
/// </summary>
public static class PostSampler
{
    public static async Task<(List<SocialPost> Posts, bool Truncated)> SampleAsync(
        IPostStore store,
        TimeRange range,
        PostQuery filter,
        int limit,
        int slices,
        CancellationToken ct)
    {
        slices = Math.Max(1, slices);
        var per = Math.Max(1, limit / slices);
        var posts = new List<SocialPost>();
        var truncated = false;
        var width = range.Length / slices;
        for (var s = 0; s < slices; s++)
        {
            var from = range.Start + (width * s);
            var to = s == slices - 1 ? range.End : range.Start + (width * (s + 1));
            var q = filter with { Since = from, Until = to, Limit = per + 1 };
            var n = 0;
            await foreach (var p in store.StreamPostsAsync(q, ct))
            {
                if (++n > per)
                {
                    truncated = true;
                    break;
                }

                posts.Add(p);
            }
        }

        return (posts, truncated);
    }
}
