using Marketing.Generation.Drafting;

namespace Marketing.Web.Jobs;

/// <summary>A draft request running in the background. Status: queued, running, done, failed.</summary>
public sealed class DraftJob
{
    public required string Id { get; init; }

    /// <summary>Hash of the normalized request: identical requests share one job (the cache).</summary>
    public required string Key { get; init; }

    public required DraftJobRequest Request { get; init; }

    public string Status { get; set; } = "queued";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; set; }

    public DraftSet? Result { get; set; }

    public string? Error { get; set; }
}
