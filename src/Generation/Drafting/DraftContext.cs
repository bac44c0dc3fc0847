using Marketing.Generation.Evidence;
using Marketing.Generation.Guardrails;
using Marketing.Generation.Profiles;

namespace Marketing.Generation.Drafting;

/// <summary>Everything a writer needs for one brand: the profile, the evidence and the rules.</summary>
public sealed record DraftContext(BrandProfile Profile, EvidencePack Evidence, Guardrail Guardrail);
