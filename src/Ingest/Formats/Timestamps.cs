using System.Globalization;
using System.Text.Json;

namespace Marketing.Ingest.Formats;

/// <summary>
/// Parses the timestamp forms found in exports: ISO-8601, <c>2015-02-24 11:35:52 -0800</c>, RFC 2822
/// (<c>Tue, 24 Feb 2015 11:35:52 -0800</c>), Twitter v1.1 (<c>Wed Oct 10 20:19:24 +0000 2018</c>) and Unix epochs in
/// seconds or milliseconds. The source's UTC offset is kept; a time without an offset is taken as UTC.
/// </summary>
public static class Timestamps
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd HH:mm:ss zzz",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF zzz",
        "yyyy-MM-dd HH:mm:sszzz",
        "ddd MMM dd HH:mm:ss zzz yyyy",
        "ddd, d MMM yyyy HH:mm:ss zzz",
        "ddd, d MMM yyyy HH:mm zzz",
        "d MMM yyyy HH:mm:ss zzz",
        "ddd, d MMM yyyy HH:mm:ss 'GMT'",
        "ddd, d MMM yyyy HH:mm:ss 'UTC'",
        "ddd, d MMM yyyy HH:mm:ss 'UT'",
        "ddd, d MMM yyyy HH:mm:ss 'Z'",
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd",
    ];

    // Unix seconds below this are taken as seconds, above as milliseconds: 1e11 s is the year 5138, 1e11 ms is 1973.
    private const double MillisecondThreshold = 1e11;

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        if (s.Length <= 20 && IsNumber(s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var epoch))
        {
            return TryFromEpoch(epoch, out value);
        }

        // ISO-8601 with T (the common case, and the one the own schema writes): the general parser handles every
        // variant (fractions, Z, offsets) quickly; trying the exact formats first would cost a miss each.
        if (s.Length >= 19 && s[4] == '-' && s[7] == '-' && s[10] == 'T'
            && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value))
        {
            return true;
        }

        // RFC 2822 allows "-0800"; .NET's zzz wants "-08:00". Rewrite a trailing 4-digit offset before parsing.
        var normalized = FixNumericOffset(s);
        if (DateTimeOffset.TryParseExact(normalized, Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out value))
        {
            return true;
        }

        return DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture,
            DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out value);
    }

    public static bool TryParse(JsonElement element, out DateTimeOffset value)
    {
        value = default;
        return element.ValueKind switch
        {
            // System.Text.Json's own ISO-8601 reader is the fastest path; it is used only when the text carries
            // its offset (without one it would assume the machine's local zone, and we assume UTC).
            JsonValueKind.String when HasOffset(element) && element.TryGetDateTimeOffset(out value) => true,
            JsonValueKind.String => TryParse(element.GetString(), out value),
            JsonValueKind.Number => element.TryGetDouble(out var d) && TryFromEpoch(d, out value),
            _ => false,
        };
    }

    private static bool HasOffset(JsonElement element)
    {
        var raw = element.GetRawText().AsSpan();
        if (raw.Length < 22 || raw[5] != '-' || raw[11] != 'T')
        {
            return false;
        }

        var tail = raw[^7..^1];
        return tail[^1] == 'Z' || ((tail[0] == '+' || tail[0] == '-') && tail[3] == ':');
    }

    public static bool TryFromEpoch(double epoch, out DateTimeOffset value)
    {
        value = default;
        if (double.IsNaN(epoch) || epoch < 0)
        {
            return false;
        }

        var ms = epoch >= MillisecondThreshold ? epoch : epoch * 1000.0;
        if (ms > 253_402_300_799_999d)
        {
            return false;
        }

        value = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(ms));
        return true;
    }

    private static bool IsNumber(string s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c) && c != '.' && c != 'e' && c != 'E' && c != '+')
            {
                return false;
            }
        }

        return true;
    }

    private static string FixNumericOffset(string s)
    {
        // "... +0000 2018" (Twitter) and "... -0800" (RFC 2822 / Kaggle exports).
        var span = s.AsSpan();
        for (var i = span.Length - 5; i >= 1; i--)
        {
            if ((span[i] == '+' || span[i] == '-') && span[i - 1] == ' '
                && char.IsAsciiDigit(span[i + 1]) && char.IsAsciiDigit(span[i + 2]) && char.IsAsciiDigit(span[i + 3]) && char.IsAsciiDigit(span[i + 4])
                && (i + 5 == span.Length || span[i + 5] == ' '))
            {
                return string.Concat(span[..(i + 3)], ":", span[(i + 3)..]);
            }
        }

        return s;
    }
}
