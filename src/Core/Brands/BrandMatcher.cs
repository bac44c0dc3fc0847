using System.Collections.Frozen;
using System.Runtime.CompilerServices;

namespace Marketing.Core.Brands;

/// <summary>
/// Matches posts to watchlist brands by whole-word aliases, handles (mentions) and hashtags. Thread-safe once built.
/// </summary>
public sealed class BrandMatcher
{
    private readonly FrozenDictionary<string, string[]> _byHandle;
    private readonly FrozenDictionary<string, string[]> _byHashtag;

    // First token of an alias -> (remaining tokens, brand id) for phrase aliases.
    private readonly FrozenDictionary<string, (string[] Tail, string Brand)[]> _byFirstToken;
    private readonly KeyFilter _handleFilter, _hashtagFilter, _firstFilter;

    // Brand id -> a one-element array of it: the result when a post names one brand (shared, read-only).
    private readonly FrozenDictionary<string, string[]> _single;

    public BrandMatcher(BrandWatchlist watchlist)
    {
        Watchlist = watchlist;
        var handles = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var tags = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var first = new Dictionary<string, List<(string[], string)>>(StringComparer.Ordinal);

        foreach (var brand in watchlist.Brands)
        {
            foreach (var h in brand.Handles)
            {
                Add(handles, h.TrimStart('@').ToLowerInvariant(), brand.Id);
            }

            foreach (var t in brand.Hashtags)
            {
                Add(tags, t.TrimStart('#').ToLowerInvariant(), brand.Id);
            }

            foreach (var alias in brand.Aliases.Append(brand.Id))
            {
                var tokens = Tokenize(alias).ToArray();
                if (tokens.Length == 0)
                {
                    continue;
                }

                // A hashtag written as the alias run together (#acmemobile) also names the brand.
                Add(tags, string.Concat(tokens), brand.Id);
                if (!first.TryGetValue(tokens[0], out var list))
                {
                    first[tokens[0]] = list = [];
                }

                if (!list.Any(e => e.Item2 == brand.Id && e.Item1.SequenceEqual(tokens[1..])))
                {
                    list.Add((tokens[1..], brand.Id));
                }
            }
        }

        _byHandle = handles.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.Order().ToArray(), StringComparer.Ordinal);
        _byHashtag = tags.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.Order().ToArray(), StringComparer.Ordinal);
        _byFirstToken = first.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _handleFilter = new KeyFilter(_byHandle.Keys);
        _hashtagFilter = new KeyFilter(_byHashtag.Keys);
        _firstFilter = new KeyFilter(_byFirstToken.Keys);
        _single = watchlist.Brands.Select(b => b.Id).Distinct().ToFrozenDictionary(id => id, id => new[] { id }, StringComparer.Ordinal);
    }

    public BrandWatchlist Watchlist { get; }

    /// <summary>
    /// Brand ids named by the text, mentions or hashtags, sorted and distinct. Runs on every ingested post, so it
    /// walks the text once, token by token (the same tokens as <see cref="Tokenize"/>), and lower-cases and looks up
    /// only a token whose length and first letter some key has (<see cref="KeyFilter"/>): most words of most posts
    /// never reach a dictionary. Phrase tails are read from the tokens that follow, only when a first token matched.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public IReadOnlyList<string> Match(string text, IEnumerable<string>? mentions = null, IEnumerable<string>? hashtags = null)
    {
        var found = new Found();
        if (mentions is not null)
        {
            LookUpAll(_byHandle, _handleFilter, mentions, '@', ref found);
        }

        if (hashtags is not null)
        {
            LookUpAll(_byHashtag, _hashtagFilter, hashtags, '#', ref found);
        }

        var span = text.AsSpan();
        var pos = 0;
        while ((pos = NextToken(span, pos, out var start)) >= 0)
        {
            var token = span[start..pos];
            if (token.Length > 1 && (token[0] == '@' || token[0] == '#'))
            {
                var bare = token[1..];
                if (token[0] == '@')
                {
                    LookUp(_byHandle, _handleFilter, bare, ref found);
                }
                else
                {
                    LookUp(_byHashtag, _hashtagFilter, bare, ref found);
                }

                token = bare;
            }

            if (_firstFilter.MayContain(token))
            {
                MatchPhrases(span, token, pos, ref found);
            }
        }

        return found.ToResult(_single);
    }

    /// <summary>The phrase aliases whose first token is <paramref name="token"/> (ending at <paramref name="end"/>) and whose tail follows it.</summary>
    private void MatchPhrases(ReadOnlySpan<char> text, ReadOnlySpan<char> token, int end, ref Found found)
    {
        Span<char> buffer = stackalloc char[token.Length <= 256 ? token.Length : 0];
        var lower = token.Length <= 256 ? buffer : new char[token.Length];
        token.ToLowerInvariant(lower);
        if (!_byFirstToken.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(lower, out var candidates))
        {
            return;
        }

        foreach (var (rest, brand) in candidates)
        {
            var ok = true;
            var pos = end;
            for (var k = 0; k < rest.Length && ok; k++)
            {
                pos = NextToken(text, pos, out var start);
                ok = pos >= 0 && EqualsLowered(text[start..pos], rest[k]);
            }

            if (ok)
            {
                found.Add(brand);
            }
        }
    }

    /// <summary>Whether <paramref name="token"/>, lower-cased, is <paramref name="key"/> (a lower-case key).</summary>
    private static bool EqualsLowered(ReadOnlySpan<char> token, string key)
    {
        if (token.Length != key.Length)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[token.Length <= 256 ? token.Length : 0];
        var lower = token.Length <= 256 ? buffer : new char[token.Length];
        token.ToLowerInvariant(lower);
        return lower.SequenceEqual(key);
    }

    private static void LookUpAll(FrozenDictionary<string, string[]> map, KeyFilter filter, IEnumerable<string> keys, char sign, ref Found found)
    {
        // The normalizer passes lists: indexed, they need no boxed enumerator (and List is checked before the
        // interface, whose cast costs more).
        if (keys is List<string> concrete)
        {
            foreach (var key in concrete)
            {
                LookUp(map, filter, key.AsSpan().TrimStart(sign), ref found);
            }

            return;
        }

        if (keys is IReadOnlyList<string> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                LookUp(map, filter, list[i].AsSpan().TrimStart(sign), ref found);
            }

            return;
        }

        foreach (var key in keys)
        {
            LookUp(map, filter, key.AsSpan().TrimStart(sign), ref found);
        }
    }

    private static void LookUp(FrozenDictionary<string, string[]> map, KeyFilter filter, ReadOnlySpan<char> key, ref Found found)
    {
        if (key.Length == 0 || key.Length > 256 || !filter.MayContain(key))
        {
            return;
        }

        Span<char> lower = stackalloc char[key.Length];
        key.ToLowerInvariant(lower);
        if (map.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(lower, out var ids))
        {
            foreach (var id in ids)
            {
                found.Add(id);
            }
        }
    }

    /// <summary>
    /// The next token of <see cref="Tokenize"/> at or after <paramref name="pos"/>: returns its end and sets
    /// <paramref name="start"/>, or returns -1 when there is none. A token is a run of letters, digits and '_',
    /// optionally led by one '@' or '#' (a sign inside a run ends the token and leads the next); a bare sign is no
    /// token.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int NextToken(ReadOnlySpan<char> text, int pos, out int start)
    {
        while (true)
        {
            while (pos < text.Length && !IsWordChar(text[pos]) && text[pos] is not ('@' or '#'))
            {
                pos++;
            }

            if (pos >= text.Length)
            {
                start = -1;
                return -1;
            }

            start = pos++;
            while (pos < text.Length && IsWordChar(text[pos]))
            {
                pos++;
            }

            if (pos - start > 1 || text[start] is not ('@' or '#'))
            {
                return pos;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    // Below U+0080 the letters and digits are [A-Za-z0-9]: arithmetic instead of the Unicode tables.
    private static bool IsWordChar(char c) =>
        c < 128 ? (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9 || c == '_' : char.IsLetterOrDigit(c);

    /// <summary>
    /// A cheap "certainly not a key" test for a token not yet lower-cased: the lengths the keys have, and the
    /// first characters of those that start with an ASCII character. A token starting with a non-ASCII character
    /// passes the first-character test (lower-casing one may give an ASCII letter, e.g. the Kelvin sign gives 'k').
    /// </summary>
    private sealed class KeyFilter
    {
        private readonly ulong _lengths;
        private readonly bool _anyLong;
        private readonly bool[] _asciiFirst = new bool[128];

        public KeyFilter(IEnumerable<string> keys)
        {
            foreach (var key in keys)
            {
                if (key.Length >= 64)
                {
                    _anyLong = true;
                }
                else
                {
                    _lengths |= 1UL << key.Length;
                }

                if (key.Length > 0 && key[0] < 128)
                {
                    _asciiFirst[key[0]] = true;
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool MayContain(ReadOnlySpan<char> token)
        {
            if (token.Length >= 64 ? !_anyLong : (_lengths & (1UL << token.Length)) == 0)
            {
                return false;
            }

            var c = token[0];
            return c >= 128 || _asciiFirst[c is >= 'A' and <= 'Z' ? c | 0x20 : c];
        }
    }

    /// <summary>The brands found so far: most posts name one or none, which needs no list.</summary>
    private struct Found
    {
        private string? _first;
        private List<string>? _more;

        public void Add(string brand)
        {
            if (_first is null)
            {
                _first = brand;
            }
            else if (_first != brand && !(_more?.Contains(brand) ?? false))
            {
                (_more ??= new List<string>(2) { _first }).Add(brand);
            }
        }

        /// <summary>Sorted, distinct; one brand is its shared one-element array (the result is read-only).</summary>
        public readonly IReadOnlyList<string> ToResult(FrozenDictionary<string, string[]> single)
        {
            if (_first is null)
            {
                return [];
            }

            if (_more is null)
            {
                return single.TryGetValue(_first, out var one) ? one : [_first];
            }

            _more.Sort(StringComparer.Ordinal);
            return _more.ToArray();
        }
    }

    /// <summary>Lower-case word tokens; a leading @ or # is kept so handles and hashtags can be told apart.</summary>
    public static IEnumerable<string> Tokenize(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            var isWord = char.IsLetterOrDigit(c) || c == '_' || ((c == '@' || c == '#') && start < 0);
            if (isWord && start < 0)
            {
                start = i;
            }
            else if (!isWord && start >= 0)
            {
                var token = text[start..i].ToLowerInvariant();
                if (token is not ("@" or "#"))
                {
                    yield return token;
                }

                start = -1;
                if (c == '@' || c == '#')
                {
                    start = i;
                }
            }
        }
    }

    private static void Add(Dictionary<string, HashSet<string>> map, string key, string brand)
    {
        if (key.Length == 0)
        {
            return;
        }

        if (!map.TryGetValue(key, out var set))
        {
            map[key] = set = [];
        }

        set.Add(brand);
    }
}
