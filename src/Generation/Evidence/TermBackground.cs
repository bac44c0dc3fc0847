namespace Marketing.Generation.Evidence;

/// <summary>Document frequencies of terms in the posts that are not about a brand: the baseline a brand's terms are compared to.</summary>
public sealed class TermBackground
{
    private readonly Dictionary<string, int> _docs = new(StringComparer.Ordinal);

    /// <summary>Posts counted.</summary>
    public int Posts { get; private set; }

    /// <summary>Too few posts to say what is ordinary: distinctiveness is then not tested.</summary>
    public bool IsUsable => Posts >= 200;

    /// <summary>Counts one post: its terms, and its hashtags (kept as "#tag", lower-case).</summary>
    public void Add(IEnumerable<string> terms, IEnumerable<string>? hashtags = null)
    {
        Posts++;
        foreach (var t in terms)
        {
            _docs[t] = _docs.GetValueOrDefault(t) + 1;
        }

        foreach (var h in (hashtags ?? []).Select(Tag).Distinct(StringComparer.Ordinal))
        {
            _docs[h] = _docs.GetValueOrDefault(h) + 1;
        }
    }

    /// <summary>Posts with the term (or, for "#tag", the hashtag).</summary>
    public int Count(string term) => _docs.GetValueOrDefault(term);

    public static string Tag(string hashtag) => "#" + hashtag.TrimStart('#').ToLowerInvariant();
}
