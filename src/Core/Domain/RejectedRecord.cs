namespace Marketing.Core.Domain;

/// <summary>An input record that was not stored, with the reason. Nothing accepted is lost; nothing rejected is silent.</summary>
/// <param name="Reason">A stable reason code: no_text, bad_date, too_large, invalid_utf8, bad_json, wrong_type, ...</param>
/// <param name="Detail">A sentence a person can act on.</param>
/// <param name="Source">File path and line, or topic/partition@offset.</param>
/// <param name="Raw">The raw record, truncated for storage.</param>
public sealed record RejectedRecord(string Reason, string Detail, string Source, string? Raw, DateTimeOffset At);
