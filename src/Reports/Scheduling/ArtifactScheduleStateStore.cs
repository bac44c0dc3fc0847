using Marketing.Core.Json;
using Marketing.Core.Storage;

namespace Marketing.Reports.Scheduling;

/// <summary>Keeps schedule state in the store as artifacts (kind <c>schedule-state</c>, key = schedule name), so every host sharing the store agrees.</summary>
public sealed class ArtifactScheduleStateStore(IPostStore store) : IScheduleStateStore
{
    public const string Kind = "schedule-state";

    public async Task<ScheduleState?> GetAsync(string name, CancellationToken ct) =>
        await store.GetArtifactAsync(Kind, name, ct) is { } json ? SnakeCaseJson.Deserialize<ScheduleState>(json) : null;

    public Task SaveAsync(ScheduleState state, CancellationToken ct) =>
        store.PutArtifactAsync(Kind, state.Name, SnakeCaseJson.Serialize(state), ct);
}
