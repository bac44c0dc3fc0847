using Marketing.Generation.Evidence;

namespace Marketing.Generation.Targeting;

/// <summary>
/// Segments by the author's profile location (the attribute ad platforms target on most reliably), described by
/// their dominant follower band and platforms. Locations with too few posts are left out rather than guessed at.
/// </summary>
public sealed class LocationSegmentModel : ISegmentModel
{
    public const int MinPosts = 20;

    private readonly Dictionary<string, string> _byLocation;

    private LocationSegmentModel(List<AudienceSegment> segments, Dictionary<string, string> byLocation)
    {
        Segments = segments;
        _byLocation = byLocation;
    }

    public IReadOnlyList<AudienceSegment> Segments { get; }

    public string? SegmentOf(PostFacts post) =>
        Normalize(post.Author.Location) is { } loc && _byLocation.TryGetValue(loc, out var id) ? id : null;

    public static LocationSegmentModel Build(IReadOnlyList<PostFacts> posts)
    {
        var groups = posts.Where(p => Normalize(p.Author.Location) is not null)
            .GroupBy(p => Normalize(p.Author.Location)!, StringComparer.Ordinal)
            .Where(g => g.Count() >= MinPosts)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        var segments = new List<AudienceSegment>();
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in groups)
        {
            var display = g.GroupBy(p => p.Author.Location!.Trim()).OrderByDescending(x => x.Count()).ThenBy(x => x.Key, StringComparer.Ordinal).First().Key;
            var band = g.GroupBy(p => FollowerBand(p.Author.Followers)).OrderByDescending(x => x.Count()).ThenBy(x => x.Key, StringComparer.Ordinal).First().Key;
            var platforms = g.GroupBy(p => p.Platform).OrderByDescending(x => x.Count()).ThenBy(x => x.Key, StringComparer.Ordinal)
                .Take(3).Select(x => x.Key).ToList();
            var id = Slug(display);
            for (var k = 2; !used.Add(id); k++)
            {
                id = Slug(display) + "-" + k;
            }

            map[g.Key] = id;
            segments.Add(new AudienceSegment
            {
                Id = id,
                Description = $"People in {display}, mostly {band} followers, active on {string.Join(", ", platforms)}",
                Definition = new() { ["location"] = display, ["follower_band"] = band, ["platforms"] = string.Join(",", platforms) },
                Authors = g.Select(p => p.Author.Id).Distinct(StringComparer.Ordinal).Count(),
                Posts = g.Count(),
                Source = "auto-location",
            });
        }

        return new LocationSegmentModel(segments, map);
    }

    public static string FollowerBand(long followers) => followers switch
    {
        < 100 => "<100",
        < 1_000 => "100-1k",
        < 10_000 => "1k-10k",
        < 100_000 => "10k-100k",
        _ => "100k+",
    };

    private static string? Normalize(string? location) =>
        string.IsNullOrWhiteSpace(location) ? null : location.Trim().ToLowerInvariant();

    private static string Slug(string text)
    {
        var chars = text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray();
        var slug = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length == 0 ? "segment" : slug;
    }
}
