using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Marketing.Core.Domain;

namespace Marketing.Ingest.Formats;

/// <summary>
/// The hot path for own-schema JSONL: one forward pass with <see cref="Utf8JsonReader"/>, no DOM (several times
/// faster than <see cref="JsonDocument"/> plus property lookups). It handles only well-formed posts: anything
/// unusual (a wrong type, a missing id/text/date, bad JSON, another format's fields, scores to carry over) returns
/// false, and the record goes through the DOM path, which knows how to explain the problem in a reject.
/// </summary>
public static partial class OwnSchemaReader
{
    public static bool TryRead(ReadOnlySpan<byte> json, bool autoDetect, int maxDepth, string? defaultPlatform, out SocialPost? post)
    {
        // Most records take the byte scan; whatever it gives up on is read by the Utf8JsonReader pass.
        return TryScan(json, autoDetect, maxDepth, defaultPlatform, out post) || TryReadWithReader(json, autoDetect, maxDepth, defaultPlatform, out post);
    }

    /// <summary>The <see cref="Utf8JsonReader"/> pass alone (what <see cref="TryScan"/> must agree with).</summary>
    internal static bool TryReadWithReader(ReadOnlySpan<byte> json, bool autoDetect, int maxDepth, string? defaultPlatform, out SocialPost? post)
    {
        post = null;
        try
        {
            return TryReadCore(json, autoDetect, maxDepth, defaultPlatform, out post);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            post = null;
            return false;
        }
    }

    // Per-post hot path: compiled fully optimized on first call. With tiering, an ingest of a few seconds ran much of
    // this code as tier-0 and PGO-instrumented code and paid for three compilations (see README, ingest, Measured).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryReadCore(ReadOnlySpan<byte> json, bool autoDetect, int maxDepth, string? defaultPlatform, out SocialPost? post)
    {
        post = null;
        // Comments are rare in JSONL: without them the reader takes its faster path, and a record that has some
        // throws here and is read by the DOM path, which skips them.
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth, CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        string? id = null, altId = null, text = null, platform = null, language = null;
        DateTimeOffset? created = null;
        var p = new SocialPost { Platform = "", PostId = "", Text = "" };
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                return false;
            }

            switch (Identify(ref reader, autoDetect))
            {
                case Field.PostId: if (!Id(ref reader, out id)) return false; break;
                case Field.Text: if (!Str(ref reader, out text, allowNumber: false)) return false; break;
                case Field.Platform: if (!Common(ref reader, out platform)) return false; break;
                case Field.CreatedAt: if (!Date(ref reader, out created)) return false; break;
                case Field.Author: if (!Author(ref reader, p.Author)) return false; break;
                case Field.Engagement: if (!Engagement(ref reader, p.Engagement)) return false; break;
                case Field.Language: { if (!Common(ref reader, out var l)) return false; language ??= l; break; }
                case Field.Url: { if (!Str(ref reader, out var v)) return false; p.Url = v; break; }
                case Field.Hashtags: { if (!List(ref reader, out var v)) return false; p.Hashtags = v; break; }
                case Field.Mentions: { if (!List(ref reader, out var v)) return false; p.Mentions = v; break; }
                case Field.Links: { if (!List(ref reader, out var v)) return false; p.Links = v; break; }
                case Field.Brands: { if (!List(ref reader, out var v)) return false; p.Brands = v; break; }
                case Field.ReplyToId: { if (!Id(ref reader, out var v)) return false; p.ReplyToId = v; break; }
                case Field.QuoteOfId: { if (!Id(ref reader, out var v)) return false; p.QuoteOfId = v; break; }
                case Field.RepostOfId: { if (!Id(ref reader, out var v)) return false; p.RepostOfId = v; break; }
                case Field.Campaign: { if (!Common(ref reader, out var v)) return false; p.Campaign = v; break; }
                case Field.NearDuplicateOf: { if (!Id(ref reader, out var v)) return false; p.NearDuplicateOf = v; break; }
                case Field.Source: { if (!Str(ref reader, out var v)) return false; p.Source = v; break; }
                case Field.Id: if (!Id(ref reader, out altId)) return false; break;
                case Field.Scores:
                    // Scores to carry over are rare: the DOM path deserializes them.
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        break;
                    }

                    if (reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType != JsonTokenType.EndArray)
                    {
                        return false;
                    }

