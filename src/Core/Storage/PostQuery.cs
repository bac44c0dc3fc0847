using Marketing.Core.Domain;

namespace Marketing.Core.Storage;

/// <summary>Filters for finding posts. Every value is passed to SQL as a parameter, never spliced into it.</summary>
public sealed record PostQuery
{
    public string? Platform { get; init; }

    public string? PostId { get; init; }

    public string? Brand { get; init; }

    public SentimentLabel? Sentiment { get; init; }

    /// <summary>Inclusive lower bound on the creation instant.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Exclusive upper bound on the creation instant.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Every word must occur in the text (case-insensitive substring match).</summary>
    public string? Text { get; init; }

    public string? AuthorId { get; init; }

    public string? Language { get; init; }

    public int Limit { get; init; } = 50;

    public int Offset { get; init; }
}
