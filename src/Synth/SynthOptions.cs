namespace Marketing.Synth;

/// <summary>What to synthesize. The defaults give a reproducible month; <see cref="Start"/> is fixed, never "now".</summary>
public sealed class SynthOptions
{
    public const int MinPosts = 1_000;
    public const int MaxPosts = 50_000_000;
    public const int MinDays = 1;
    public const int MaxDays = 366;

    /// <summary>2026-10-01T00:00Z: fixed so that the same seed gives the same bytes on any day.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Total posts written, events included.</summary>
    public int Posts { get; set; } = 100_000;

    public int Days { get; set; } = 30;

    public int Seed { get; set; } = 7;

    /// <summary>First instant of the stream; truncated to the whole UTC hour so event windows align with hourly buckets.</summary>
    public DateTimeOffset Start { get; set; } = DefaultStart;

    /// <summary>Designed share of posts not in English (fr, es, de), written by the French, Spanish and German segments.</summary>
    public double NonEnglishShare { get; set; } = 0.03;

    /// <summary>Throws <see cref="ArgumentException"/> with a message a person can act on.</summary>
    public void Validate()
    {
        if (Posts is < MinPosts or > MaxPosts)
        {
            throw new ArgumentException($"posts must be between {MinPosts:N0} and {MaxPosts:N0} (got {Posts:N0}); fewer than {MinPosts:N0} leaves the injected events too thin to see.", nameof(Posts));
        }

        if (Days is < MinDays or > MaxDays)
        {
            throw new ArgumentException($"days must be between {MinDays} and {MaxDays} (got {Days}).", nameof(Days));
        }

        if (NonEnglishShare is < 0 or > 0.3 || double.IsNaN(NonEnglishShare))
        {
            throw new ArgumentException($"the non-English share must be between 0 and 0.3 (got {NonEnglishShare}).", nameof(NonEnglishShare));
        }

        if (Start.Year is < 2000 or > 2100)
        {
            throw new ArgumentException($"start must be between the years 2000 and 2100 (got {Start:O}).", nameof(Start));
        }
    }
}
