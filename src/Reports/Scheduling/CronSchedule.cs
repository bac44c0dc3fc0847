using Cronos;

namespace Marketing.Reports.Scheduling;

/// <summary>A validated schedule: its parsed cron expression, time zone, period and misfire policy.</summary>
public sealed class CronSchedule
{
    private CronSchedule(ReportScheduleOptions options, CronExpression cron, TimeZoneInfo zone, TimeSpan period, MisfirePolicy misfire)
    {
        Options = options;
        Cron = cron;
        Zone = zone;
        Period = period;
        Misfire = misfire;
    }

    public ReportScheduleOptions Options { get; }

    public string Name => Options.Name;

    public CronExpression Cron { get; }

    public TimeZoneInfo Zone { get; }

    public TimeSpan Period { get; }

    public MisfirePolicy Misfire { get; }

    /// <summary>Validates one schedule; the message names the schedule and the field so a person can fix the config.</summary>
    public static CronSchedule From(ReportScheduleOptions o, ReportsOptions defaults)
    {
        if (string.IsNullOrWhiteSpace(o.Name) || !o.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new FormatException($"Reports:Schedules: name '{o.Name}' must be non-empty letters, digits, '-' or '_' (it names folders).");
        }

        CronExpression cron;
        try
        {
            var fields = o.Cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            cron = CronExpression.Parse(o.Cron, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException ex)
        {
            throw new FormatException($"Schedule '{o.Name}': cron '{o.Cron}' is not valid ({ex.Message}). Example: '0 7 * * MON' = Mondays 07:00.", ex);
        }

        TimeZoneInfo zone;
        try
        {
            zone = string.IsNullOrWhiteSpace(o.TimeZone) || o.TimeZone.Equals("UTC", StringComparison.OrdinalIgnoreCase) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(o.TimeZone);
        }
        catch (TimeZoneNotFoundException ex)
        {
            throw new FormatException($"Schedule '{o.Name}': time zone '{o.TimeZone}' is unknown; use an IANA id such as Europe/Paris.", ex);
        }

        TimeSpan period;
        try
        {
            period = ReportPeriod.ParseLength(o.Period);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"Schedule '{o.Name}': {ex.Message}", ex);
        }

        if (string.IsNullOrWhiteSpace(o.Out))
        {
            throw new FormatException($"Schedule '{o.Name}': 'Out' (the folder that receives reports) is empty.");
        }

        if (o.Webhook is { Length: > 0 } hook && (!Uri.TryCreate(hook, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            throw new FormatException($"Schedule '{o.Name}': webhook '{hook}' is not an http(s) URL.");
        }

        return new CronSchedule(o, cron, zone, period, MisfirePolicies.Parse(o.Misfire ?? defaults.Misfire));
    }

    /// <summary>The first fire time strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset? Next(DateTimeOffset after) =>
        Cron.GetNextOccurrence(after.UtcDateTime, Zone, inclusive: false) is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    /// <summary>Fire times in (after, upTo], at most <paramref name="cap"/> of the newest (older ones are only counted).</summary>
    public (IReadOnlyList<DateTimeOffset> Times, long Total) Between(DateTimeOffset after, DateTimeOffset upTo, int cap)
    {
        var queue = new Queue<DateTimeOffset>();
        long total = 0;
        for (var t = Next(after); t is { } v && v <= upTo; t = Next(v))
        {
            total++;
            queue.Enqueue(v);
            if (queue.Count > cap)
            {
                queue.Dequeue();
            }
        }

        return (queue.ToList(), total);
    }
}
