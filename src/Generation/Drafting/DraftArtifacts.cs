using Marketing.Core.Json;
using Marketing.Core.Storage;

namespace Marketing.Generation.Drafting;

/// <summary>Drafts saved in the store (artifact kind "draft", key = run id), for reports and the dashboard.</summary>
public static class DraftArtifacts
{
    public const string Kind = "draft";

    public static Task SaveAsync(IPostStore store, DraftSet set, CancellationToken ct = default) =>
        store.PutArtifactAsync(Kind, set.RunId, SnakeCaseJson.Serialize(set), ct);

    /// <summary>The newest saved run, for one brand or any, or null when none was saved.</summary>
    public static async Task<DraftSet?> LatestAsync(IPostStore store, string? brand = null, CancellationToken ct = default)
    {
        foreach (var a in await store.ListArtifactsAsync(Kind, 1000, ct))
        {
            if (brand is null || a.Key.StartsWith(brand.ToLowerInvariant() + "-", StringComparison.Ordinal))
            {
                return SnakeCaseJson.Deserialize<DraftSet>(a.Json);
            }
        }

        return null;
    }
}
