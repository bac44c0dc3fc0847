using Marketing.Core.Storage;
using Marketing.Generation.Evidence;

namespace Marketing.Generation.Targeting;

/// <summary>Where audience segments come from.</summary>
public enum SegmentSource
{
    /// <summary>By author location over the brand's posts (always available).</summary>
    Location,

    /// <summary>The segments saved by <c>mkt segments</c>; an error when it has not run.</summary>
    Trends,
}

/// <summary>Picks the segment model for a run.</summary>
public static class SegmentModels
{
    /// <summary>"trends" (or an id like s01) picks the trend segments; anything else the location segments.</summary>
    public static SegmentSource SourceFor(IReadOnlyList<string> requested) =>
        requested.Any(r => r == "trends" || (r.Length >= 2 && r[0] == 's' && r[1..].All(char.IsDigit))) ? SegmentSource.Trends : SegmentSource.Location;

    public static async Task<ISegmentModel> LoadAsync(IPostStore store, BrandCorpus corpus, SegmentSource source = SegmentSource.Location, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        if (source == SegmentSource.Trends)
        {
            return await TrendSegmentModel.LoadAsync(store, corpus, ct)
                   ?? throw new InvalidOperationException("No saved segments: run `mkt segments` first, or use --segments auto for location segments.");
        }

        return LocationSegmentModel.Build(corpus.Posts);
    }
}