                    break;
                case Field.OtherFormat:
                    return false;
                default:
                    reader.Read();
                    reader.Skip();
                    break;
            }
        }

        id ??= altId;
        if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(text) || created is null || reader.Read())
        {
            return false;
        }

        return Complete(p, id, altId, text, platform, language, created.Value, autoDetect, defaultPlatform, out post);
    }

    /// <summary>
    /// The end of both passes (the reader's and the byte scan's), once the record had an id, a text, a date and nothing
    /// after its object: the auto-detection check, then the post.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Complete(
        SocialPost p, string id, string? altId, string text, string? platform, string? language, DateTimeOffset created,
        bool autoDetect, string? defaultPlatform, out SocialPost? post)
    {
        post = null;
        // Auto-detection must agree with the DOM path's: an own-schema record names its post_id or platform.
        if (autoDetect && platform is null && altId is not null && id == altId)
        {
            return false;
        }

        p.PostId = id;
        p.Text = text;
        p.Platform = platform ?? defaultPlatform ?? "unknown";
        p.Language = language;
        p.CreatedAt = created;
        post = p;
        return true;
    }

    private enum Field
    {
        Unknown, PostId, Text, Platform, CreatedAt, Author, Engagement, Language, Url, Hashtags, Mentions, Links, Brands,
        ReplyToId, QuoteOfId, RepostOfId, Campaign, NearDuplicateOf, Source, Id, Scores, OtherFormat,
    }

    /// <summary>
    /// Which field the property name the reader stands on names. A name is compared with the one or two known names
    /// of its length (one ValueTextEquals per known field was a third of the reader's time); an escaped name
    /// (rare) is compared after unescaping. Another format's field (when auto-detecting) is
    /// <see cref="Field.OtherFormat"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Field Identify(ref Utf8JsonReader r, bool autoDetect)
    {
        if (!r.ValueIsEscaped)
        {
            return Identify(r.ValueSpan, autoDetect);
        }

        // A name with escapes (e.g. "post\u005fid"), unescaped, is matched like any other. Unescaping never makes it
        // longer, and the longest known name (17 bytes) written with every byte escaped (\uXXXX) takes 102.
        var escaped = r.ValueSpan.Length;
        if (escaped > 128)
        {
            return Field.Unknown;
        }

        Span<byte> name = stackalloc byte[escaped];
        return Identify(name[..r.CopyString(name)], autoDetect);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Field Identify(ReadOnlySpan<byte> name, bool autoDetect)
    {
        var field = name.Length switch
        {
            2 => name.SequenceEqual("id"u8) ? Field.Id : Field.Unknown,
            3 => name.SequenceEqual("url"u8) ? Field.Url : Field.Unknown,
            4 => name.SequenceEqual("text"u8) ? Field.Text
                : name.SequenceEqual("lang"u8) ? Field.Language
                : name.SequenceEqual("data"u8) || name.SequenceEqual("kind"u8) || name.SequenceEqual("user"u8) ? Field.OtherFormat
                : Field.Unknown,
            5 => name.SequenceEqual("links"u8) ? Field.Links : Field.Unknown,
            6 => name.SequenceEqual("author"u8) ? Field.Author
                : name.SequenceEqual("brands"u8) ? Field.Brands
                : name.SequenceEqual("source"u8) ? Field.Source
                : name.SequenceEqual("id_str"u8) || name.SequenceEqual("errors"u8) ? Field.OtherFormat
                : Field.Unknown,
            7 => name.SequenceEqual("post_id"u8) ? Field.PostId : Field.Unknown,
            8 => name.SequenceEqual("platform"u8) ? Field.Platform
                : name.SequenceEqual("language"u8) ? Field.Language
                : name.SequenceEqual("hashtags"u8) ? Field.Hashtags
                : name.SequenceEqual("mentions"u8) ? Field.Mentions
                : name.SequenceEqual("campaign"u8) ? Field.Campaign
                : name.SequenceEqual("includes"u8) || name.SequenceEqual("statuses"u8) ? Field.OtherFormat
                : Field.Unknown,
            9 => name.SequenceEqual("sentiment"u8) ? Field.Scores
                : name.SequenceEqual("subreddit"u8) || name.SequenceEqual("full_text"u8) || name.SequenceEqual("author_id"u8) ? Field.OtherFormat
                : Field.Unknown,
            10 => name.SequenceEqual("created_at"u8) ? Field.CreatedAt
                : name.SequenceEqual("engagement"u8) ? Field.Engagement
                : Field.Unknown,
            11 => name.SequenceEqual("reply_to_id"u8) ? Field.ReplyToId
                : name.SequenceEqual("quote_of_id"u8) ? Field.QuoteOfId
                : name.SequenceEqual("created_utc"u8) ? Field.OtherFormat
                : Field.Unknown,
            12 => name.SequenceEqual("repost_of_id"u8) ? Field.RepostOfId : Field.Unknown,
            14 => name.SequenceEqual("public_metrics"u8) ? Field.OtherFormat : Field.Unknown,
            16 => name.SequenceEqual("brand_sentiments"u8) ? Field.Scores
                : name.SequenceEqual("retweeted_status"u8) ? Field.OtherFormat
                : Field.Unknown,
            17 => name.SequenceEqual("near_duplicate_of"u8) ? Field.NearDuplicateOf : Field.Unknown,
            _ => Field.Unknown,
        };
        return field == Field.OtherFormat && !autoDetect ? Field.Unknown : field;
    }

    private enum NestedField
    {
        Unknown, Id, Handle, Username, DisplayName, Name, Followers, Location, Verified, Likes, Shares, Replies, Views,
    }

    /// <summary>
    /// A property of <c>author</c> or <c>engagement</c>, found like the top-level ones: by the name's length, then one
    /// or two comparisons (a chain of <c>ValueTextEquals</c>, one per known name, cost about 0.2 µs a post). The caller
    /// reads only the fields of its own object; an escaped name is compared after unescaping.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static NestedField IdentifyNested(ref Utf8JsonReader r)
    {
        if (!r.ValueIsEscaped)
        {
            return IdentifyNested(r.ValueSpan);
        }

        var escaped = r.ValueSpan.Length;
        if (escaped > 128)
        {
            return NestedField.Unknown;
        }

        Span<byte> name = stackalloc byte[escaped];
        return IdentifyNested(name[..r.CopyString(name)]);
    }

    // Fully optimized at once, like its callers (per-post hot path): the ValueTextEquals chain it replaces was
    // precompiled framework code, which this must not trail while tiering warms it up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static NestedField IdentifyNested(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 => name.SequenceEqual("id"u8) ? NestedField.Id : NestedField.Unknown,
        4 => name.SequenceEqual("name"u8) ? NestedField.Name : NestedField.Unknown,
        5 => name.SequenceEqual("likes"u8) ? NestedField.Likes : name.SequenceEqual("views"u8) ? NestedField.Views : NestedField.Unknown,
        6 => name.SequenceEqual("handle"u8) ? NestedField.Handle : name.SequenceEqual("shares"u8) ? NestedField.Shares : NestedField.Unknown,
        7 => name.SequenceEqual("replies"u8) ? NestedField.Replies : NestedField.Unknown,
        8 => name.SequenceEqual("username"u8) ? NestedField.Username
            : name.SequenceEqual("location"u8) ? NestedField.Location
            : name.SequenceEqual("verified"u8) ? NestedField.Verified
            : NestedField.Unknown,
        9 => name.SequenceEqual("followers"u8) ? NestedField.Followers : NestedField.Unknown,
        12 => name.SequenceEqual("display_name"u8) ? NestedField.DisplayName : NestedField.Unknown,
        _ => NestedField.Unknown,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Str(ref Utf8JsonReader r, out string? value, bool allowNumber = true)
    {
        r.Read();
        return Current(ref r, out value, allowNumber);
    }

    /// <summary>The value the reader stands on as a string: a string, null, or (when allowed) a number's text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Current(ref Utf8JsonReader r, out string? value, bool allowNumber)
    {
        value = null;
        switch (r.TokenType)
        {
            case JsonTokenType.String:
                value = r.GetString();
                return true;
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.Number when allowNumber:
                value = Encoding.UTF8.GetString(r.ValueSpan);
                return true;
            default:
                return false;
        }
    }

    private static bool Id(ref Utf8JsonReader r, out string? value) => Str(ref r, out value);

    /// <summary>
    /// Like <see cref="Str"/>, for fields with few distinct values (platform, language, location, display name):
    /// short ASCII values come from a small shared cache instead of a new string per post.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Common(ref Utf8JsonReader r, out string? value)
    {
        if (!r.Read())
        {
            value = null;
            return false;
        }

        if (r.TokenType == JsonTokenType.String && !r.ValueIsEscaped && r.ValueSpan.Length <= 32)
        {
            value = Interned(r.ValueSpan);
            return true;
        }

        return Current(ref r, out value, allowNumber: true);
    }

    // A direct-mapped cache: a slot holds the last string seen with its hash. Races only cost a miss: a slot is
    // replaced by a whole reference, and a hit is checked byte for byte.
    private static readonly string?[] InternSlots = new string?[1024];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string Interned(ReadOnlySpan<byte> utf8)
    {
        var hash = 2166136261u;
        foreach (var b in utf8)
        {
            hash = (hash ^ b) * 16777619u;
        }

        var slot = (int)(hash & (uint)(InternSlots.Length - 1));
        var cached = Volatile.Read(ref InternSlots[slot]);
        if (cached is not null && cached.Length == utf8.Length && Ascii.Equals(utf8, cached))
        {
            return cached;
        }

        var s = Encoding.UTF8.GetString(utf8);
        if (Ascii.IsValid(utf8))
        {
            Volatile.Write(ref InternSlots[slot], s);
        }

        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Date(ref Utf8JsonReader r, out DateTimeOffset? value)
    {
        r.Read();
        value = null;
        if (r.TokenType == JsonTokenType.Number)
        {
            if (r.TryGetDouble(out var d) && Timestamps.TryFromEpoch(d, out var e))
            {
                value = e;
                return true;
            }

            return false;
        }

        if (r.TokenType != JsonTokenType.String)
        {
            return false;
        }

        var span = r.ValueSpan;
        // The reader's ISO-8601 parser is fast, but without an offset it assumes the local zone: use it only when
        // the text ends with Z or ±hh:mm.
        if (!r.ValueIsEscaped && span.Length >= 20 && (span[^1] == (byte)'Z' || (span.Length >= 25 && span[^3] == (byte)':' && span[^6] is (byte)'+' or (byte)'-'))
            && r.TryGetDateTimeOffset(out var dto))
        {
            value = dto;
            return true;
        }

        if (Timestamps.TryParse(r.GetString(), out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Count(ref Utf8JsonReader r, out long value)
    {
        r.Read();
        value = 0;
        switch (r.TokenType)
        {
            case JsonTokenType.Number:
                return r.TryGetInt64(out value);
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.String:
                return r.ValueSpan.IsEmpty || (!r.ValueIsEscaped && Utf8Parser.TryParse(r.ValueSpan, out value, out var used) && used == r.ValueSpan.Length);
            default:
                return false;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Author(ref Utf8JsonReader r, Author a)
    {
        r.Read();
        if (r.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (r.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        // "handle" and "display_name" win over "username" and "name" wherever they stand, as in the document path.
        string? handle = null, username = null, displayName = null, name = null;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            switch (IdentifyNested(ref r))
            {
                case NestedField.Id: { if (!Id(ref r, out var v)) return false; a.Id = v ?? ""; break; }
                case NestedField.Handle: { if (!Str(ref r, out var v)) return false; handle ??= v; break; }
                case NestedField.Username: { if (!Str(ref r, out var v)) return false; username ??= v; break; }
                case NestedField.DisplayName: { if (!Common(ref r, out var v)) return false; displayName ??= v; break; }
                case NestedField.Name: { if (!Common(ref r, out var v)) return false; name ??= v; break; }
                case NestedField.Followers: { if (!Count(ref r, out var v)) return false; a.Followers = v; break; }
                case NestedField.Location: { if (!Common(ref r, out var v)) return false; a.Location = v; break; }
                case NestedField.Verified:
                    r.Read();
                    if (r.TokenType is JsonTokenType.True or JsonTokenType.False)
                    {
                        a.Verified = r.GetBoolean();
                    }
                    else if (r.TokenType != JsonTokenType.Null)
                    {
                        return false;
                    }

                    break;
                default:
                    r.Read();
                    r.Skip();
                    break;
            }
        }

        a.Handle ??= handle ?? username;
        a.DisplayName ??= displayName ?? name;
        return r.TokenType == JsonTokenType.EndObject;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Engagement(ref Utf8JsonReader r, Engagement e)
    {
        r.Read();
        if (r.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (r.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            long v;
            switch (IdentifyNested(ref r))
            {
                case NestedField.Likes: if (!Count(ref r, out v)) return false; e.Likes = v; break;
                case NestedField.Shares: if (!Count(ref r, out v)) return false; e.Shares = v; break;
                case NestedField.Replies: if (!Count(ref r, out v)) return false; e.Replies = v; break;
                case NestedField.Views: if (!Count(ref r, out v)) return false; e.Views = v; break;
                default:
                    // "total" (written by SnakeCaseJson, derived), another object's field, and anything else.
                    r.Read();
                    r.Skip();
                    break;
            }
        }

        return r.TokenType == JsonTokenType.EndObject;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool List(ref Utf8JsonReader r, out IReadOnlyList<string> result)
    {
        // Most posts carry empty lists: allocate only for the first item.
        List<string>? list = null;
        result = [];
        r.Read();
        if (r.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (r.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.String)
            {
                return false;
            }

            if (r.GetString() is { Length: > 0 } s)
            {
                (list ??= []).Add(s);
            }
        }

        if (list is not null)
        {
            result = list;
        }

        return true;
    }
}
