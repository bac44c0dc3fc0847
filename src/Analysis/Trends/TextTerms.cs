using System.Text;

namespace Marketing.Analysis.Trends;

/// <summary>
/// Turns post text into the terms trend analysis counts: lower-case words without links, mentions, hashtags (those are
/// counted on their own) and stop words, and the 2- and 3-word phrases that neither start nor end with a stop word.
/// </summary>
public static class TextTerms
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by",
        "can", "could", "did", "do", "does", "doing", "for", "from", "get", "got", "had", "has", "have", "he", "her", "here",
        "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "it's", "just", "me", "more", "most", "my", "no", "not",
        "now", "of", "off", "on", "one", "only", "or", "our", "out", "over", "really", "rt", "she", "so", "some", "still",
        "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "too", "up", "us",
        "very", "was", "we", "were", "what", "when", "where", "which", "who", "why", "will", "with", "would", "you", "your",
        "i'm", "im", "don't", "dont", "can't", "cant", "isn't", "didn't", "won't", "it’s", "i’m", "de", "la", "le", "les",
        "et", "des", "un", "une", "est", "en", "du", "pour", "que", "qui", "pas", "el", "los", "las", "es", "y", "der", "die",
        "das", "und", "ist", "mit", "via", "amp", "new", "today", "day",
    };

    /// <summary>The words of a text in order, with stop words kept (they mark phrase boundaries).</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var sb = new StringBuilder();
        var skip = false;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsLetterOrDigit(c) || ((c is '\'' or '’' or '-') && sb.Length > 0))
            {
                if (!skip)
                {
                    sb.Append(char.ToLowerInvariant(c));
                }

                continue;
            }

            if (c is '#' or '@' && sb.Length == 0)
            {
                skip = true;
                continue;
            }

            if (c == ':' && i + 2 < text.Length && text[i + 1] == '/' && sb.Length > 0)
            {
                // A link: drop the scheme word and everything up to the next space.
                sb.Clear();
                while (i < text.Length && !char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                continue;
            }

            Flush();
        }

        return words;

        void Flush()
        {
            if (!skip && sb.Length > 0)
            {
                var w = sb.ToString().Trim('\'', '’', '-');
                if (w.Length > 0)
                {
                    words.Add(w);
                }
            }

            sb.Clear();
            skip = false;
        }
    }

    public static bool IsStopWord(string word) => StopWords.Contains(word) || word.Length < 2 || word.All(char.IsDigit);

    /// <summary>The distinct 1..maxN-grams of a text (a post counts once per term: a document frequency).</summary>
    public static HashSet<string> Terms(string text, int maxN = 3)
    {
        var words = Words(text);
        var terms = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++)
        {
            if (IsStopWord(words[i]))
            {
                continue;
            }

            terms.Add(words[i]);
            for (var n = 2; n <= maxN && i + n <= words.Count; n++)
            {
                var last = words[i + n - 1];
                if (!IsStopWord(last))
                {
                    terms.Add(string.Join(' ', words.GetRange(i, n)));
                }
            }
        }

        return terms;
    }
}
