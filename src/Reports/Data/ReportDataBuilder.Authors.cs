using Marketing.Core.Storage;
using Marketing.Reports.Model;

namespace Marketing.Reports.Data;

public sealed partial class ReportDataBuilder
{
    private sealed record ScanResult(long Authors, IReadOnlyList<AuthorItem> TopAuthors);

    /// <summary>Distinct authors and the top authors by engagement, aggregated by the store (no post is streamed).</summary>
    private async Task<ScanResult> ScanPostsAsync(TimeRange period, string? brand, int top, CancellationToken ct)
    {
        var summary = await _store.GetAuthorSummaryAsync(period, top, brand, ct);
        var ranked = summary.Top
            .Select(a => new AuthorItem(a.Platform, a.AuthorId, a.Handle ?? "", a.Posts, a.Engagement, a.Followers,
                a.Scored == 0 ? null : (a.Positive - a.Negative) / (double)a.Scored))
            .ToList();
        return new ScanResult(summary.DistinctAuthors, ranked);
    }

    private async Task<long> CountAuthorsAsync(TimeRange range, string? brand, CancellationToken ct) =>
        (await _store.GetAuthorSummaryAsync(range, 0, brand, ct)).DistinctAuthors;
}
