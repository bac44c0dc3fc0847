using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Marketing.Core.Brands;
using Marketing.Core.Domain;
using Marketing.Ingest.Formats;
using Marketing.Ingest.Normalization;

namespace Marketing.Ingest;

/// <summary>
/// Decodes JSON records of every supported format into normalized posts, or rejects with a reason. One record may
/// hold many posts (an X API v2 response, a Reddit listing, a JSON array). Thread-safe: decoding is stateless except
/// for the near-duplicate index, which is locked.
/// </summary>
public sealed partial class RecordDecoder : IRecordDecoder
{
    private readonly IngestOptions _options;
    private readonly JsonDocumentOptions _jsonOptions;

    public RecordDecoder(IngestOptions options, BrandMatcher? brands, InputFormat format = InputFormat.Auto)
    {
        _options = options;
        Format = format;
        Normalizer = new PostNormalizer(options, brands);
        NearDuplicates = options.FlagNearDuplicates ? new NearDuplicateIndex(options.NearDuplicateCapacity, options.NearDuplicateMinChars) : null;
        _jsonOptions = new JsonDocumentOptions { MaxDepth = Math.Max(8, options.MaxJsonDepth), CommentHandling = JsonCommentHandling.Skip };
        Columns = ColumnMap.Parse(options.Map);
    }

    public InputFormat Format { get; }

    public PostNormalizer Normalizer { get; }

    public NearDuplicateIndex? NearDuplicates { get; }

    public ColumnMap Columns { get; }

    public IngestOptions Options => _options;

    /// <summary>Decodes one record and flags near-duplicates against everything this decoder has seen.</summary>
    public DecodeResult Decode(ReadOnlyMemory<byte> raw, string source)
    {
        var result = DecodeUnflagged(raw, source, _options.MaxRecordBytes);
        FlagNearDuplicates(result.Posts);
        return result;
    }

    // Per-post hot path: compiled fully optimized on first call. With tiering, an ingest of a few seconds ran much of
    // this code as tier-0 and PGO-instrumented code and paid for three compilations (see README, ingest, Measured).
    /// <summary>
    /// Decodes without touching the near-duplicate index, so a caller can decode in parallel and then flag in input
    /// order with <see cref="FlagNearDuplicates"/> (the first post of a text is then always the earliest in the file).
    /// </summary>
    public DecodeResult DecodeUnflagged(ReadOnlyMemory<byte> raw, string source, long maxBytes) =>
        DecodeUnflagged(raw, source, maxBytes, out var single) ?? DecodeResult.Of(single!);

