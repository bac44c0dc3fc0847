using System.Text.Json;
using Marketing.Core.Domain;
using static Marketing.Ingest.Formats.JsonFields;

namespace Marketing.Ingest;

public sealed partial class RecordDecoder
{
    /// <summary>A v1.1 status, or a search response <c>{"statuses": [...]}</c>.</summary>
    private void MapTwitterV1Container(JsonElement o, string source, List<SocialPost> posts, List<RejectedRecord> rejects)
    {
        if (Get(o, "statuses") is not { } statuses)
        {
            var (post, hints) = MapTwitterV1(o);
            posts.Add(Finish(post, source, hints));
            return;
        }

        var i = 0;
        foreach (var status in statuses.ValueKind == JsonValueKind.Array ? statuses.EnumerateArray() : throw WrongType("statuses", "an array", statuses))
        {
            var src = $"{source}#statuses[{i++}]";
            try
            {
                var (post, hints) = MapTwitterV1(status);
                posts.Add(Finish(post, src, hints));
            }
            catch (RecordRejectedException ex)
            {
                rejects.Add(MakeReject(ex.Reason, ex.Message, src, status.GetRawText()));
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException)
            {
                rejects.Add(MakeReject(RejectReasons.WrongType, "A field has the wrong type: " + ex.Message, src, status.GetRawText()));
            }
        }
    }

    /// <summary>
    /// Twitter API v1.1 status: <c>created_at</c> like "Wed Oct 10 20:19:24 +0000 2018", <c>user</c>, <c>entities</c>,
    /// the full text in <c>full_text</c> (tweet_mode=extended) or <c>extended_tweet.full_text</c> (streaming), and a
    /// retweet's original in <c>retweeted_status</c> (whose full text replaces the cut "RT @x: ..." text).
    /// </summary>
    private static (SocialPost Post, Normalization.EntityHints Hints) MapTwitterV1(JsonElement s)
    {
        if (s.ValueKind != JsonValueKind.Object)
        {
            throw WrongType("status", "an object", s);
        }

        var id = Str(s, "id_str") ?? Str(s, "id");
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new RecordRejectedException(RejectReasons.MissingId, "The status has no \"id_str\" or \"id\".");
        }

        var extended = Obj(s, "extended_tweet");
        var text = (extended is { } ex ? Text(ex, "full_text") : null) ?? Text(s, "full_text") ?? Text(s, "text");
        var entities = extended is { } ex2 && Obj(ex2, "entities") is { } ee ? ee : Obj(s, "entities");
        string? repostOf = null;
        if (Obj(s, "retweeted_status") is { } rt)
        {
            repostOf = Str(rt, "id_str") ?? Str(rt, "id");
            var rtText = (Obj(rt, "extended_tweet") is { } rte ? Text(rte, "full_text") : null) ?? Text(rt, "full_text") ?? Text(rt, "text");
            var rtUser = Obj(rt, "user") is { } ru ? Str(ru, "screen_name") : null;
            if (rtText is not null && rtUser is not null)
            {
                text = $"RT @{rtUser}: {rtText}";
            }
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new RecordRejectedException(RejectReasons.NoText, $"Status {id} has no text.");
        }

        var author = new Author();
        if (Obj(s, "user") is { } u)
        {
            author.Id = Str(u, "id_str") ?? Str(u, "id") ?? "";
            author.Handle = Str(u, "screen_name");
            author.DisplayName = Str(u, "name");
            author.Followers = Long(u, "followers_count");
            author.Location = Str(u, "location");
            author.Verified = Bool(u, "verified");
        }

        var post = new SocialPost
        {
            Platform = "x",
            PostId = id,
            Text = text,
            Author = author,
            CreatedAt = RequireDate(s, "created_at", id),
            Language = Str(s, "lang"),
            ReplyToId = Str(s, "in_reply_to_status_id_str") ?? Str(s, "in_reply_to_status_id"),
            QuoteOfId = Str(s, "quoted_status_id_str") ?? Str(s, "quoted_status_id"),
            RepostOfId = repostOf,
            Engagement = new Engagement
            {
                Likes = Long(s, "favorite_count"),
                Shares = Long(s, "retweet_count") + Long(s, "quote_count"),
                Replies = Long(s, "reply_count"),
            },
            Url = author.Handle is { Length: > 0 } h ? $"https://x.com/{h}/status/{id}" : $"https://x.com/i/web/status/{id}",
        };
        return (post, Entities(entities, tagField: "text", mentionField: "screen_name"));
    }
}
