using System.Globalization;
using System.Net;
using System.Text;

namespace Marketing.Ingest.Tests.Normalization;

/// <summary>
/// The normalization steps as they were before their fast paths (plain, allocation-heavy, obviously right), kept
/// verbatim so the tests can check that the fast code gives the same answers on tricky and random inputs.
/// </summary>
internal static class ReferenceNormalization
{
    public static string CleanText(string text)
    {
        var s = Clean(text) ?? "";
        if (s.Contains('&'))
        {
            s = WebUtility.HtmlDecode(s);
        }

        if (!s.IsNormalized(NormalizationForm.FormC))
        {
            s = s.Normalize(NormalizationForm.FormC);
        }

        return s.Trim();
    }

    private static string? Clean(string? s) => s is null ? null : s.Contains('\0') ? s.Replace("\0", "") : s;

    public static List<string> Hashtags(string text) => Tagged(text, '#', requireLetter: true, maxLength: 100);

    public static List<string> Mentions(string text) => Tagged(text, '@', requireLetter: false, maxLength: 50);

    public static List<string> Links(string text)
    {
        var found = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var start = IndexOfLinkStart(text, i);
            if (start < 0)
            {
                break;
            }

            var end = start;
            while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not ('"' or '<' or '>'))
            {
                end++;
            }

            while (end > start && text[end - 1] is '.' or ',' or ';' or ':' or '!' or '?' or ')' or '\'' or ']' or '…')
            {
                end--;
            }

            var link = text[start..end];
            if (link.Length > 8 && !found.Contains(link))
            {
                found.Add(link);
            }

            i = Math.Max(end, start + 1);
        }

        return found;
    }

    private static int IndexOfLinkStart(string text, int from)
    {
        var http = text.IndexOf("http", from, StringComparison.OrdinalIgnoreCase);
        var www = text.IndexOf("www.", from, StringComparison.OrdinalIgnoreCase);
        while (http >= 0)
        {
            var rest = text.AsSpan(http);
            if ((rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                && (http == 0 || !char.IsLetterOrDigit(text[http - 1])))
            {
                break;
            }

            http = text.IndexOf("http", http + 4, StringComparison.OrdinalIgnoreCase);
        }

        while (www >= 0 && www > 0 && (char.IsLetterOrDigit(text[www - 1]) || text[www - 1] is '/' or '.'))
        {
            www = text.IndexOf("www.", www + 4, StringComparison.OrdinalIgnoreCase);
        }

        if (http < 0)
        {
            return www;
        }

        return www < 0 ? http : Math.Min(http, www);
    }

    private static List<string> Tagged(string text, char sign, bool requireLetter, int maxLength)
    {
        var found = new List<string>();
        var i = text.IndexOf(sign);
        while (i >= 0)
        {
            var startsWord = i == 0 || !(char.IsLetterOrDigit(text[i - 1]) || text[i - 1] is '_' or '@' or '#' or '&' or '/');
            var end = i + 1;
            var letter = false;
            while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_' || IsJoiningMark(text[end])))
            {
                letter |= char.IsLetter(text[end]);
                end++;
            }

            var length = end - i - 1;
            if (startsWord && length > 0 && length <= maxLength && (letter || !requireLetter))
            {
                var tag = text.Substring(i + 1, length).ToLowerInvariant();
                if (!found.Contains(tag))
                {
                    found.Add(tag);
                }
            }

            i = end < text.Length ? text.IndexOf(sign, end) : -1;
        }

        return found;
    }

    private static bool IsJoiningMark(char c) =>
        char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    public static bool TryNearDuplicateKey(string text, int minChars, out ulong key)
    {
        const ulong offset = 14695981039346656037UL;
        const ulong prime = 1099511628211UL;
        key = offset;
        var span = text.AsSpan().Trim();
        if (span.StartsWith("RT @", StringComparison.Ordinal))
        {
            var colon = span.IndexOf(':');
            span = colon > 0 ? span[(colon + 1)..] : span;
        }

        var chars = 0;
        var pendingSpace = false;
        var i = 0;
        while (i < span.Length)
        {
            var c = span[i];
            if ((c == 'h' || c == 'H') && (span[i..].StartsWith("http://", StringComparison.OrdinalIgnoreCase) || span[i..].StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
            {
                while (i < span.Length && !char.IsWhiteSpace(span[i]))
                {
                    i++;
                }

                pendingSpace = chars > 0;
                continue;
            }

            if (c == '@' && (i == 0 || !char.IsLetterOrDigit(span[i - 1])))
            {
                i++;
                while (i < span.Length && (char.IsLetterOrDigit(span[i]) || span[i] == '_'))
                {
                    i++;
                }

                pendingSpace = chars > 0;
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace)
                {
                    key = (key ^ ' ') * prime;
                    pendingSpace = false;
                }

                var lower = char.ToLowerInvariant(c);
                key = (key ^ (byte)lower) * prime;
                key = (key ^ (byte)(lower >> 8)) * prime;
                chars++;
            }
            else
            {
                pendingSpace = chars > 0;
            }

            i++;
        }

        return chars >= minChars;
    }

    /// <summary>The stop-word vote as it was: a string per word, languages in first-seen order.</summary>
    public static string? VoteByStopWords(string text, IReadOnlyCollection<string> languages)
    {
        var wanted = languages.Select(l => l.Trim().ToLowerInvariant()).ToHashSet();
        var wordLanguages = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (lang, words) in Marketing.Ingest.Normalization.LanguageDetector.StopWords)
        {
            if (!wanted.Contains(lang))
            {
                continue;
            }

            foreach (var w in words)
            {
                if (!wordLanguages.TryGetValue(w, out var list))
                {
                    wordLanguages[w] = list = [];
                }

                list.Add(lang);
            }
        }

        var counts = new int[8];
        var names = new string?[8];
        var used = 0;
        foreach (var token in Words(text))
        {
            if (!wordLanguages.TryGetValue(token, out var langs))
            {
                continue;
            }

            foreach (var lang in langs)
            {
                var k = Array.IndexOf(names, lang, 0, used);
                if (k < 0 && used < names.Length)
                {
                    k = used++;
                    names[k] = lang;
                }

                if (k >= 0)
                {
                    counts[k]++;
                }
            }
        }

        var first = -1;
        var second = 0;
        for (var k = 0; k < used; k++)
        {
            if (first < 0 || counts[k] > counts[first])
            {
                second = first < 0 ? 0 : counts[first];
                first = k;
            }
            else if (counts[k] > second)
            {
                second = counts[k];
            }
        }

        return first >= 0 && counts[first] >= 3 && counts[first] >= 2 * second ? names[first] : null;
    }

    private static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            var inWord = char.IsLetter(c) || (c is '\'' or '’' && start >= 0);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return text[start..i].Replace('’', '\'').ToLowerInvariant();
                start = -1;
            }
        }
    }
}