    /// <summary>
    /// <see cref="DecodeUnflagged(ReadOnlyMemory{byte}, string, long)"/> for a caller that collects posts itself: a
    /// record that is one well-formed own-schema post (most records of a JSONL file) comes back as
    /// <paramref name="single"/> and null, without a <see cref="DecodeResult"/> (and its array) made for it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal DecodeResult? DecodeUnflagged(ReadOnlyMemory<byte> raw, string source, long maxBytes, out SocialPost? single)
    {
        single = null;
        var span = raw.Span;
        if (span.Length > maxBytes)
        {
            return Reject(RejectReasons.TooLarge, $"The record is {span.Length:N0} bytes; the limit is {maxBytes:N0} (Ingest:MaxRecordBytes).", source, raw);
        }

        if (span.StartsWith("\uFEFF"u8))
        {
            raw = raw[3..];
            span = raw.Span;
        }

        if (span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return Reject(RejectReasons.Empty, "The record is empty.", source, raw);
        }

        if (!Utf8.IsValid(span))
        {
            return Reject(RejectReasons.InvalidUtf8, $"The record is not valid UTF-8 (first bad byte at offset {FirstInvalidUtf8(span)}). Re-encode the file as UTF-8.", source, raw);
        }

        if (Format is InputFormat.Csv or InputFormat.Tsv)
        {
            return Reject(RejectReasons.UnknownFormat, "CSV/TSV rows are read by the file source, which knows the header; send JSON records here.", source, raw);
        }

        if (Format is InputFormat.Auto or InputFormat.Own
            && OwnSchemaReader.TryRead(span, Format == InputFormat.Auto, _jsonOptions.MaxDepth, _options.DefaultPlatform, out var fast))
        {
            try
            {
                single = Finish(fast!, source, null);
                return null;
            }
            catch (RecordRejectedException ex)
            {
                return Reject(ex.Reason, ex.Message, source, raw);
            }
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(raw, _jsonOptions);
        }
        catch (JsonException ex)
        {
            return Reject(RejectReasons.BadJson, "Not valid JSON: " + ex.Message, source, raw);
        }

        using (doc)
        {
            var posts = new List<SocialPost>();
            var rejects = new List<RejectedRecord>();
            var root = doc.RootElement;
            switch (root.ValueKind)
            {
                case JsonValueKind.Object:
                    DecodeObject(root, source, raw, posts, rejects);
                    break;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in root.EnumerateArray())
                    {
                        var itemSource = $"{source}[{i++}]";
                        if (item.ValueKind == JsonValueKind.Object || item.ValueKind == JsonValueKind.Array)
                        {
                            DecodeNested(item, itemSource, posts, rejects);
                        }
                        else
                        {
                            rejects.Add(MakeReject(RejectReasons.WrongType, $"An array item must be a JSON object (a post), but it is {item.ValueKind.ToString().ToLowerInvariant()}.", itemSource, item.GetRawText()));
                        }
                    }

                    if (i == 0)
                    {
                        rejects.Add(MakeReject(RejectReasons.Empty, "The record is an empty JSON array.", source, "[]"));
                    }

                    break;
                default:
                    rejects.Add(MakeReject(RejectReasons.WrongType, $"A record must be a JSON object (a post or an API response), but it is {root.ValueKind.ToString().ToLowerInvariant()}.", source, Raw(raw)));
                    break;
            }

            return new DecodeResult(posts, rejects);
        }
    }

    /// <summary>Sets <see cref="SocialPost.NearDuplicateOf"/> on posts whose normalized text an earlier post had.</summary>
    public void FlagNearDuplicates(IReadOnlyList<SocialPost> posts)
    {
        if (NearDuplicates is not { } index)
        {
            return;
        }

        if (posts.Count < 1024 || Environment.ProcessorCount == 1)
        {
            foreach (var p in posts)
            {
                p.NearDuplicateOf ??= index.Check(p.Text, p.PostId);
            }

            return;
        }

        // Hashing the texts is most of the work and needs no order: do it in parallel, then check in input order.
        var keys = new ulong[posts.Count];
        var hashed = new bool[posts.Count];
        Parallel.For(0, Environment.ProcessorCount, part =>
        {
            var from = posts.Count * part / Environment.ProcessorCount;
            var to = posts.Count * (part + 1) / Environment.ProcessorCount;
            for (var i = from; i < to; i++)
            {
                hashed[i] = posts[i].NearDuplicateOf is null && NearDuplicateIndex.TryKey(posts[i].Text, index.MinChars, out keys[i]);
            }
        });

        for (var i = 0; i < posts.Count; i++)
        {
            if (hashed[i])
            {
                posts[i].NearDuplicateOf = index.Check(keys[i], posts[i].PostId);
            }
        }
    }

    /// <summary>States of a key from <see cref="NearDuplicateKey"/>.</summary>
    internal const byte KeyNotComputed = 0, KeyComputed = 1, KeyNone = 2;

    /// <summary>
    /// The post's near-duplicate key, computed apart from the index (pure, so on any thread): <see cref="KeyComputed"/>
    /// with the key, <see cref="KeyNone"/> when the post is never checked (no index, already flagged, or too short).
    /// </summary>
    internal byte NearDuplicateKey(SocialPost post, out ulong key)
    {
        key = 0;
        return NearDuplicates is { } index && post.NearDuplicateOf is null && NearDuplicateIndex.TryKey(post.Text, index.MinChars, out key) ? KeyComputed : KeyNone;
    }

    /// <summary>
    /// <see cref="FlagNearDuplicates(IReadOnlyList{SocialPost})"/> with the keys of some posts already computed by
    /// <see cref="NearDuplicateKey"/> (<paramref name="keys"/> is aligned with <paramref name="posts"/>); the others
    /// are computed here. Checked in list order either way.
    /// </summary>
    internal void FlagNearDuplicates(IReadOnlyList<SocialPost> posts, List<(ulong Key, byte State)> keys)
    {
        if (NearDuplicates is not { } index)
        {
            return;
        }

        for (var i = 0; i < posts.Count; i++)
        {
            var (key, state) = keys[i];
            if (state == KeyNotComputed)
            {
                state = NearDuplicateKey(posts[i], out key);
            }

            if (state == KeyComputed)
            {
                posts[i].NearDuplicateOf = index.Check(key, posts[i].PostId);
            }
        }
    }

    private void DecodeNested(JsonElement item, string source, List<SocialPost> posts, List<RejectedRecord> rejects)
    {
        if (item.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var inner in item.EnumerateArray())
            {
                DecodeNested(inner, $"{source}[{i++}]", posts, rejects);
            }

            return;
        }

        if (item.ValueKind != JsonValueKind.Object)
        {
            rejects.Add(MakeReject(RejectReasons.WrongType, $"An array item must be a JSON object (a post), but it is {item.ValueKind.ToString().ToLowerInvariant()}.", source, item.GetRawText()));
            return;
        }

        DecodeObject(item, source, default, posts, rejects);
    }

    private void DecodeObject(JsonElement obj, string source, ReadOnlyMemory<byte> raw, List<SocialPost> posts, List<RejectedRecord> rejects)
    {
        var format = Format == InputFormat.Auto ? Detect(obj) : Format;
        try
        {
            switch (format)
            {
                case InputFormat.Own:
                    posts.Add(Finish(MapOwn(obj), source, null));
                    break;
                case InputFormat.XV2:
                    MapXV2(obj, source, posts, rejects);
                    break;
                case InputFormat.TwitterV1:
                    MapTwitterV1Container(obj, source, posts, rejects);
                    break;
                case InputFormat.Reddit:
                    MapReddit(obj, source, posts, rejects);
                    break;
                default:
                    rejects.Add(MakeReject(RejectReasons.UnknownFormat,
                        "Cannot tell the format of this JSON object (expected a post with post_id/text, an X API v2 response with data, a Twitter v1.1 status with id_str/user, or a Reddit thing). Name it with --format.",
                        source, raw.IsEmpty ? obj.GetRawText() : Raw(raw)));
                    break;
            }
        }
        catch (RecordRejectedException ex)
        {
            rejects.Add(MakeReject(ex.Reason, ex.Message, source, raw.IsEmpty ? obj.GetRawText() : Raw(raw)));
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or OverflowException)
        {
            rejects.Add(MakeReject(RejectReasons.WrongType, "A field has the wrong type: " + ex.Message, source, raw.IsEmpty ? obj.GetRawText() : Raw(raw)));
        }
    }

    /// <summary>Which format a JSON object is in, from the fields only that format has.</summary>
    public static InputFormat Detect(JsonElement obj)
    {
        if (obj.TryGetProperty("post_id", out _) || obj.TryGetProperty("platform", out _))
        {
            return InputFormat.Own;
        }

        if (obj.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String
            && (kind.GetString() is "Listing" or "more" || (kind.GetString() is { Length: 2 } k && k[0] == 't')))
        {
            return InputFormat.Reddit;
        }

        if (obj.TryGetProperty("subreddit", out _) || obj.TryGetProperty("created_utc", out _))
        {
            return InputFormat.Reddit;
        }

        if (obj.TryGetProperty("data", out var data) && data.ValueKind is JsonValueKind.Array or JsonValueKind.Object)
        {
            return InputFormat.XV2;
        }

        if (obj.TryGetProperty("includes", out _) || obj.TryGetProperty("errors", out _) || obj.TryGetProperty("public_metrics", out _) || obj.TryGetProperty("author_id", out _))
        {
            return InputFormat.XV2;
        }

        if (obj.TryGetProperty("id_str", out _) || obj.TryGetProperty("statuses", out _) || obj.TryGetProperty("user", out _)
            || obj.TryGetProperty("full_text", out _) || obj.TryGetProperty("retweeted_status", out _))
        {
            return InputFormat.TwitterV1;
        }

        if (obj.TryGetProperty("text", out _) && (obj.TryGetProperty("id", out _) || obj.TryGetProperty("created_at", out _)))
        {
            return InputFormat.Own;
        }

        return InputFormat.Auto;
    }

    /// <summary>Stamps the source and normalizes; a post that fails normalization is rejected as a whole.</summary>
    private SocialPost Finish(SocialPost post, string source, EntityHints? hints)
    {
        post.Source ??= source;
        Normalizer.Normalize(post, hints);
        return post;
    }

    public DecodeResult Reject(string reason, string detail, string source, ReadOnlyMemory<byte> raw) =>
        DecodeResult.Reject(MakeReject(reason, detail, source, Raw(raw)));

    public RejectedRecord MakeReject(string reason, string detail, string source, string? raw) =>
        new(reason, detail, source, Truncate(raw), DateTimeOffset.UtcNow);

    private string Raw(ReadOnlyMemory<byte> raw)
    {
        // Decode only what is kept; invalid bytes become U+FFFD so the reject itself is valid text.
        var max = _options.MaxRejectRawChars;
        var slice = raw.Length > max * 4 ? raw[..(max * 4)] : raw;
        return Encoding.UTF8.GetString(slice.Span).Replace("\0", "\\0");
    }

    private string? Truncate(string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        var max = _options.MaxRejectRawChars;
        return raw.Length <= max ? raw : raw[..max] + "…";
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> span)
    {
        var offset = 0;
        while (offset < span.Length)
        {
            if (Rune.DecodeFromUtf8(span[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return -1;
    }
}
