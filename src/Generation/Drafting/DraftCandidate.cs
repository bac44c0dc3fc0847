namespace Marketing.Generation.Drafting;

/// <summary>What a writer (template or LLM) produced for a slot, before validation.</summary>
public sealed record DraftCandidate(
    DraftFields Fields,
    string Tone,
    string Cta,
    IReadOnlyList<string> EvidenceItems,
    IReadOnlyList<string> EvidenceIds,
    string Provider,
    string Model,
    bool AiGenerated,
    string? FallbackReason = null);
