namespace Marketing.Generation.Guardrails;

/// <param name="Violations">Rules the draft breaks; empty when it may ship.</param>
/// <param name="ClaimsUsed">Approved-claim ids the copy states.</param>
/// <param name="ClaimCitations">Substantiation those claims require.</param>
public sealed record GuardrailResult(IReadOnlyList<Violation> Violations, IReadOnlyList<string> ClaimsUsed, IReadOnlyList<string> ClaimCitations)
{
    public bool Passed => Violations.Count == 0;
}
