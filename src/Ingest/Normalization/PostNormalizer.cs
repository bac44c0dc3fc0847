using System.Net;
using System.Text;
using Marketing.Core.Brands;
using Marketing.Core.Domain;

namespace Marketing.Ingest.Normalization;

/// <summary>
/// Brings a decoded post to the stored form: HTML entities decoded, Unicode NFC, NUL characters removed (PostgreSQL
/// text cannot hold them), hashtags/mentions/links extracted and merged with the API's entities, language detected
/// when the source gives none, brands matched from the watchlist. Rejects a post left without text. Thread-safe.
/// </summary>
public sealed class PostNormalizer
{
    private readonly BrandMatcher? _brands;
    private readonly LanguageDetector? _languages;
    private readonly bool _overwriteLanguage;

    public PostNormalizer(IngestOptions options, BrandMatcher? brands)
    {
        _brands = brands;
        var mode = options.LanguageDetection.Trim().ToLowerInvariant();
        if (mode is not ("missing" or "always" or "off"))
        {
            throw new ArgumentException($"Ingest:LanguageDetection '{options.LanguageDetection}' is not one of missing, always, off.");
        }

        _languages = mode == "off" ? null : new LanguageDetector(options.Languages, options.MinLanguageLetters, options.MinLanguageConfidence);
        _overwriteLanguage = mode == "always";
    }

    public LanguageDetector? Languages => _languages;

    public void Normalize(SocialPost post, EntityHints? hints = null)
    {
        post.Text = CleanText(post.Text);
        if (post.Text.Length == 0)
        {
            throw new RecordRejectedException(RejectReasons.NoText, $"Post {post.PostId} has no text (empty after trimming and decoding).");
        }

        post.Platform = post.Platform.Trim().ToLowerInvariant();
        post.PostId = Clean(post.PostId)!.Trim();
        post.Author.Id = Clean(post.Author.Id)?.Trim() ?? "";
        post.Author.Handle = Clean(post.Author.Handle)?.Trim().TrimStart('@');
        post.Author.DisplayName = CleanText(post.Author.DisplayName ?? "") is { Length: > 0 } dn ? dn : null;
        post.Author.Location = CleanText(post.Author.Location ?? "") is { Length: > 0 } loc ? loc : null;
        if (post.Author.Id.Length == 0 && post.Author.Handle is { Length: > 0 } handle)
        {
            post.Author.Id = handle;
        }

        var hashtags = TextEntities.Hashtags(post.Text);
        TextEntities.Merge(hashtags, post.Hashtags, '#');
        TextEntities.Merge(hashtags, hints?.Hashtags, '#');
        post.Hashtags = hashtags;

        var mentions = TextEntities.Mentions(post.Text);
        TextEntities.Merge(mentions, post.Mentions, '@');
        TextEntities.Merge(mentions, hints?.Mentions, '@');
        post.Mentions = mentions;

        var links = new List<string>();
        AddLinks(links, hints?.Links);
        AddLinks(links, post.Links);
        foreach (var link in TextEntities.Links(post.Text))
        {
            if (hints?.ShortLinks is not { } shorts || !shorts.Contains(link))
            {
                AddLinks(links, [link]);
            }
        }

        post.Links = links;

        post.Language = NormalizeLanguage(post.Language);
        if (_languages is not null && (post.Language is null || _overwriteLanguage))
        {
            post.Language = _languages.Detect(post.Text) ?? (_overwriteLanguage ? null : post.Language);
        }

        if (_brands is not null)
        {
            var matched = _brands.Match(post.Text, mentions, hashtags);
            post.Brands = post.Brands.Count == 0 ? matched : post.Brands.Select(b => b.Trim().ToLowerInvariant()).Union(matched).Order(StringComparer.Ordinal).ToArray();
        }

        post.Campaign = Clean(post.Campaign);
        post.Url = Clean(post.Url);
    }

    /// <summary>HTML entities decoded (APIs send "&amp;amp;"), NFC, NUL removed, trimmed.</summary>
    public static string CleanText(string text)
    {
        var s = Clean(text) ?? "";
        if (s.Contains('&'))
        {
            s = WebUtility.HtmlDecode(s);
        }

        if (!s.IsNormalized(NormalizationForm.FormC))
        {
            s = s.Normalize(NormalizationForm.FormC);
        }

        return s.Trim();
    }

    private static string? Clean(string? s) => s is null ? null : s.Contains('\0') ? s.Replace("\0", "") : s;

    private static string? NormalizeLanguage(string? lang)
    {
        if (string.IsNullOrWhiteSpace(lang))
        {
            return null;
        }

        var l = lang.Trim().ToLowerInvariant();
        // Sources say "und" (undetermined), "zxx" (no linguistic content) or "qme"/"qht" (media/hashtags only) for unknown.
        if (l is "und" or "zxx" || (l.Length == 3 && l[0] == 'q'))
        {
            return null;
        }

        var dash = l.IndexOfAny(['-', '_']);
        return dash > 0 ? l[..dash] : l;
    }

    private static void AddLinks(List<string> links, IEnumerable<string>? more)
    {
        foreach (var l in more ?? [])
        {
            var v = Clean(l)?.Trim();
            if (!string.IsNullOrEmpty(v) && !links.Contains(v))
            {
                links.Add(v);
            }
        }
    }
}
