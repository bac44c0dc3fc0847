using System.Collections.Frozen;

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
    }

    public BrandWatchlist Watchlist { get; }

    /// <summary>
    /// Brand ids named by the text, mentions or hashtags, sorted and distinct. Runs on every ingested post, so it
    /// tokenizes in place (the same tokens as <see cref="Tokenize"/>, as slices of one lower-cased copy of the text)
    /// and looks them up without allocating a string per token.
    /// </summary>
    public IReadOnlyList<string> Match(string text, IEnumerable<string>? mentions = null, IEnumerable<string>? hashtags = null)
    {
        List<string>? found = null;
        var handles = _byHandle.GetAlternateLookup<ReadOnlySpan<char>>();
        var tags = _byHashtag.GetAlternateLookup<ReadOnlySpan<char>>();
        var firsts = _byFirstToken.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var m in mentions ?? [])
        {
            LookUp(handles, m.AsSpan().TrimStart('@'), ref found);
        }

        foreach (var t in hashtags ?? [])
        {
            LookUp(tags, t.AsSpan().TrimStart('#'), ref found);
        }

        char[]? rentedText = null;
        int[]? rentedTokens = null;
        var lower = text.Length <= 512 ? stackalloc char[text.Length] : (rentedText = System.Buffers.ArrayPool<char>.Shared.Rent(text.Length)).AsSpan(0, text.Length);
        var bounds = text.Length <= 256 ? stackalloc int[text.Length + 2] : (rentedTokens = System.Buffers.ArrayPool<int>.Shared.Rent(text.Length + 2)).AsSpan(0, text.Length + 2);
        try
        {
            text.AsSpan().ToLowerInvariant(lower);
            var count = TokenBounds(text, bounds);
            for (var i = 0; i < count; i++)
            {
                var token = (ReadOnlySpan<char>)lower.Slice(bounds[2 * i], bounds[2 * i + 1]);
                if (token.Length > 1 && (token[0] == '@' || token[0] == '#'))
                {
                    var bare = token[1..];
                    LookUp(token[0] == '@' ? handles : tags, bare, ref found);
                    token = bare;
                }

                if (!firsts.TryGetValue(token, out var candidates))
                {
                    continue;
                }

                foreach (var (rest, brand) in candidates)
                {
                    if (i + rest.Length < count || rest.Length == 0)
                    {
                        var ok = true;
                        for (var k = 0; k < rest.Length && ok; k++)
                        {
                            var j = i + 1 + k;
                            ok = j < count && lower.Slice(bounds[2 * j], bounds[2 * j + 1]).SequenceEqual(rest[k].AsSpan());
                        }

                        if (ok)
                        {
                            Add(ref found, brand);
                        }
                    }
                }
            }
        }
        finally
        {
            if (rentedText is not null)
            {
                System.Buffers.ArrayPool<char>.Shared.Return(rentedText);
            }

            if (rentedTokens is not null)
            {
                System.Buffers.ArrayPool<int>.Shared.Return(rentedTokens);
            }
        }

        if (found is null)
        {
            return [];
        }

        found.Sort(StringComparer.Ordinal);
        return found.ToArray();
    }

    private static void LookUp(FrozenDictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> map, ReadOnlySpan<char> key, ref List<string>? found)
    {
        if (key.Length == 0 || key.Length > 256)
        {
            return;
        }

        Span<char> lower = stackalloc char[key.Length];
        key.ToLowerInvariant(lower);
        if (map.TryGetValue(lower, out var ids))
        {
            foreach (var id in ids)
            {
                Add(ref found, id);
            }
        }
    }

    private static void Add(ref List<string>? found, string brand)
    {
        found ??= new List<string>(2);
        if (!found.Contains(brand))
        {
            found.Add(brand);
        }
    }

    /// <summary>
    /// The tokens of <see cref="Tokenize"/> as (start, length) pairs in <paramref name="bounds"/>; returns how many.
    /// A text of n characters has at most n/2 + 1 tokens, so n + 2 slots are always enough.
    /// </summary>
    private static int TokenBounds(string text, Span<int> bounds)
    {
        var count = 0;
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
                if (!(i - start == 1 && text[start] is '@' or '#'))
                {
                    bounds[2 * count] = start;
                    bounds[2 * count + 1] = i - start;
                    count++;
                }

                start = -1;
                if (c == '@' || c == '#')
                {
                    start = i;
                }
            }
        }

        return count;
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
