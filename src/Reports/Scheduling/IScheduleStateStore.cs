namespace Marketing.Reports.Scheduling;

public interface IScheduleStateStore
{
    Task<ScheduleState?> GetAsync(string name, CancellationToken ct);

    Task SaveAsync(ScheduleState state, CancellationToken ct);
}
