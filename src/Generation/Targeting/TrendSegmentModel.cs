using Marketing.Analysis.Segments;
using Marketing.Core.Json;
using Marketing.Core.Storage;
using Marketing.Generation.Evidence;

namespace Marketing.Generation.Targeting;

/// <summary>
/// The audience segments found by <c>mkt segments</c> (artifacts <c>segment</c>/{id}). Segmentation clusters authors on
/// region, reach, platform, brand sentiment and topics; an ad platform can only rebuild the first three, so a post's
/// author joins the segment whose region, follower band and platform fit best (region counts most; a segment with no
/// dominant region or platform accepts any). Authors who fit no segment's region stay out.
/// </summary>
public sealed class TrendSegmentModel : ISegmentModel
{
    private readonly List<(AudienceSegment Audience, Segment Source)> _segments;

    private TrendSegmentModel(List<(AudienceSegment, Segment)> segments)
    {
        _segments = segments;
        Segments = [.. segments.Select(s => s.Item1)];
    }

    public IReadOnlyList<AudienceSegment> Segments { get; }

    /// <summary>The saved segments, or null when segmentation has not run.</summary>
    public static async Task<TrendSegmentModel?> LoadAsync(IPostStore store, BrandCorpus corpus, CancellationToken ct = default)
    {
        var saved = new List<Segment>();
        foreach (var a in await store.ListArtifactsAsync(SegmentAnalyzer.SegmentKind, 1000, ct))
        {
            if (SnakeCaseJson.Deserialize<Segment>(a.Json) is { Id.Length: > 0 } s)
            {
                saved.Add(s);
            }
        }

        if (saved.Count == 0)
        {
            return null;
        }

        var list = saved.OrderBy(s => s.Id, StringComparer.Ordinal)
            .Select(s => (new AudienceSegment
            {
                Id = s.Id,
                Description = s.Description,
                Definition = new()
                {
                    ["location"] = s.Region,
                    ["location_share"] = s.RegionShare.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
                    ["follower_band"] = s.FollowerBand,
                    ["platforms"] = s.Platform,
                },
                Source = "mkt segments",
            }, s))
            .ToList();
        var model = new TrendSegmentModel(list);
        foreach (var g in corpus.Posts.GroupBy(model.SegmentOf).Where(g => g.Key is not null))
        {
            var seg = model.Segments.First(s => s.Id == g.Key);
            seg.Posts = g.Count();
            seg.Authors = g.Select(p => p.Author.Id).Distinct(StringComparer.Ordinal).Count();
        }

        return model;
    }

    public string? SegmentOf(PostFacts post)
    {
        string? best = null;
        var bestScore = 0.0;
        var band = FollowerBands.Of(post.Author.Followers);
        foreach (var (audience, s) in _segments)
        {
            var regional = s.RegionShare >= 0.5;
            var regionMatch = string.Equals(s.Region, post.Author.Location?.Trim(), StringComparison.OrdinalIgnoreCase);
            if (regional && !regionMatch)
            {
                continue;
            }

            var score = (regionMatch ? 2 * Math.Max(s.RegionShare, 0.25) : 0.1)
                        + (string.Equals(s.FollowerBand, band, StringComparison.Ordinal) ? 1 : 0)
                        + (string.Equals(s.Platform, post.Platform, StringComparison.OrdinalIgnoreCase) ? 0.5 : s.Platform == "mixed" ? 0.1 : 0);
            if (score > bestScore)
            {
                (best, bestScore) = (audience.Id, score);
            }
        }

        return best;
    }
}
