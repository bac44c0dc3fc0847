using Marketing.Core.Storage;

namespace Marketing.Reports.Notebook;

/// <summary>What to export. <see cref="Range"/> bounds posts, scores and trends by creation time; artifacts are exported whole.</summary>
public sealed record NotebookExportRequest
{
    public required string OutDir { get; init; }

    public TimeRange Range { get; init; } = TimeRange.All;

    public string? Brand { get; init; }

    /// <summary>Hash author ids and handles, strip e-mails, phone numbers and @handles from text.</summary>
    public bool Redact { get; init; }

    /// <summary>Salt for redaction hashes; default <c>MKT_REDACT_SALT</c> or random per export. Never written out.</summary>
    public byte[]? Salt { get; init; }
}
