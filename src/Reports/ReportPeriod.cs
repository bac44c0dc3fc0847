using System.Globalization;
using Marketing.Core.Storage;

namespace Marketing.Reports;

/// <summary>Parses period lengths ("7d", "24h", "2w", "90m") and resolves the period a report covers.</summary>
public static class ReportPeriod
{
    public static TimeSpan ParseLength(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t.Length >= 2 && double.TryParse(t[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            TimeSpan? length = t[^1] switch
            {
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                'd' => TimeSpan.FromDays(n),
                'w' => TimeSpan.FromDays(7 * n),
                _ => null,
            };
            if (length is { } l)
            {
                return l;
            }
        }

        if (TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero)
        {
            return span;
        }

        throw new FormatException($"Period '{text}' is not a length; use a number and a unit, e.g. 7d, 24h, 2w or 90m.");
    }

    /// <summary>
    /// The period to report on. <paramref name="until"/> defaults to now, or to the end of the UTC day of the newest
    /// stored post when that is earlier (a report over an archive or a demo store is then not empty);
    /// <paramref name="since"/> defaults to <paramref name="until"/> minus <paramref name="length"/> (default 7 days).
    /// </summary>
    public static TimeRange Resolve(DateTimeOffset? since, DateTimeOffset? until, TimeSpan? length, DateTimeOffset now, TimeRange? stored)
    {
        var end = until ?? DefaultEnd(now, stored);
        var start = since ?? end - (length ?? TimeSpan.FromDays(7));
        if (since is not null && until is null && length is not null)
        {
            end = start + length.Value;
        }

        if (end <= start)
        {
            throw new FormatException($"The period is empty: since {start:u} is not before until {end:u}.");
        }

        return new TimeRange(start, end);
    }

    private static DateTimeOffset DefaultEnd(DateTimeOffset now, TimeRange? stored)
    {
        if (stored is not { } s)
        {
            return now;
        }

        var lastPost = s.End.AddTicks(-1);
        var endOfDay = new DateTimeOffset(lastPost.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
        return endOfDay < now ? endOfDay : now;
    }
}
