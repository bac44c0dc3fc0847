using System.Net;
using System.Runtime.CompilerServices;
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

    // Per-post hot path: compiled fully optimized on first call. With tiering, an ingest of a few seconds ran much of
    // this code as tier-0 and PGO-instrumented code and paid for three compilations (see README, ingest, Measured).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

        // Lists are made only when there is something in them (most posts have no tags, mentions or links).
        var hashtags = TextEntities.AddHashtags(post.Text, null);
        hashtags = TextEntities.Merge(hashtags, post.Hashtags, '#');
        hashtags = TextEntities.Merge(hashtags, hints?.Hashtags, '#');
        post.Hashtags = (IReadOnlyList<string>?)hashtags ?? [];

        var mentions = TextEntities.AddMentions(post.Text, null);
        mentions = TextEntities.Merge(mentions, post.Mentions, '@');
        mentions = TextEntities.Merge(mentions, hints?.Mentions, '@');
        post.Mentions = (IReadOnlyList<string>?)mentions ?? [];

        // The API's expanded links first, then the post's own, then the text's (less the short links the API expanded).
        var links = AddLinks(null, hints?.Links);
        links = AddLinks(links, post.Links);
        links = TextEntities.AddLinks(post.Text, links, hints?.ShortLinks is { Count: > 0 } shorts ? shorts.Contains : null);
        post.Links = (IReadOnlyList<string>?)links ?? [];

        post.Language = NormalizeLanguage(post.Language);
        if (_languages is not null && (post.Language is null || _overwriteLanguage))
        {
            post.Language = _languages.Detect(post.Text) ?? (_overwriteLanguage ? null : post.Language);
        }

        if (_brands is not null)
        {
            // Empty lists go as null: the matcher then enumerates nothing instead of boxing an enumerator.
            var matched = _brands.Match(post.Text, mentions, hashtags);
            post.Brands = post.Brands.Count == 0 ? matched : post.Brands.Select(b => b.Trim().ToLowerInvariant()).Union(matched).Order(StringComparer.Ordinal).ToArray();
        }

        post.Campaign = Clean(post.Campaign);
        post.Url = Clean(post.Url);
    }

    /// <summary>HTML entities decoded (APIs send "&amp;amp;"), NFC, NUL removed, trimmed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string CleanText(string text)
    {
        // Fast path, for most posts: no NUL, no '&', and nothing from U+0300 up (every character below the first
        // combining mark is its own NFC form, so such a text is NFC as it is). Only trimming is left, and Trim returns
        // the same string when there is nothing to trim. CleanTextGeneral gives the same result for these texts.
        var span = text.AsSpan();
        if (span.IndexOfAny('\0', '&') < 0 && span.IndexOfAnyInRange('\u0300', '\uffff') < 0)
        {
            return text.Trim();
        }

        return CleanTextGeneral(text);
    }

    /// <summary><see cref="CleanText"/> without its fast path: every step, for any text.</summary>
    internal static string CleanTextGeneral(string text)
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

        var dash = l.AsSpan().IndexOfAny('-', '_');
        return dash > 0 ? l[..dash] : l;
    }

    private static List<string>? AddLinks(List<string>? links, IReadOnlyList<string>? more)
    {
        if (more is null || more is string[] { Length: 0 })
        {
            return links;
        }

        foreach (var l in more)
        {
            var v = Clean(l)?.Trim();
            if (!string.IsNullOrEmpty(v) && (links is null || !links.Contains(v)))
            {
                (links ??= []).Add(v);
            }
        }

        return links;
    }
}
