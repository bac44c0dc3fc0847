using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Marketing.Generation.Channels;

/// <summary>Counts characters the way each platform does.</summary>
public static partial class TextCounter
{
    /// <summary>What X counts any URL as, whatever its length (t.co wrapping).</summary>
    public const int XUrlWeight = 23;

    /// <summary>
    /// X's weighted length (twitter-text v3 config): text is NFC-normalized; code points in the Latin, general
    /// punctuation and a few other ranges weigh 1, everything else (CJK, emoji, ...) weighs 2; each URL weighs 23.
    /// The limit is 280, so CJK-heavy text gets about 140 characters.
    /// </summary>
    public static int XWeightedLength(string text)
    {
        text = text.Normalize(NormalizationForm.FormC);
        var total = 0;
        var last = 0;
        foreach (Match m in UrlRegex().Matches(text))
        {
            total += WeighCodePoints(text.AsSpan(last, m.Index - last));
            total += XUrlWeight;
            last = m.Index + m.Length;
        }

        total += WeighCodePoints(text.AsSpan(last));
        return total;
    }

    /// <summary>
    /// Google Ads length: characters, with double-width characters (CJK, full-width forms) counting 2, as Google
    /// documents for ad text limits.
    /// </summary>
    public static int GoogleLength(string text)
    {
        var total = 0;
        foreach (var rune in text.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            total += IsWide(rune.Value) ? 2 : 1;
        }

        return total;
    }

    /// <summary>User-perceived characters (grapheme clusters): what Meta, LinkedIn and Instagram show and truncate.</summary>
    public static int Graphemes(string text) => new StringInfo(text.Normalize(NormalizationForm.FormC)).LengthInTextElements;

    /// <summary>The first <paramref name="n"/> user-perceived characters: what a feed shows before "... more".</summary>
    public static string VisiblePrefix(string text, int n)
    {
        var info = new StringInfo(text);
        return info.LengthInTextElements <= n ? text : info.SubstringByTextElements(0, n);
    }

    /// <summary>True when CJK characters make up at least a third of the letters (X then allows about 140).</summary>
    public static bool IsCjkHeavy(string text)
    {
        int letters = 0, cjk = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetter(rune))
            {
                letters++;
                if (IsWide(rune.Value))
                {
                    cjk++;
                }
            }
        }

        return letters > 0 && cjk * 3 >= letters;
    }

    public static IEnumerable<string> Urls(string text) => UrlRegex().Matches(text).Select(m => m.Value.TrimEnd('.', ',', ')', '!', '?', ';', ':'));

    // Ranges from twitter-text's v3 configuration that weigh 100 (one character); everything else weighs 200.
    private static int WeighCodePoints(ReadOnlySpan<char> span)
    {
        var total = 0;
        foreach (var rune in span.EnumerateRunes())
        {
            var v = rune.Value;
            var light = v is (>= 0 and <= 4351) or (>= 8192 and <= 8205) or (>= 8208 and <= 8223) or (>= 8242 and <= 8247);
            total += light ? 1 : 2;
        }

        return total;
    }

    private static bool IsWide(int v) =>
        v is (>= 0x1100 and <= 0x115F) or (>= 0x2E80 and <= 0x303E) or (>= 0x3041 and <= 0x33FF) or (>= 0x3400 and <= 0x4DBF)
            or (>= 0x4E00 and <= 0x9FFF) or (>= 0xA000 and <= 0xA4CF) or (>= 0xAC00 and <= 0xD7A3) or (>= 0xF900 and <= 0xFAFF)
            or (>= 0xFE30 and <= 0xFE4F) or (>= 0xFF00 and <= 0xFF60) or (>= 0xFFE0 and <= 0xFFE6) or (>= 0x20000 and <= 0x3FFFD);

    // http(s) URLs, www. hosts, and bare domains with a common TLD (X links those too).
    [GeneratedRegex(@"(?:https?://[^\s<>""]+|www\.[^\s<>""]+|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|co|ai|app|dev|info|biz|us|uk|de|fr|ly|me|gg|tv)(?:/[^\s<>""]*)?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlRegex();
}
