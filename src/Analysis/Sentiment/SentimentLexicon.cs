using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Marketing.Analysis.Sentiment;

/// <summary>
/// A valence lexicon in the VADER format (<c>token TAB mean [TAB ...]</c>, valence in [-4, 4]) plus an emoji table
/// (<c>emoji TAB description</c>). Read from files at training time and embedded in the model, so a saved model
/// scores the same on a machine without the lexicon files. Immutable and thread-safe.
/// </summary>
public sealed class SentimentLexicon
{
    private readonly FrozenDictionary<string, float> _valence;
    private readonly FrozenDictionary<string, string[]> _emoji;

    // Span lookups, so the tokenizer tries candidate symbols without making a string for each.
    private readonly FrozenDictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> _emojiBySpan;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _emoticonBySpan;
    private readonly FrozenDictionary<string, float>.AlternateLookup<ReadOnlySpan<char>> _valenceBySpan;

    // Every prefix of every emoji symbol, mapped to the symbol's words when the prefix is a whole symbol (else null):
    // the tokenizer extends a candidate one character at a time and stops as soon as no symbol starts that way,
    // instead of trying every length for every symbol character.
    private readonly FrozenDictionary<string, string[]?>.AlternateLookup<ReadOnlySpan<char>> _emojiPrefixes;

    // One bit per UTF-16 unit that starts an emoticon.
    private readonly ulong[] _emoticonStarts = new ulong[1024];

    public SentimentLexicon(IReadOnlyDictionary<string, float> valence, IReadOnlyDictionary<string, string> emoji)
    {
        _valence = valence.ToFrozenDictionary(StringComparer.Ordinal);
        _emoji = emoji.ToFrozenDictionary(
            kv => kv.Key,
            kv => kv.Value.ToLowerInvariant().Split([' ', '-', ':', ','], StringSplitOptions.RemoveEmptyEntries),
            StringComparer.Ordinal);
        MaxEmojiLength = _emoji.Count == 0 ? 0 : _emoji.Keys.Max(k => k.Length);
        Emoticons = _valence.Keys.Where(IsEmoticon).ToFrozenSet(StringComparer.Ordinal);
        _emojiBySpan = _emoji.GetAlternateLookup<ReadOnlySpan<char>>();
        _emoticonBySpan = Emoticons.GetAlternateLookup<ReadOnlySpan<char>>();
        _valenceBySpan = _valence.GetAlternateLookup<ReadOnlySpan<char>>();
        var prefixes = new Dictionary<string, string[]?>(StringComparer.Ordinal);
        foreach (var (symbol, words) in _emoji)
        {
            for (var len = 1; len < symbol.Length; len++)
            {
                prefixes.TryAdd(symbol[..len], null);
            }

            prefixes[symbol] = words;
        }

        _emojiPrefixes = prefixes.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var e in Emoticons)
        {
            _emoticonStarts[e[0] >> 6] |= 1UL << (e[0] & 63);
        }
        EmojiDescriptions = emoji;
        Valences = valence;
    }

    /// <summary>An empty lexicon: no lexicon features, emoji kept as plain symbols.</summary>
    public static SentimentLexicon Empty { get; } = new(new Dictionary<string, float>(), new Dictionary<string, string>());

    public int Count => _valence.Count;

    public int MaxEmojiLength { get; }

    /// <summary>Lexicon entries made of symbols (":)", ":-(", "&lt;3"): matched before words, case-sensitively.</summary>
    public FrozenSet<string> Emoticons { get; }

    public IReadOnlyDictionary<string, string> EmojiDescriptions { get; }

    public IReadOnlyDictionary<string, float> Valences { get; }

    public bool TryGetValence(string token, out float valence) => _valence.TryGetValue(token, out valence);

    /// <inheritdoc cref="TryGetValence(string, out float)"/>
    public bool TryGetValence(ReadOnlySpan<char> token, out float valence) => _valenceBySpan.TryGetValue(token, out valence);

    public bool TryGetEmoji(string symbol, out string[] words) => _emoji.TryGetValue(symbol, out words!);

    /// <inheritdoc cref="TryGetEmoji(string, out string[])"/>
    public bool TryGetEmoji(ReadOnlySpan<char> symbol, out string[] words) => _emojiBySpan.TryGetValue(symbol, out words!);

    /// <summary>Whether <paramref name="symbol"/> is one of <see cref="Emoticons"/> (ordinal).</summary>
    public bool IsEmoticon(ReadOnlySpan<char> symbol) => _emoticonBySpan.Contains(symbol);

    /// <summary>Whether some emoticon starts with <paramref name="c"/>.</summary>
    public bool MayStartEmoticon(char c) => (_emoticonStarts[c >> 6] & (1UL << (c & 63))) != 0;

    /// <summary>
    /// Whether some emoji symbol starts with <paramref name="prefix"/>; <paramref name="words"/> are the words of the
    /// symbol equal to it, or null when it is only the start of longer symbols.
    /// </summary>
    public bool IsEmojiPrefix(ReadOnlySpan<char> prefix, out string[]? words) => _emojiPrefixes.TryGetValue(prefix, out words);

    /// <summary>
    /// Loads <paramref name="lexiconPath"/> (vader_lexicon.txt) and, when present beside it or given, the emoji table
    /// (emoji_utf8_lexicon.txt).
    /// </summary>
    public static SentimentLexicon Load(string lexiconPath, string? emojiPath = null)
    {
        if (!File.Exists(lexiconPath))
        {
            throw new FileNotFoundException($"Lexicon file '{lexiconPath}' does not exist (expected the VADER format: token TAB valence).", lexiconPath);
        }

        emojiPath ??= Path.Combine(Path.GetDirectoryName(Path.GetFullPath(lexiconPath)) ?? ".", "emoji_utf8_lexicon.txt");
        using var lex = File.OpenText(lexiconPath);
        using var emo = File.Exists(emojiPath) ? File.OpenText(emojiPath) : null;
        return Read(lex, emo, lexiconPath);
    }

    public static SentimentLexicon Read(TextReader lexicon, TextReader? emoji, string name = "lexicon")
    {
        var valence = new Dictionary<string, float>(StringComparer.Ordinal);
        var lineNo = 0;
        while (lexicon.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split('\t');
            if (parts.Length < 2 || !float.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                throw new FormatException($"{name} line {lineNo}: expected 'token<TAB>valence', got '{Trim(line)}'.");
            }

            valence[parts[0]] = v;
        }

        var emojis = new Dictionary<string, string>(StringComparer.Ordinal);
        while (emoji?.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab > 0 && tab < line.Length - 1)
            {
                emojis[line[..tab]] = line[(tab + 1)..].Trim();
            }
        }

        return new SentimentLexicon(valence, emojis);
    }

    public void WriteValences(TextWriter w)
    {
        foreach (var (k, v) in Valences.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.Write(k);
            w.Write('\t');
            w.WriteLine(v.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    public void WriteEmoji(TextWriter w)
    {
        foreach (var (k, v) in EmojiDescriptions.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.Write(k);
            w.Write('\t');
            w.WriteLine(v);
        }
    }

    private static bool IsEmoticon(string token)
    {
        if (token.Length < 2 || token.Length > 6)
        {
            return false;
        }

        foreach (var c in token)
        {
            if (!char.IsLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    private static string Trim(string s)
    {
        var sb = new StringBuilder(s.Length > 60 ? s[..60] : s);
        return sb.ToString();
    }
}
