namespace Marketing.Generation.Guardrails;

/// <param name="Code">Stable: too_long, too_few, too_many, banned_term, unsupported_claim, personal_data, private_handle,
/// disallowed_link, missing_field, no_evidence, bad_answer, past_visible.</param>
/// <param name="Field">The draft field, e.g. headline_3, or "draft".</param>
/// <param name="Detail">A sentence a person can act on.</param>
public sealed record Violation(string Code, string Field, string Detail);
