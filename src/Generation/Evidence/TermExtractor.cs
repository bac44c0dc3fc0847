using System.Collections.Frozen;
using Marketing.Core.Brands;
using Marketing.Generation.Channels;

namespace Marketing.Generation.Evidence;

/// <summary>
/// Content terms of a post: lower-case words and adjacent-word phrases, without stop words, numbers, URLs, handles,
/// hashtags (counted separately) or the brand's own names, each term once per post.
/// </summary>
public sealed class TermExtractor
{
    private static readonly FrozenSet<string> StopWords = new[]
    {
        "a", "an", "the", "and", "or", "but", "if", "then", "so", "to", "of", "in", "on", "at", "by", "for", "with", "from", "up",
        "about", "into", "over", "after", "before", "out", "off", "again", "just", "than", "too", "very", "can", "will", "would",
        "should", "could", "is", "am", "are", "was", "were", "be", "been", "being", "have", "has", "had", "do", "does", "did",
        "i", "me", "my", "we", "our", "you", "your", "he", "she", "it", "its", "they", "them", "their", "this", "that", "these",
        "those", "what", "which", "who", "whom", "when", "where", "why", "how", "all", "any", "both", "each", "few", "more",
        "most", "other", "some", "such", "no", "nor", "not", "only", "own", "same", "now", "im", "ive", "dont", "didnt", "doesnt",
        "isnt", "cant", "wont", "its", "thats", "theres", "u", "ur", "lol", "omg", "rt", "via", "get", "got", "really", "still",
        "also", "even", "much", "one", "new", "like", "today", "yesterday", "day", "time", "amp", "http", "https", "www", "com",
        "there", "here", "been", "because", "while", "as", "let", "lets", "yet", "ever", "every", "again", "anyone", "someone",
        "something", "anything", "nothing", "everything", "going", "gonna", "wanna", "https", "co", "t", "s", "re", "ll", "ve", "d", "m",
        "el", "la", "le", "les", "de", "des", "et", "que", "es", "en", "un", "una", "der", "die", "das", "und", "ist",
    }.ToFrozenSet(StringComparer.Ordinal);

    private readonly FrozenSet<string> _exclude;

    /// <param name="excluded">Words that name the brand or its competitors: they are in every post, so they say nothing.</param>
    public TermExtractor(IEnumerable<string> excluded)
    {
        _exclude = excluded.SelectMany(e => BrandMatcher.Tokenize(e)).Select(t => t.TrimStart('@', '#')).ToFrozenSet(StringComparer.Ordinal);
    }

    public static TermExtractor ForBrand(Brand brand, BrandWatchlist? watchlist)
    {
        var names = new List<string> { brand.Id, brand.Name };
        names.AddRange(brand.Aliases);
        names.AddRange(brand.Handles);
        names.AddRange(brand.Hashtags);
        foreach (var c in brand.Competitors)
        {
            names.Add(c);
            if (watchlist?.Find(c) is { } comp)
            {
                names.Add(comp.Name);
                names.AddRange(comp.Aliases);
            }
        }

        return new TermExtractor(names);
    }

    public string[] Extract(string text)
    {
        foreach (var url in TextCounter.Urls(text))
        {
            text = text.Replace(url, " . ", StringComparison.Ordinal);
        }

        var terms = new HashSet<string>(StringComparer.Ordinal);
        string? previous = null;
        foreach (var token in BrandMatcher.Tokenize(text))
        {
            if (!IsContent(token))
            {
                previous = null;
                continue;
            }

            terms.Add(token);
            if (previous is not null)
            {
                terms.Add(previous + " " + token);
            }

            previous = token;
        }

        return [.. terms];
    }

    private bool IsContent(string token) =>
        token.Length >= 3 && token[0] is not ('@' or '#') && !StopWords.Contains(token) && !_exclude.Contains(token)
        && !token.Any(char.IsDigit) && !token.Contains('_', StringComparison.Ordinal);
}
