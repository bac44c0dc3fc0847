using System.Runtime.CompilerServices;

namespace Marketing.Ingest.Normalization;

/// <summary>
/// Remembers a 64-bit hash of each post's normalized text and the first post id that had it, so later copies
/// (retweets "RT @x: ...", copy-paste campaigns) can point at it via <c>NearDuplicateOf</c>. Memory stays bounded:
/// two generations of at most capacity/2 entries each; when the young one fills up, the old one is dropped, so the
/// index forgets the least recently added texts first. Thread-safe.
/// </summary>
public sealed class NearDuplicateIndex
{
    private readonly int _generationSize;
    private readonly int _minChars;
    private readonly Lock _lock = new();
    private Dictionary<ulong, string> _young;
    private Dictionary<ulong, string> _old = [];

    public NearDuplicateIndex(int capacity = 1_000_000, int minChars = 24)
    {
        _generationSize = Math.Max(1, capacity / 2);
        _minChars = minChars;
        _young = new Dictionary<ulong, string>(Math.Min(_generationSize, 65_536));
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _young.Count + _old.Count;
            }
        }
    }

    /// <summary>
    /// The id of an earlier post with the same normalized text, or null (and the text is remembered under
    /// <paramref name="postId"/>). Texts too short to mean anything return null and are not remembered.
    /// </summary>
    public string? Check(string text, string postId) => TryKey(text, _minChars, out var key) ? Check(key, postId) : null;

    /// <summary>Texts shorter than this (in letters and digits) are never near-duplicates.</summary>
    public int MinChars => _minChars;

    /// <summary>
    /// <see cref="Check(string, string)"/> with the key already computed by <see cref="TryKey"/> (which is pure, so
    /// callers may compute keys in parallel and check them in input order).
    /// </summary>
    public string? Check(ulong key, string postId)
    {
        lock (_lock)
        {
            if (_young.TryGetValue(key, out var first) || _old.TryGetValue(key, out first))
            {
                return first == postId ? null : first;
            }

            if (_young.Count >= _generationSize)
            {
                _old = _young;
                _young = new Dictionary<ulong, string>(Math.Min(_generationSize, 65_536));
            }

            _young[key] = postId;
            return null;
        }
    }

    // Per-post hot path: compiled fully optimized on first call. With tiering, an ingest of a few seconds ran much of
    // this code as tier-0 and PGO-instrumented code and paid for three compilations (see README, ingest, Measured).
    /// <summary>
    /// The text reduced to what a copy keeps: no "RT @user:" prefix, no links, no mentions, letters and digits
    /// lower-cased, runs of anything else as one space. Hashed with 64-bit FNV-1a (stable across processes).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryKey(string text, int minChars, out ulong key)
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
            if (c < 128)
            {
                // ASCII, most characters of most posts: a table instead of the Unicode category lookups. Same
                // decisions as the general branch below (for ASCII, a letter or digit is [A-Za-z0-9]).
                var kind = AsciiKind[c];
                // A link starts "http": only 't' and 'T' upper-case to 'T', so an 'h' not followed by one starts none,
                // and the case-insensitive comparisons (costly next to the rest of this loop) are left to "ht".
                if (kind == AsciiH && i + 1 < span.Length && (span[i + 1] | 0x20) == 't'
                    && (span[i..].StartsWith("http://", StringComparison.OrdinalIgnoreCase) || span[i..].StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
                {
                    i = SkipLink(span, i);
                    pendingSpace = chars > 0;
                    continue;
                }

                if (c == '@' && (i == 0 || !char.IsLetterOrDigit(span[i - 1])))
                {
                    i = SkipMention(span, i);
                    pendingSpace = chars > 0;
                    continue;
                }

                if (kind != AsciiOther)
                {
                    if (pendingSpace)
                    {
                        key = (key ^ ' ') * prime;
                        pendingSpace = false;
                    }

                    // The lower-case character's two bytes, the high one being 0: FNV-1a's step for a zero byte is a
                    // bare multiply, so the two steps are one multiply by prime² (mod 2^64), the same key in half the
                    // multiplications (a dependent chain, the loop's critical path).
                    key = (key ^ (byte)(c | (kind == AsciiUpper || kind == AsciiH ? 0x20 : 0))) * PrimeSquared;
                    chars++;
                }
                else
                {
                    pendingSpace = chars > 0;
                }

                i++;
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace)
                {
                    key = (key ^ ' ') * prime;
                    pendingSpace = false;
                }

                // Latin-1 letters (é, à, ñ, ...) from a table: char.ToLowerInvariant calls into ICU for them.
                var lower = c < 256 ? (char)Latin1Lower[c - 128] : char.ToLowerInvariant(c);
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

    // char.ToLowerInvariant of U+0080..U+00FF, computed once by char.ToLowerInvariant itself.
    private static readonly ushort[] Latin1Lower = Enumerable.Range(128, 128).Select(c => (ushort)char.ToLowerInvariant((char)c)).ToArray();

    private const ulong PrimeSquared = unchecked(1099511628211UL * 1099511628211UL);

    private const byte AsciiOther = 0, AsciiLower = 1, AsciiUpper = 2, AsciiDigit = 3, AsciiH = 4;

    // Per ASCII character: other, lower-case letter, upper-case letter, digit, or 'h'/'H' (a letter that may start a
    // link). Constant data (no static array to load in this method, compiled before the class is initialized), as
    // BuildAsciiKinds gives it (a test compares the two).
    internal static ReadOnlySpan<byte> AsciiKind =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0, 0,
        0, 2, 2, 2, 2, 2, 2, 2, 4, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0,
        0, 1, 1, 1, 1, 1, 1, 1, 4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    ];

    /// <summary>What <see cref="AsciiKind"/> holds, computed.</summary>
    internal static byte[] BuildAsciiKinds()
    {
        var kinds = new byte[128];
        for (var c = 0; c < 128; c++)
        {
            kinds[c] = c switch
            {
                'h' or 'H' => AsciiH,
                >= 'a' and <= 'z' => AsciiLower,
                >= 'A' and <= 'Z' => AsciiUpper,
                >= '0' and <= '9' => AsciiDigit,
                _ => AsciiOther,
            };
        }

        return kinds;
    }

    private static int SkipLink(ReadOnlySpan<char> span, int i)
    {
        while (i < span.Length && !char.IsWhiteSpace(span[i]))
        {
            i++;
        }

        return i;
    }

    private static int SkipMention(ReadOnlySpan<char> span, int i)
    {
        i++;
        while (i < span.Length && (char.IsLetterOrDigit(span[i]) || span[i] == '_'))
        {
            i++;
        }

        return i;
    }
}
