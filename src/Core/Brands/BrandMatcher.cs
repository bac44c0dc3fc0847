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

    /// <summary>Brand ids named by the text, mentions or hashtags, sorted and distinct.</summary>
    public IReadOnlyList<string> Match(string text, IEnumerable<string>? mentions = null, IEnumerable<string>? hashtags = null)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var m in mentions ?? [])
        {
            if (_byHandle.TryGetValue(m.TrimStart('@').ToLowerInvariant(), out var ids))
            {
                found.UnionWith(ids);
            }
        }

        foreach (var t in hashtags ?? [])
        {
            if (_byHashtag.TryGetValue(t.TrimStart('#').ToLowerInvariant(), out var ids))
            {
                found.UnionWith(ids);
            }
        }

        var tokens = Tokenize(text).ToArray();
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (token.Length > 1 && (token[0] == '@' || token[0] == '#'))
            {
                var bare = token[1..];
                var map = token[0] == '@' ? _byHandle : _byHashtag;
                if (map.TryGetValue(bare, out var ids))
                {
                    found.UnionWith(ids);
                }

                token = bare;
            }

            if (!_byFirstToken.TryGetValue(token, out var candidates))
            {
                continue;
            }

            foreach (var (rest, brand) in candidates)
            {
                if (i + rest.Length < tokens.Length || rest.Length == 0)
                {
                    var ok = true;
                    for (var k = 0; k < rest.Length && ok; k++)
                    {
                        ok = i + 1 + k < tokens.Length && tokens[i + 1 + k] == rest[k];
                    }

                    if (ok)
                    {
                        found.Add(brand);
                    }
                }
            }
        }

        return found.Count == 0 ? [] : found.ToArray();
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
