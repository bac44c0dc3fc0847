using System.Buffers;
using System.Runtime.CompilerServices;

namespace Marketing.Ingest.Normalization;

/// <summary>
/// Finds hashtags, mentions and links in post text with a single scan (no regular expressions: this runs on every
/// post at 100k+ posts/s). Hashtags and mentions are returned lower-case without the sign, distinct, in order.
/// The <c>Add...</c> forms allocate a list only for the first item found: most posts have no tag, mention or link.
/// </summary>
public static class TextEntities
{
    // Where a link may start: found in one vectorized pass over the text, then checked one by one.
    private static readonly SearchValues<string> LinkStarts = SearchValues.Create(["http", "www."], StringComparison.OrdinalIgnoreCase);

    public static List<string> Hashtags(string text) => AddHashtags(text, null) ?? [];

    public static List<string> Mentions(string text) => AddMentions(text, null) ?? [];

    public static List<string> Links(string text) => AddLinks(text, null) ?? [];

    /// <summary>Adds the text's hashtags that <paramref name="found"/> lacks; returns the list (null while there is none).</summary>
    public static List<string>? AddHashtags(string text, List<string>? found) => Tagged(text, '#', requireLetter: true, maxLength: 100, found);

    /// <summary>Adds the text's mentions that <paramref name="found"/> lacks; returns the list (null while there is none).</summary>
    public static List<string>? AddMentions(string text, List<string>? found) => Tagged(text, '@', requireLetter: false, maxLength: 50, found);

    // Per-post hot path: compiled fully optimized on first call. With tiering, an ingest of a few seconds ran much of
    // this code as tier-0 and PGO-instrumented code and paid for three compilations (see README, ingest, Measured).
    /// <summary>Adds the text's links that <paramref name="found"/> lacks, in order; returns the list (null while there is none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<string>? AddLinks(string text, List<string>? found, Func<string, bool>? skip = null)
    {
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

            // Sentence punctuation after a link is not part of it: "see https://a.co/x." -> https://a.co/x
            while (end > start && text[end - 1] is '.' or ',' or ';' or ':' or '!' or '?' or ')' or '\'' or ']' or '…')
            {
                end--;
            }

            if (end - start > 8 && !Contains(found, text.AsSpan(start, end - start)))
            {
                var link = text[start..end];
                if (skip is null || !skip(link))
                {
                    (found ??= []).Add(link);
                }
            }

            i = Math.Max(end, start + 1);
        }

        return found;
    }

    /// <summary>
    /// The first link start at or after <paramref name="from"/>: "http://" or "https://" not preceded by a letter or
    /// digit, or "www." not preceded by a letter, digit, '/' or '.'; -1 when there is none.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int IndexOfLinkStart(string text, int from)
    {
        var at = from;
        while (at < text.Length)
        {
            var k = text.AsSpan(at).IndexOfAny(LinkStarts);
            if (k < 0)
            {
                return -1;
            }

            at += k;
            var rest = text.AsSpan(at);
            var before = at == 0 ? ' ' : text[at - 1];
            if (rest[0] is 'h' or 'H')
            {
                if ((rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                    && !char.IsLetterOrDigit(before))
                {
                    return at;
                }
            }
            else if (!(char.IsLetterOrDigit(before) || before is '/' or '.'))
            {
                return at;
            }

            at++;
        }

        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<string>? Tagged(string text, char sign, bool requireLetter, int maxLength, List<string>? found)
    {
        var i = text.IndexOf(sign);
        if (i < 0)
        {
            return found;
        }

        Span<char> lower = stackalloc char[maxLength];
        while (i >= 0)
        {
            // "a@b.com" is an address, "x#1" is not a tag: the sign must start a word.
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
                // Compared lower-cased before a string is made: a repeated tag costs no allocation.
                var tag = lower[..text.AsSpan(i + 1, length).ToLowerInvariant(lower)];
                if (!Contains(found, tag))
                {
                    (found ??= []).Add(tag.ToString());
                }
            }

            i = end < text.Length ? text.IndexOf(sign, end) : -1;
        }

        return found;
    }

    private static bool Contains(List<string>? list, ReadOnlySpan<char> value)
    {
        if (list is null)
        {
            return false;
        }

        foreach (var item in list)
        {
            if (value.SequenceEqual(item))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsJoiningMark(char c) =>
        c >= '\u0300' && char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    /// <summary>
    /// Adds the items of <paramref name="extra"/> that are not in <paramref name="list"/> yet (lower-cased, sign
    /// removed); returns the list, made only when there is something to add.
    /// </summary>
    public static List<string>? Merge(List<string>? list, IEnumerable<string>? extra, char sign)
    {
        // The exact types first: an empty array or list is the common case, and a cast to an interface costs more.
        if (extra is null || extra is string[] { Length: 0 } || extra is List<string> { Count: 0 } || (extra is IReadOnlyCollection<string> { Count: 0 }))
        {
            return list;
        }

        foreach (var e in extra)
        {
            var v = e.TrimStart(sign).Trim().ToLowerInvariant();
            if (v.Length > 0 && !Contains(list, v))
            {
                (list ??= []).Add(v);
            }
        }

        return list;
    }
}
