namespace Marketing.Core.Storage;

/// <summary>A half-open interval [Start, End) of instants.</summary>
public readonly record struct TimeRange(DateTimeOffset Start, DateTimeOffset End)
{
    public TimeSpan Length => End - Start;

    public bool Contains(DateTimeOffset t) => t >= Start && t < End;

    public static TimeRange All => new(DateTimeOffset.UnixEpoch, new DateTimeOffset(9999, 1, 1, 0, 0, 0, TimeSpan.Zero));
}
