using System.Text.Json;
using Marketing.Core.Domain;
using Marketing.Core.Json;
using Marketing.Ingest.Formats;
using static Marketing.Ingest.Formats.JsonFields;

namespace Marketing.Ingest;

public sealed partial class RecordDecoder
{
    /// <summary>
    /// The own schema (docs/post.schema.json): what <c>SnakeCaseJson.Serialize(post)</c> writes. Lenient on optional
    /// fields (missing is fine, ids may be numbers, counts may be numeric strings, <c>id</c>/<c>lang</c> are accepted
    /// for <c>post_id</c>/<c>language</c>); strict on id, text and date.
    /// </summary>
    private SocialPost MapOwn(JsonElement o)
    {
        // One pass over the properties (this is the hot path of a JSONL ingest): a lookup per field would scan the
        // object once per field.
        string? id = null, altId = null, text = null, platform = null, language = null;
        JsonElement? created = null, author = null, engagement = null, sentiment = null, brandSentiments = null;
        var post = new SocialPost { Platform = "", PostId = "", Text = "" };
        foreach (var p in o.EnumerateObject())
        {
            var v = p.Value;
            if (v.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            switch (p.Name)
            {
                case "post_id": id = AsString(v, "post_id"); break;
                case "id": altId = AsString(v, "id"); break;
                case "text": text = v.ValueKind == JsonValueKind.String ? v.GetString() : throw WrongType("text", "a string", v); break;
                case "platform": platform = AsString(v, "platform"); break;
                case "created_at": created = v; break;
                case "language" or "lang": language ??= AsString(v, p.Name); break;
                case "author": author = v; break;
                case "engagement": engagement = v; break;
                case "url": post.Url = AsString(v, "url"); break;
                case "hashtags": post.Hashtags = StrList(o, "hashtags"); break;
                case "mentions": post.Mentions = StrList(o, "mentions"); break;
                case "links": post.Links = StrList(o, "links"); break;
                case "reply_to_id": post.ReplyToId = AsString(v, "reply_to_id"); break;
                case "quote_of_id": post.QuoteOfId = AsString(v, "quote_of_id"); break;
                case "repost_of_id": post.RepostOfId = AsString(v, "repost_of_id"); break;
                case "brands": post.Brands = StrList(o, "brands"); break;
                case "campaign": post.Campaign = AsString(v, "campaign"); break;
                case "near_duplicate_of": post.NearDuplicateOf = AsString(v, "near_duplicate_of"); break;
                case "source": post.Source = AsString(v, "source"); break;
                case "sentiment": sentiment = v; break;
                case "brand_sentiments": brandSentiments = v; break;
            }
        }

        id ??= altId;
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new RecordRejectedException(RejectReasons.MissingId, "The post has no \"post_id\".");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new RecordRejectedException(RejectReasons.NoText, $"Post {id} has no \"text\".");
        }

        post.PostId = id;
        post.Text = text;
        post.Platform = platform ?? _options.DefaultPlatform ?? "unknown";
        post.Language = language;
        post.CreatedAt = ParseDate(created, "created_at", id);

        if (author is { } a)
        {
            post.Author = a.ValueKind switch
            {
                JsonValueKind.Object => new Author
                {
                    Id = Str(a, "id") ?? "",
                    Handle = Str(a, "handle") ?? Str(a, "username"),
                    DisplayName = Str(a, "display_name") ?? Str(a, "name"),
                    Followers = Long(a, "followers"),
                    Location = Str(a, "location"),
                    Verified = Bool(a, "verified"),
                },
                // A bare string names the author by handle: {"author":"jane"}.
                JsonValueKind.String => new Author { Id = a.GetString()!, Handle = a.GetString() },
                _ => throw WrongType("author", "an object", a),
            };
        }

        if (engagement is { } e)
        {
            post.Engagement = e.ValueKind == JsonValueKind.Object
                ? new Engagement { Likes = Long(e, "likes"), Shares = Long(e, "shares"), Replies = Long(e, "replies"), Views = Long(e, "views") }
                : throw WrongType("engagement", "an object", e);
        }

        // An export of scored posts keeps its scores; anything unreadable there is not worth rejecting the post for.
        if (sentiment is { ValueKind: JsonValueKind.Object } s)
        {
            post.Sentiment = TryDeserialize<SentimentResult>(s);
        }

        if (brandSentiments is { ValueKind: JsonValueKind.Array } bs && bs.GetArrayLength() > 0)
        {
            post.BrandSentiments = TryDeserialize<List<BrandSentiment>>(bs) ?? [];
        }

        return post;
    }

    private static T? TryDeserialize<T>(JsonElement e)
        where T : class
    {
        try
        {
            return e.Deserialize<T>(SnakeCaseJson.Options);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    private static DateTimeOffset RequireDate(JsonElement o, string name, string id) => ParseDate(Get(o, name), name, id);

    private static DateTimeOffset ParseDate(JsonElement? value, string name, string id)
    {
        if (value is not { } v)
        {
            throw new RecordRejectedException(RejectReasons.BadDate, $"Post {id} has no \"{name}\".");
        }

        if (!Timestamps.TryParse(v, out var at))
        {
            throw new RecordRejectedException(RejectReasons.BadDate,
                $"Post {id}: \"{name}\" {Shorten(v.GetRawText())} is not a time (use ISO-8601 like 2026-10-01T08:00:00+02:00, RFC 2822, or Unix seconds).");
        }

        return at;
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "...";
}
