using System.Collections.Concurrent;
using Marketing.Reports.Scheduling;

namespace Marketing.Reports.Tests.Support;

public sealed class InMemoryScheduleState : IScheduleStateStore
{
    public ConcurrentDictionary<string, ScheduleState> States { get; } = new();

    public Task<ScheduleState?> GetAsync(string name, CancellationToken ct) => Task.FromResult(States.TryGetValue(name, out var s) ? s : null);

    public Task SaveAsync(ScheduleState state, CancellationToken ct)
    {
        States[state.Name] = state;
        return Task.CompletedTask;
    }
}
