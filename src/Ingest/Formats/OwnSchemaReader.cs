using System.Buffers.Text;
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
public static class OwnSchemaReader
{
    public static bool TryRead(ReadOnlySpan<byte> json, bool autoDetect, int maxDepth, string? defaultPlatform, out SocialPost? post)
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

            if (reader.ValueTextEquals("post_id"u8)) { if (!Id(ref reader, out id)) return false; }
            else if (reader.ValueTextEquals("text"u8)) { if (!Str(ref reader, out text, allowNumber: false)) return false; }
            else if (reader.ValueTextEquals("platform"u8)) { if (!Common(ref reader, out platform)) return false; }
            else if (reader.ValueTextEquals("created_at"u8)) { if (!Date(ref reader, out created)) return false; }
            else if (reader.ValueTextEquals("author"u8)) { if (!Author(ref reader, p.Author)) return false; }
            else if (reader.ValueTextEquals("engagement"u8)) { if (!Engagement(ref reader, p.Engagement)) return false; }
            else if (reader.ValueTextEquals("language"u8) || reader.ValueTextEquals("lang"u8)) { if (!Common(ref reader, out var l)) return false; language ??= l; }
            else if (reader.ValueTextEquals("url"u8)) { if (!Str(ref reader, out var v)) return false; p.Url = v; }
            else if (reader.ValueTextEquals("hashtags"u8)) { if (!List(ref reader, out var v)) return false; p.Hashtags = v; }
            else if (reader.ValueTextEquals("mentions"u8)) { if (!List(ref reader, out var v)) return false; p.Mentions = v; }
            else if (reader.ValueTextEquals("links"u8)) { if (!List(ref reader, out var v)) return false; p.Links = v; }
            else if (reader.ValueTextEquals("brands"u8)) { if (!List(ref reader, out var v)) return false; p.Brands = v; }
            else if (reader.ValueTextEquals("reply_to_id"u8)) { if (!Id(ref reader, out var v)) return false; p.ReplyToId = v; }
            else if (reader.ValueTextEquals("quote_of_id"u8)) { if (!Id(ref reader, out var v)) return false; p.QuoteOfId = v; }
            else if (reader.ValueTextEquals("repost_of_id"u8)) { if (!Id(ref reader, out var v)) return false; p.RepostOfId = v; }
            else if (reader.ValueTextEquals("campaign"u8)) { if (!Common(ref reader, out var v)) return false; p.Campaign = v; }
            else if (reader.ValueTextEquals("near_duplicate_of"u8)) { if (!Id(ref reader, out var v)) return false; p.NearDuplicateOf = v; }
            else if (reader.ValueTextEquals("source"u8)) { if (!Str(ref reader, out var v)) return false; p.Source = v; }
            else if (reader.ValueTextEquals("id"u8)) { if (!Id(ref reader, out altId)) return false; }
            else if (reader.ValueTextEquals("sentiment"u8) || reader.ValueTextEquals("brand_sentiments"u8))
            {
                // Scores to carry over are rare: the DOM path deserializes them.
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                if (reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType != JsonTokenType.EndArray)
                {
                    return false;
                }
            }
            else if (autoDetect && IsOtherFormatField(ref reader))
            {
                return false;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        id ??= altId;
        if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(text) || created is null || reader.Read())
        {
            return false;
        }

        // Auto-detection must agree with the DOM path's: an own-schema record names its post_id or platform.
        if (autoDetect && platform is null && altId is not null && id == altId)
        {
            return false;
        }

        p.PostId = id;
        p.Text = text;
        p.Platform = platform ?? defaultPlatform ?? "unknown";
        p.Language = language;
        p.CreatedAt = created.Value;
        post = p;
        return true;
    }

    private static bool IsOtherFormatField(ref Utf8JsonReader r) =>
        r.ValueTextEquals("data"u8) || r.ValueTextEquals("kind"u8) || r.ValueTextEquals("id_str"u8) || r.ValueTextEquals("user"u8)
        || r.ValueTextEquals("subreddit"u8) || r.ValueTextEquals("created_utc"u8) || r.ValueTextEquals("includes"u8)
        || r.ValueTextEquals("statuses"u8) || r.ValueTextEquals("full_text"u8) || r.ValueTextEquals("retweeted_status"u8)
        || r.ValueTextEquals("public_metrics"u8) || r.ValueTextEquals("author_id"u8) || r.ValueTextEquals("errors"u8);

    private static bool Str(ref Utf8JsonReader r, out string? value, bool allowNumber = true)
    {
        r.Read();
        return Current(ref r, out value, allowNumber);
    }

    /// <summary>The value the reader stands on as a string: a string, null, or (when allowed) a number's text.</summary>
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

        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("id"u8)) { if (!Id(ref r, out var v)) return false; a.Id = v ?? ""; }
            else if (r.ValueTextEquals("handle"u8) || r.ValueTextEquals("username"u8)) { if (!Str(ref r, out var v)) return false; a.Handle ??= v; }
            else if (r.ValueTextEquals("display_name"u8) || r.ValueTextEquals("name"u8)) { if (!Common(ref r, out var v)) return false; a.DisplayName ??= v; }
            else if (r.ValueTextEquals("followers"u8)) { if (!Count(ref r, out var v)) return false; a.Followers = v; }
            else if (r.ValueTextEquals("location"u8)) { if (!Common(ref r, out var v)) return false; a.Location = v; }
            else if (r.ValueTextEquals("verified"u8))
            {
                r.Read();
                if (r.TokenType is JsonTokenType.True or JsonTokenType.False)
                {
                    a.Verified = r.GetBoolean();
                }
                else if (r.TokenType != JsonTokenType.Null)
                {
                    return false;
                }
            }
            else
            {
                r.Read();
                r.Skip();
            }
        }

        return r.TokenType == JsonTokenType.EndObject;
    }

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
            if (r.ValueTextEquals("likes"u8)) { if (!Count(ref r, out v)) return false; e.Likes = v; }
            else if (r.ValueTextEquals("shares"u8)) { if (!Count(ref r, out v)) return false; e.Shares = v; }
            else if (r.ValueTextEquals("replies"u8)) { if (!Count(ref r, out v)) return false; e.Replies = v; }
            else if (r.ValueTextEquals("views"u8)) { if (!Count(ref r, out v)) return false; e.Views = v; }
            else
            {
                // "total" (written by SnakeCaseJson, derived) and anything else.
                r.Read();
                r.Skip();
            }
        }

        return r.TokenType == JsonTokenType.EndObject;
    }

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
