using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Lingua;

namespace Marketing.Ingest.Normalization;

/// <summary>
/// Language detection in two steps. First a stop-word vote (microseconds, no model): common function words are
/// distinctive for the European languages we see most, and a clear winner is taken. Only when that is undecided
/// does the text go to Lingua (restricted to the configured languages, in low-accuracy mode: trigram models only,
/// which load several times faster than the full 1-5-gram set and are as good on the 20+ letter texts we send;
/// loaded lazily on first use), and its answer is kept only above a minimum confidence. Short texts are left unknown:
/// both methods guess on a few words. Thread-safe.
/// </summary>
public sealed class LanguageDetector
{
    /// <summary>Function words per language (internal: the tests check the vote against a plain reference).</summary>
    internal static readonly Dictionary<string, string[]> StopWords = new()
    {
        ["en"] = ["the", "and", "is", "are", "was", "this", "that", "with", "for", "you", "have", "not", "it's", "my", "of", "to", "i'm", "just", "but", "they", "what", "it", "on", "be", "so"],
        ["fr"] = ["le", "la", "les", "des", "est", "et", "une", "un", "pour", "pas", "que", "qui", "dans", "avec", "sur", "je", "c'est", "vous", "nous", "mais", "du", "au", "ce", "très", "j'ai"],
        ["de"] = ["der", "die", "das", "und", "ist", "nicht", "ich", "ein", "eine", "mit", "auf", "für", "den", "sie", "es", "zu", "von", "sehr", "aber", "auch", "wir", "dem", "noch", "nur", "war"],
        ["es"] = ["el", "los", "las", "es", "y", "una", "por", "para", "con", "que", "muy", "pero", "del", "mi", "se", "lo", "como", "está", "más", "yo", "este", "esta", "al", "hay", "todo"],
        ["it"] = ["il", "di", "che", "è", "per", "non", "una", "sono", "con", "gli", "della", "ma", "mi", "ho", "questo", "molto", "anche", "io", "nel", "lo", "ci", "del", "le", "tutto", "più"],
        ["pt"] = ["o", "os", "não", "uma", "com", "para", "que", "é", "muito", "mas", "do", "da", "em", "eu", "você", "isso", "meu", "minha", "está", "foi", "tem", "ao", "das", "dos", "também"],
        ["nl"] = ["de", "het", "een", "en", "is", "niet", "van", "ik", "met", "voor", "op", "dat", "zijn", "maar", "ook", "je", "wel", "heel", "nog", "dit", "naar", "bij", "wat", "er", "zo"],
    };

    // The longest stop word, in chars: a longer word is not looked up.
    private static readonly int MaxStopWordLength = StopWords.Values.SelectMany(w => w).Max(w => w.Length);

    // Stop word -> the languages (indices into _voteLanguages) it is a function word of.
    private readonly FrozenDictionary<string, int[]> _wordLanguages;
    private readonly string[] _voteLanguages;
    private readonly Lazy<Lingua.LanguageDetector?> _lingua;
    private readonly int _minLetters;
    private readonly double _minConfidence;

    public LanguageDetector(IReadOnlyCollection<string> languages, int minLetters = 20, double minConfidence = 0.5)
    {
        _minLetters = minLetters;
        _minConfidence = minConfidence;
        var wanted = languages.Select(l => l.Trim().ToLowerInvariant()).ToHashSet();
        var byWord = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        _voteLanguages = StopWords.Keys.Where(wanted.Contains).ToArray();
        foreach (var (lang, words) in StopWords)
        {
            var index = Array.IndexOf(_voteLanguages, lang);
            if (index < 0)
            {
                continue;
            }

            foreach (var w in words)
            {
                if (!byWord.TryGetValue(w, out var list))
                {
                    byWord[w] = list = [];
                }

                list.Add(index);
            }
        }

        _wordLanguages = byWord.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        var linguaLanguages = wanted.Select(ToLingua).Where(l => l is not null).Select(l => l!.Value).Distinct().ToArray();
        _lingua = new Lazy<Lingua.LanguageDetector?>(
            () => linguaLanguages.Length >= 2 ? LanguageDetectorBuilder.FromLanguages(linguaLanguages).WithLowAccuracyMode().Build() : null,
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Lingua calls made (for the bench and tests: the cheap path should take most texts).</summary>
    public long StatisticalCalls => Interlocked.Read(ref _statisticalCalls);

    private long _statisticalCalls;

    /// <summary>An ISO 639-1 code, or null when the text is too short or the answer unsure.</summary>
    public string? Detect(string text)
    {
        var letters = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                letters++;
            }
        }

        if (letters < _minLetters)
        {
            return null;
        }

        if (VoteByStopWords(text) is { } voted)
        {
            return voted;
        }

        var lingua = _lingua.Value;
        if (lingua is null)
        {
            return null;
        }

        Interlocked.Increment(ref _statisticalCalls);
        var best = lingua.ComputeLanguageConfidenceValues(text).FirstOrDefault();
        return best.Value >= _minConfidence ? ToIso(best.Key) : null;
    }

    // Per-post hot path: compiled fully optimized on first call. With tiering, an ingest of a few seconds ran much of
    // this code as tier-0 and PGO-instrumented code and paid for three compilations (see README, ingest, Measured).
    /// <summary>The stop-word vote alone: a language with a clear majority of function words, or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal string? VoteByStopWords(string text)
    {
        // Votes per language (indices into _voteLanguages); words are looked up as lower-cased spans, without a
        // string per word.
        Span<int> counts = stackalloc int[_voteLanguages.Length];
        Span<char> lower = stackalloc char[MaxStopWordLength];
        var lookup = _wordLanguages.GetAlternateLookup<ReadOnlySpan<char>>();
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
                var word = text.AsSpan(start, i - start);
                start = -1;
                if (word.Length > MaxStopWordLength)
                {
                    continue;
                }

                var token = lower[..word.ToLowerInvariant(lower)];
                token.Replace('’', '\'');
                if (lookup.TryGetValue(token, out var langs))
                {
                    foreach (var lang in langs)
                    {
                        counts[lang]++;
                    }
                }
            }
        }

        var first = -1;
        var second = 0;
        for (var k = 0; k < counts.Length; k++)
        {
            if (counts[k] == 0)
            {
                continue;
            }

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

        // A clear vote: at least 3 function words and twice as many as any other language.
        return first >= 0 && counts[first] >= 3 && counts[first] >= 2 * second ? _voteLanguages[first] : null;
    }

    private static Language? ToLingua(string iso)
    {
        foreach (var language in Enum.GetValues<Language>())
        {
            if (language != Language.Unknown && string.Equals(ToIso(language), iso, StringComparison.OrdinalIgnoreCase))
            {
                return language;
            }
        }

        return null;
    }

    private static string? ToIso(Language language) =>
        language == Language.Unknown ? null : language.IsoCode6391().ToString().ToLowerInvariant();
}
