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
        var id = Str(o, "post_id") ?? Str(o, "id");
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new RecordRejectedException(RejectReasons.MissingId, "The post has no \"post_id\".");
        }

        var text = Text(o, "text");
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new RecordRejectedException(RejectReasons.NoText, $"Post {id} has no \"text\".");
        }

        var post = new SocialPost
        {
            Platform = Str(o, "platform") ?? _options.DefaultPlatform ?? "unknown",
            PostId = id,
            Text = text,
            CreatedAt = RequireDate(o, "created_at", id),
            Language = Str(o, "language") ?? Str(o, "lang"),
            Url = Str(o, "url"),
            Hashtags = StrList(o, "hashtags"),
            Mentions = StrList(o, "mentions"),
            Links = StrList(o, "links"),
            ReplyToId = Str(o, "reply_to_id"),
            QuoteOfId = Str(o, "quote_of_id"),
            RepostOfId = Str(o, "repost_of_id"),
            Brands = StrList(o, "brands"),
            Campaign = Str(o, "campaign"),
            NearDuplicateOf = Str(o, "near_duplicate_of"),
            Source = Str(o, "source"),
        };

        if (Get(o, "author") is { } author)
        {
            post.Author = author.ValueKind switch
            {
                JsonValueKind.Object => new Author
                {
                    Id = Str(author, "id") ?? "",
                    Handle = Str(author, "handle") ?? Str(author, "username"),
                    DisplayName = Str(author, "display_name") ?? Str(author, "name"),
                    Followers = Long(author, "followers"),
                    Location = Str(author, "location"),
                    Verified = Bool(author, "verified"),
                },
                // A bare string names the author by handle: {"author":"jane"}.
                JsonValueKind.String => new Author { Id = author.GetString()!, Handle = author.GetString() },
                _ => throw WrongType("author", "an object", author),
            };
        }

        if (Obj(o, "engagement") is { } e)
        {
            post.Engagement = new Engagement
            {
                Likes = Long(e, "likes"),
                Shares = Long(e, "shares"),
                Replies = Long(e, "replies"),
                Views = Long(e, "views"),
            };
        }

        // An export of scored posts keeps its scores; anything unreadable there is not worth rejecting the post for.
        if (Obj(o, "sentiment") is { } s)
        {
            post.Sentiment = TryDeserialize<SentimentResult>(s);
        }

        if (Get(o, "brand_sentiments") is { ValueKind: JsonValueKind.Array } bs)
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

    private static DateTimeOffset RequireDate(JsonElement o, string name, string id)
    {
        if (Get(o, name) is not { } v)
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
