using Marketing.Core.Domain;
using Marketing.Core.Storage;
using Marketing.Reports.Model;

namespace Marketing.Reports.Data;

public sealed partial class ReportDataBuilder
{
    private sealed class AuthorTally
    {
        public required string Platform { get; init; }

        public required string Id { get; init; }

        public string Handle { get; set; } = "";

        public long Posts { get; set; }

        public long Engagement { get; set; }

        public long Followers { get; set; }

        public long Positive { get; set; }

        public long Negative { get; set; }

        public long Scored { get; set; }
    }

    private sealed record ScanResult(long Authors, IReadOnlyList<AuthorItem> TopAuthors);

    /// <summary>One streaming pass over the period's posts: distinct authors and the top authors by engagement.</summary>
    private async Task<ScanResult> ScanPostsAsync(TimeRange period, string? brand, int top, CancellationToken ct)
    {
        var tallies = new Dictionary<(string, string), AuthorTally>();
        var query = new PostQuery { Since = period.Start, Until = period.End, Brand = brand, Limit = 0 };
        await foreach (var p in _store.StreamPostsAsync(query, ct))
        {
            var key = (p.Platform, p.Author.Id);
            if (!tallies.TryGetValue(key, out var t))
            {
                t = new AuthorTally { Platform = p.Platform, Id = p.Author.Id };
                tallies[key] = t;
            }

            t.Posts++;
            t.Engagement += p.Engagement.Total;
            t.Followers = Math.Max(t.Followers, p.Author.Followers);
            if (p.Author.Handle is { Length: > 0 } h)
            {
                t.Handle = h;
            }

            if (p.Sentiment is { Label: not SentimentLabel.Unscored } s)
            {
                t.Scored++;
                t.Positive += s.Label == SentimentLabel.Positive ? 1 : 0;
                t.Negative += s.Label == SentimentLabel.Negative ? 1 : 0;
            }
        }

        var ranked = tallies.Values
            .OrderByDescending(t => t.Engagement).ThenByDescending(t => t.Posts).ThenBy(t => t.Id, StringComparer.Ordinal)
            .Take(top)
            .Select(t => new AuthorItem(t.Platform, t.Id, t.Handle, t.Posts, t.Engagement, t.Followers,
                t.Scored == 0 ? null : (t.Positive - t.Negative) / (double)t.Scored))
            .ToList();
        return new ScanResult(tallies.Count, ranked);
    }

    private async Task<long> CountAuthorsAsync(TimeRange range, string? brand, CancellationToken ct)
    {
        var seen = new HashSet<(string, string)>();
        await foreach (var p in _store.StreamPostsAsync(new PostQuery { Since = range.Start, Until = range.End, Brand = brand, Limit = 0 }, ct))
        {
            seen.Add((p.Platform, p.Author.Id));
        }

        return seen.Count;
    }
}
