using Marketing.Generation.Guardrails;

namespace Marketing.Generation.Drafting;

/// <summary>A slot whose every attempt broke a rule: what was tried and why it was refused.</summary>
public sealed record RejectedDraft(string Channel, string Variant, string TestedElement, string? Segment, int Attempts, string Provider, IReadOnlyList<Violation> Reasons);
