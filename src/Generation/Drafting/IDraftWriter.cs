using Marketing.Generation.Guardrails;

namespace Marketing.Generation.Drafting;

/// <summary>Writes one candidate for a slot. <paramref name="previous"/> lists what was wrong with the last attempt, if any.</summary>
public interface IDraftWriter
{
    Task<DraftCandidate> WriteAsync(DraftContext context, DraftSlot slot, int attempt, IReadOnlyList<Violation> previous, CancellationToken ct);
}
