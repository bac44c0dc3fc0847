using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Marketing.Analysis.Sentiment;

/// <summary>
/// Turns a social post into tokens: URLs become <c>URL</c>, mentions <c>@USER</c>, hashtags are split into words
/// ("#NotHappy" becomes "not happy"), emoticons are kept whole, emoji become the words of their description
/// ("😍" becomes "smiling face with heart eyes"), elongations are cut to two letters ("sooo" becomes "soo"), and words
/// after a negation carry a negation mark until the next punctuation. One pass over the text; immutable, so
/// thread-safe.
/// </summary>
public sealed class SocialTextNormalizer
{
    private static readonly FrozenSet<string> NegationWords = new[]
    {
        "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "nowhere", "cannot", "without", "aint",
        "dont", "cant", "wont", "isnt", "arent", "wasnt", "werent", "doesnt", "didnt", "hasnt", "havent", "hadnt",
        "shouldnt", "wouldnt", "couldnt", "mustnt", "neednt", "n't",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Short words that may appear inside a run-together hashtag (#nothappy, #sotired) besides the lexicon's words.
    private static readonly FrozenSet<string> JoinWords = new[]
    {
        "not", "no", "so", "very", "too", "im", "i", "am", "is", "are", "was", "be", "the", "a", "my", "me", "you",
        "your", "we", "it", "this", "that", "of", "in", "on", "for", "to", "and", "never", "ever", "more", "all",
        "day", "life", "time", "much", "just", "feel", "feeling", "feels", "today", "monday", "friday", "weekend",
        "movie", "game", "show", "night", "morning", "still", "again", "really", "one", "out", "up", "off", "new",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NegationBySpan = NegationWords.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> JoinBySpan = JoinWords.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly SentimentLexicon _lexicon;

    public SocialTextNormalizer(SentimentLexicon lexicon)
    {
        _lexicon = lexicon;
    }

    public SentimentLexicon Lexicon => _lexicon;

    /// <summary>The normalized text, tokens joined by spaces, with negated words marked <c>_NEG</c>.</summary>
    public string Normalize(string text) => string.Join(' ', Tokenize(text).Select(t => t.Feature));

    /// <summary>The tokens of <paramref name="text"/>, one string each (training, tests); scoring uses <see cref="Tokenize(ReadOnlySpan{char}, TokenBuffer)"/>.</summary>
    public List<SocialToken> Tokenize(string text)
    {
        var buffer = TokenBuffer.Rent();
        Tokenize(text, buffer);
        var tokens = buffer.ToList();
        TokenBuffer.Return(buffer);
        return tokens;
    }

    /// <summary>Appends the tokens of <paramref name="text"/> to <paramref name="tokens"/>: no string per token.</summary>
    public void Tokenize(ReadOnlySpan<char> text, TokenBuffer tokens)
    {
        var negated = false;
        var i = 0;
        var n = text.Length;
        while (i < n)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (IsUrlStart(text, i))
            {
                i = SkipNonSpace(text, i);
                tokens.Add("URL", TokenKind.Url);
                continue;
            }

            if (c == '@' && i + 1 < n && IsWordChar(text[i + 1]))
            {
                i++;
                while (i < n && IsWordChar(text[i]))
                {
                    i++;
                }

                tokens.Add("@USER", TokenKind.User);
                continue;
            }

            if (c == '#' && i + 1 < n && char.IsLetterOrDigit(text[i + 1]))
            {
                var start = ++i;
                while (i < n && IsWordChar(text[i]))
                {
                    i++;
                }

                // Words of a hashtag take an outer negation ("not #happy"), but a negation inside the hashtag
                // (#NotHappy) stays inside it.
                var outer = negated;
                AddHashtag(tokens, text.Slice(start, i - start), ref negated);
                negated = outer;

                continue;
            }

            if (TryEmoticon(text, i, out var emoLength))
            {
                tokens.Add(text.Slice(i, emoLength), TokenKind.Emoticon);
                i += emoLength;
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                var start = i;
                while (i < n && (IsWordChar(text[i]) || (IsApostrophe(text[i]) && i + 1 < n && char.IsLetter(text[i + 1]) && i > start)))
                {
                    i++;
                }

                AddWord(tokens, text.Slice(start, i - start), TokenKind.Word, ref negated);
                continue;
            }

            if (c is '!' or '?')
            {
                var start = i;
                while (i < n && text[i] is '!' or '?')
                {
                    i++;
                }

                var run = text.Slice(start, i - start);
                var mark = run.Contains('?') ? (run.Contains('!') ? "?!" : (run.Length > 1 ? "??" : "?")) : (run.Length > 1 ? "!!" : "!");
                tokens.Add(mark, TokenKind.Punctuation);
                negated = false;
                continue;
            }

            if (c is '.' or ',' or ';' or ':')
            {
                negated = false;
                i++;
                continue;
            }

            if (_lexicon.MaxEmojiLength > 0 && TryEmoji(text, i, out var emojiLength, out var words))
            {
                foreach (var w in words)
                {
                    tokens.Add(w, TokenKind.Emoji);
                }

                i += emojiLength;
                continue;
            }

            // Other symbols (quotes, brackets, dashes, variation selectors, zero-width joiners) carry no sentiment.
            i += i + 1 < n && char.IsSurrogatePair(c, text[i + 1]) ? 2 : 1;
        }
    }

    private void AddWord(TokenBuffer tokens, ReadOnlySpan<char> raw, TokenKind kind, ref bool negated)
    {
        var shouted = raw.Length >= 2 && IsAllUpper(raw);
        var buf = tokens.Reserve(raw.Length);
        var length = Squeeze(raw, buf, out var elongated);
        if (length == 0)
        {
            return;
        }

        var word = buf[..length];
        if (word is "but")
        {
            negated = false;
            tokens.Commit(length, kind, false, elongated, shouted);
            return;
        }

        var isNegation = IsNegation(word);
        tokens.Commit(length, kind, negated && !isNegation, elongated, shouted);
        if (isNegation)
        {
            negated = true;
        }
    }

    public static bool IsNegation(string word) => IsNegation(word.AsSpan());

    public static bool IsNegation(ReadOnlySpan<char> word) =>
        NegationBySpan.Contains(word) || (word.EndsWith("n't", StringComparison.Ordinal) && word.Length > 3);

    /// <summary>
    /// Lower-cases, maps curly apostrophes to straight ones, and cuts runs of 3+ equal letters to 2, into
    /// <paramref name="dest"/> (at least as long as <paramref name="raw"/>); returns the length written.
    /// </summary>
    private static int Squeeze(ReadOnlySpan<char> raw, Span<char> dest, out bool elongated)
    {
        elongated = false;
        var len = 0;
        var run = 0;
        var prev = '\0';
        foreach (var ch in raw)
        {
            var c = IsApostrophe(ch) ? '\'' : char.ToLowerInvariant(ch);
            run = c == prev ? run + 1 : 1;
            prev = c;
            if (run > 2 && char.IsLetter(c))
            {
                elongated = true;
                continue;
            }

            dest[len++] = c;
        }

        return len;
    }

    /// <summary>
    /// "#NotHappy" -> not, happy (case changes); "#nothappy" -> not, happy when every piece is a known word and one
    /// carries sentiment; otherwise the hashtag stays one word.
    /// </summary>
    public IEnumerable<string> SplitHashtag(ReadOnlySpan<char> tag)
    {
        var bounds = new int[2 * tag.Length];
        var lower = new char[tag.Length];
        var count = HashtagPieces(tag, bounds, lower, out var segmented);
        ReadOnlySpan<char> source = segmented ? lower : tag;
        var pieces = new List<string>(count);
        for (var k = 0; k < count; k++)
        {
            pieces.Add(source.Slice(bounds[2 * k], bounds[(2 * k) + 1]).ToString());
        }

        return pieces;
    }

    /// <summary>The words of the hashtag <paramref name="tag"/> (without '#'), each added as a hashtag word.</summary>
    private void AddHashtag(TokenBuffer tokens, ReadOnlySpan<char> tag, ref bool negated)
    {
        Span<int> bounds = tag.Length <= 128 ? stackalloc int[2 * tag.Length] : new int[2 * tag.Length];
        Span<char> lower = tag.Length <= 256 ? stackalloc char[tag.Length] : new char[tag.Length];
        var count = HashtagPieces(tag, bounds, lower, out var segmented);
        ReadOnlySpan<char> source = segmented ? lower : tag;
        for (var k = 0; k < count; k++)
        {
            AddWord(tokens, source.Slice(bounds[2 * k], bounds[(2 * k) + 1]), TokenKind.Hashtag, ref negated);
        }
    }

    /// <summary>
    /// The pieces of <paramref name="tag"/> as (start, length) pairs in <paramref name="bounds"/> (room for one piece
    /// per character); returns their count. When <paramref name="segmented"/>, a one-piece tag was cut into known words
    /// and the pieces are slices of its lower-cased form in <paramref name="lower"/> (as long as the tag); otherwise
    /// slices of <paramref name="tag"/>.
    /// </summary>
    private int HashtagPieces(ReadOnlySpan<char> tag, Span<int> bounds, Span<char> lower, out bool segmented)
    {
        segmented = false;
        var count = CutHashtag(tag, bounds);
        if (count == 1 && bounds[1] >= 6)
        {
            var word = lower[..bounds[1]];
            tag.Slice(bounds[0], bounds[1]).ToLowerInvariant(word);
            Span<int> lengths = stackalloc int[3];
            if (!_lexicon.TryGetValence(word, out _) && Segment(word, lengths) is var parts and > 0)
            {
                var at = 0;
                for (var k = 0; k < parts; k++)
                {
                    bounds[2 * k] = at;
                    bounds[(2 * k) + 1] = lengths[k];
                    at += lengths[k];
                }

                segmented = true;
                return parts;
            }
        }

        return count;
    }

    /// <summary>Cuts a hashtag at case changes, underscores and letter/digit changes; writes (start, length) pairs, returns the count.</summary>
    private static int CutHashtag(ReadOnlySpan<char> tag, Span<int> bounds)
    {
        var count = 0;
        var start = 0;
        for (var k = 1; k <= tag.Length; k++)
        {
            var boundary = k == tag.Length
                || tag[k] == '_'
                || (char.IsUpper(tag[k]) && char.IsLower(tag[k - 1]))
                || (char.IsUpper(tag[k]) && k + 1 < tag.Length && char.IsLower(tag[k + 1]) && char.IsUpper(tag[k - 1]))
                || (char.IsDigit(tag[k]) != char.IsDigit(tag[k - 1]) && tag[k - 1] != '_');
            if (boundary)
            {
                var piece = tag[start..k];
                var lead = piece.Length - piece.TrimStart('_').Length;
                var trimmed = piece.Trim('_');
                if (trimmed.Length > 0)
                {
                    bounds[2 * count] = start + lead;
                    bounds[(2 * count) + 1] = trimmed.Length;
                    count++;
                }

                start = k + (k < tag.Length && tag[k] == '_' ? 1 : 0);
            }
        }

        return count;
    }

    /// <summary>Two or three known pieces, at least one of them a lexicon word: their lengths into <paramref name="lengths"/>, returns the count (0 = none).</summary>
    private int Segment(ReadOnlySpan<char> word, Span<int> lengths)
    {
        // Enough for the sentiment hashtags.
        for (var a = 2; a <= word.Length - 2; a++)
        {
            var left = word[..a];
            if (!Known(left))
            {
                continue;
            }

            var right = word[a..];
            if (Known(right) && (HasValence(left) || HasValence(right)))
            {
                lengths[0] = a;
                lengths[1] = right.Length;
                return 2;
            }

            for (var b = 2; b <= right.Length - 2; b++)
            {
                var mid = right[..b];
                var last = right[b..];
                if (Known(mid) && Known(last) && (HasValence(left) || HasValence(mid) || HasValence(last)))
                {
                    lengths[0] = a;
                    lengths[1] = b;
                    lengths[2] = last.Length;
                    return 3;
                }
            }
        }

        return 0;
    }

    private bool Known(ReadOnlySpan<char> w) => JoinBySpan.Contains(w) || (w.Length >= 3 && _lexicon.TryGetValence(w, out _));

    private bool HasValence(ReadOnlySpan<char> w) => _lexicon.TryGetValence(w, out _) || NegationBySpan.Contains(w);

    private bool TryEmoticon(ReadOnlySpan<char> text, int i, out int length)
    {
        length = 0;
        if (_lexicon.Emoticons.Count == 0 || char.IsLetterOrDigit(text[i]) && text[i] is not ('x' or 'X' or '8'))
        {
            return false;
        }

        if (!_lexicon.MayStartEmoticon(text[i]))
        {
            return false;
        }

        var end = SkipNonSpace(text, i);
        for (var len = Math.Min(6, end - i); len >= 2; len--)
        {
            if (_lexicon.IsEmoticon(text.Slice(i, len)))
            {
                // "x" / "8" start only when the emoticon is the whole chunk ("xD"), never inside a word ("x-ray").
                if (char.IsLetterOrDigit(text[i]) && len != end - i)
                {
                    continue;
                }

                length = len;
                return true;
            }
        }

        return false;
    }

    /// <summary>The longest emoji symbol at <paramref name="i"/> (never a lone high surrogate).</summary>
    private bool TryEmoji(ReadOnlySpan<char> text, int i, out int length, out string[] words)
    {
        length = 0;
        words = [];
        var max = Math.Min(_lexicon.MaxEmojiLength, text.Length - i);
        for (var len = 1; len <= max && _lexicon.IsEmojiPrefix(text.Slice(i, len), out var symbolWords); len++)
        {
            if (symbolWords is not null && (len > 1 || !char.IsHighSurrogate(text[i])))
            {
                length = len;
                words = symbolWords;
            }
        }

        return length > 0;
    }

    private static bool IsUrlStart(ReadOnlySpan<char> text, int i) =>
        (text[i] is 'h' or 'H' && (Matches(text, i, "http://") || Matches(text, i, "https://")))
        || (text[i] is 'w' or 'W' && Matches(text, i, "www."));

    private static bool Matches(ReadOnlySpan<char> text, int i, string prefix) =>
        text[i..].StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    private static int SkipNonSpace(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && !char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u2018';

    private static bool IsAllUpper(ReadOnlySpan<char> s)
    {
        var letters = 0;
        foreach (var c in s)
        {
            if (char.IsLower(c))
            {
                return false;
            }

            if (char.IsUpper(c))
            {
                letters++;
            }
        }

        return letters >= 2;
    }

    internal static string Describe(IEnumerable<SocialToken> tokens)
    {
        var sb = new StringBuilder();
        foreach (var t in tokens)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{t.Feature}/{t.Kind} ");
        }

        return sb.ToString().TrimEnd();
    }
}
