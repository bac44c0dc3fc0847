using Marketing.Core.Storage;
using Marketing.Generation.Evidence;

namespace Marketing.Generation.Targeting;

/// <summary>Picks the segment model for a run.</summary>
public static class SegmentModels
{
    /// <summary>Segments by author location over the brand's posts (the store is kept for segment artifacts from trend analysis).</summary>
    public static Task<ISegmentModel> LoadAsync(IPostStore store, BrandCorpus corpus, CancellationToken ct = default)
    {
        _ = store;
        ct.ThrowIfCancellationRequested();
        return Task.FromResult<ISegmentModel>(LocationSegmentModel.Build(corpus.Posts));
    }
}
