using Marketing.Core.Storage;

namespace Marketing.Analysis.Trends;

/// <summary>
/// Bucket boundaries in a time zone. The store buckets by UTC; hours here are UTC hours shown in the zone's offset, and
/// days and weeks are the zone's calendar days (Monday weeks), so a DST day is 23 or 25 hours long. Each local bucket is
/// the sum of the UTC hours that start inside it (exact for whole-hour offsets; a :30 zone is off by half an hour).
/// </summary>
public sealed class TimeBuckets
{
    private readonly Dictionary<DateTimeOffset, int> _index = [];

    public TimeBuckets(TimeRange range, BucketSize size, TimeZoneInfo zone)
    {
        Size = size;
        Zone = zone;
        var bounds = new List<DateTimeOffset>();
        var t = StartOf(range.Start, size, zone);
        while (t < range.End)
        {
            _index[t] = bounds.Count;
            bounds.Add(t);
            t = Next(t, size, zone);
        }

        bounds.Add(t);
        Bounds = bounds;
    }

    public BucketSize Size { get; }

    public TimeZoneInfo Zone { get; }

    /// <summary>Count + 1 boundaries: bucket i is [Bounds[i], Bounds[i + 1]).</summary>
    public IReadOnlyList<DateTimeOffset> Bounds { get; }

    public int Count => Bounds.Count - 1;

    public DateTimeOffset Start(int i) => Bounds[i];

    public DateTimeOffset End(int i) => Bounds[i + 1];

    /// <summary>The covered range, from the start of the first bucket to the end of the last.</summary>
    public TimeRange Range => new(Bounds[0], Bounds[^1]);

    /// <summary>The index of the bucket holding <paramref name="instant"/>, or -1 outside the range.</summary>
    public int IndexOf(DateTimeOffset instant)
    {
        if (instant < Bounds[0] || instant >= Bounds[^1])
        {
            return -1;
        }

        return _index.TryGetValue(StartOf(instant, Size, Zone), out var i) ? i : -1;
    }

    /// <summary>The start of the bucket that holds an instant, with the zone's offset at that start.</summary>
    public static DateTimeOffset StartOf(DateTimeOffset instant, BucketSize size, TimeZoneInfo zone)
    {
        var utc = instant.ToUniversalTime();
        if (size == BucketSize.Hour)
        {
            var hour = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
            return TimeZoneInfo.ConvertTime(hour, zone);
        }

        var localDate = TimeZoneInfo.ConvertTime(utc, zone).Date;
        if (size == BucketSize.Week)
        {
            localDate = localDate.AddDays(-(((int)localDate.DayOfWeek + 6) % 7));
        }

        return LocalMidnight(localDate, zone);
    }

    public static DateTimeOffset Next(DateTimeOffset start, BucketSize size, TimeZoneInfo zone) => size switch
    {
        BucketSize.Hour => TimeZoneInfo.ConvertTime(start.ToUniversalTime().AddHours(1), zone),
        BucketSize.Day => LocalMidnight(TimeZoneInfo.ConvertTime(start, zone).Date.AddDays(1), zone),
        _ => LocalMidnight(TimeZoneInfo.ConvertTime(start, zone).Date.AddDays(7), zone),
    };

    public static TimeSpan NominalWidth(BucketSize size) => size switch
    {
        BucketSize.Hour => TimeSpan.FromHours(1),
        BucketSize.Day => TimeSpan.FromDays(1),
        _ => TimeSpan.FromDays(7),
    };

    /// <summary>The first instant of a local calendar date (a zone that skips midnight starts the day at the first valid time).</summary>
    public static DateTimeOffset LocalMidnight(DateTime localDate, TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(localDate.Date, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        // An ambiguous midnight (clocks fall back over it) starts at its first occurrence, the larger offset.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>Resolves an IANA (or Windows) zone id; null or empty is UTC.</summary>
    public static TimeZoneInfo ParseZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Equals("utc", StringComparison.OrdinalIgnoreCase))
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"Unknown time zone '{id}'; use an IANA id such as Europe/Paris or America/New_York.", nameof(id), ex);
        }
    }
}
