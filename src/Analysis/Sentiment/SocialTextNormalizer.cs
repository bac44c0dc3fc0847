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

    private readonly SentimentLexicon _lexicon;

    public SocialTextNormalizer(SentimentLexicon lexicon)
    {
        _lexicon = lexicon;
    }

    public SentimentLexicon Lexicon => _lexicon;

    /// <summary>The normalized text, tokens joined by spaces, with negated words marked <c>_NEG</c>.</summary>
    public string Normalize(string text) => string.Join(' ', Tokenize(text).Select(t => t.Feature));

    public List<SocialToken> Tokenize(string text)
    {
        var tokens = new List<SocialToken>(Math.Max(8, text.Length / 4));
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
                tokens.Add(new SocialToken("URL", TokenKind.Url, false, false, false));
                continue;
            }

            if (c == '@' && i + 1 < n && IsWordChar(text[i + 1]))
            {
                i++;
                while (i < n && IsWordChar(text[i]))
                {
                    i++;
                }

                tokens.Add(new SocialToken("@USER", TokenKind.User, false, false, false));
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
                foreach (var w in SplitHashtag(text.AsSpan(start, i - start)))
                {
                    AddWord(tokens, w, TokenKind.Hashtag, ref negated);
                }

                negated = outer;

                continue;
            }

            if (TryEmoticon(text, i, out var emoLength))
            {
                tokens.Add(new SocialToken(text.Substring(i, emoLength), TokenKind.Emoticon, false, false, false));
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

                AddWord(tokens, text.AsSpan(start, i - start), TokenKind.Word, ref negated);
                continue;
            }

            if (c is '!' or '?')
            {
                var start = i;
                while (i < n && text[i] is '!' or '?')
                {
                    i++;
                }

                var run = text.AsSpan(start, i - start);
                var mark = run.Contains('?') ? (run.Contains('!') ? "?!" : (run.Length > 1 ? "??" : "?")) : (run.Length > 1 ? "!!" : "!");
                tokens.Add(new SocialToken(mark, TokenKind.Punctuation, false, false, false));
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
                    tokens.Add(new SocialToken(w, TokenKind.Emoji, false, false, false));
                }

                i += emojiLength;
                continue;
            }

            // Other symbols (quotes, brackets, dashes, variation selectors, zero-width joiners) carry no sentiment.
            i += char.IsSurrogatePair(text, i) ? 2 : 1;
        }

        return tokens;
    }

    private void AddWord(List<SocialToken> tokens, ReadOnlySpan<char> raw, TokenKind kind, ref bool negated)
    {
        var shouted = raw.Length >= 2 && IsAllUpper(raw);
        var word = Squeeze(raw, out var elongated);
        if (word.Length == 0)
        {
            return;
        }

        if (word == "but")
        {
            negated = false;
            tokens.Add(new SocialToken(word, kind, false, elongated, shouted));
            return;
        }

        var isNegation = IsNegation(word);
        tokens.Add(new SocialToken(word, kind, negated && !isNegation, elongated, shouted));
        if (isNegation)
        {
            negated = true;
        }
    }

    public static bool IsNegation(string word) =>
        NegationWords.Contains(word) || (word.EndsWith("n't", StringComparison.Ordinal) && word.Length > 3);

    /// <summary>Lower-cases, maps curly apostrophes to straight ones, and cuts runs of 3+ equal letters to 2.</summary>
    private static string Squeeze(ReadOnlySpan<char> raw, out bool elongated)
    {
        elongated = false;
        Span<char> buf = raw.Length <= 256 ? stackalloc char[raw.Length] : new char[raw.Length];
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

            buf[len++] = c;
        }

        return new string(buf[..len]);
    }

    /// <summary>
    /// "#NotHappy" -> not, happy (case changes); "#nothappy" -> not, happy when every piece is a known word and one
    /// carries sentiment; otherwise the hashtag stays one word.
    /// </summary>
    public IEnumerable<string> SplitHashtag(ReadOnlySpan<char> tag)
    {
        var parts = new List<string>(4);
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
                var piece = tag[start..k].Trim('_');
                if (piece.Length > 0)
                {
                    parts.Add(piece.ToString());
                }

                start = k + (k < tag.Length && tag[k] == '_' ? 1 : 0);
            }
        }

        if (parts.Count == 1)
        {
            var lower = parts[0].ToLowerInvariant();
            if (lower.Length >= 6 && !_lexicon.TryGetValence(lower, out _) && Segment(lower) is { } seg)
            {
                return seg;
            }
        }

        return parts;
    }

    private List<string>? Segment(string word)
    {
        // Two or three known pieces, at least one of them a lexicon word: enough for the sentiment hashtags.
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
                return [left, right];
            }

            for (var b = 2; b <= right.Length - 2; b++)
            {
                var mid = right[..b];
                var last = right[b..];
                if (Known(mid) && Known(last) && (HasValence(left) || HasValence(mid) || HasValence(last)))
                {
                    return [left, mid, last];
                }
            }
        }

        return null;
    }

    private bool Known(string w) => JoinWords.Contains(w) || (w.Length >= 3 && _lexicon.TryGetValence(w, out _));

    private bool HasValence(string w) => _lexicon.TryGetValence(w, out _) || NegationWords.Contains(w);

    private bool TryEmoticon(string text, int i, out int length)
    {
        length = 0;
        if (_lexicon.Emoticons.Count == 0 || char.IsLetterOrDigit(text[i]) && text[i] is not ('x' or 'X' or '8'))
        {
            return false;
        }

        var end = SkipNonSpace(text, i);
        for (var len = Math.Min(6, end - i); len >= 2; len--)
        {
            if (_lexicon.IsEmoticon(text.AsSpan(i, len)))
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

    private bool TryEmoji(string text, int i, out int length, out string[] words)
    {
        for (var len = Math.Min(_lexicon.MaxEmojiLength, text.Length - i); len >= 1; len--)
        {
            if (len == 1 && char.IsHighSurrogate(text[i]))
            {
                break;
            }

            if (_lexicon.TryGetEmoji(text.AsSpan(i, len), out words))
            {
                length = len;
                return true;
            }
        }

        length = 0;
        words = [];
        return false;
    }

    private static bool IsUrlStart(string text, int i) =>
        (text[i] is 'h' or 'H' && (Matches(text, i, "http://") || Matches(text, i, "https://")))
        || (text[i] is 'w' or 'W' && Matches(text, i, "www."));

    private static bool Matches(string text, int i, string prefix) =>
        string.Compare(text, i, prefix, 0, prefix.Length, StringComparison.OrdinalIgnoreCase) == 0;

    private static int SkipNonSpace(string text, int i)
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
