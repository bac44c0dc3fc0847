using System.Globalization;

namespace Marketing.Cli.Commands;

/// <summary>Parses --since / --until values: ISO-8601 instants, or dates (midnight UTC).</summary>
public static class TimeArgument
{
    public static DateTimeOffset? Parse(string? value, string optionName)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
        {
            return t;
        }

        throw new UsageException($"{optionName} '{value}' is not a time; use ISO-8601 such as 2026-11-01 or 2026-11-01T08:00:00Z.");
    }
}
