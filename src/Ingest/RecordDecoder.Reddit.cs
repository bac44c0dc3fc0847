using System.Text.Json;
using Marketing.Core.Domain;
using static Marketing.Ingest.Formats.JsonFields;

namespace Marketing.Ingest;

public sealed partial class RecordDecoder
{
    /// <summary>
    /// Reddit things: a Listing <c>{"kind":"Listing","data":{"children":[...]}}</c>, a thing <c>{"kind":"t1","data":{...}}</c>,
    /// or a bare comment/submission object (Pushshift dumps). Comment trees in <c>replies</c> are walked; "more"
    /// placeholders hold no text and are skipped.
    /// </summary>
    private void MapReddit(JsonElement o, string source, List<SocialPost> posts, List<RejectedRecord> rejects)
    {
        var kind = Str(o, "kind");
        if (kind is null && !o.TryGetProperty("data", out _))
        {
            AddThing(o, o.TryGetProperty("body", out _) ? "t1" : "t3", source);
            return;
        }

        if (kind == "more")
        {
            return;
        }

        var data = Obj(o, "data") ?? throw new RecordRejectedException(RejectReasons.WrongType, $"The Reddit \"{kind}\" object has no \"data\".");
        if (kind == "Listing")
        {
            var i = 0;
            foreach (var child in Array(data, "children"))
            {
                var src = $"{source}#children[{i++}]";
                try
                {
                    MapReddit(child, src, posts, rejects);
                }
                catch (RecordRejectedException ex)
                {
                    rejects.Add(MakeReject(ex.Reason, ex.Message, src, child.GetRawText()));
                }
            }

            return;
        }

        if (kind is "t1" or "t3")
        {
            AddThing(data, kind, source);
            return;
        }

        throw new RecordRejectedException(RejectReasons.UnknownFormat, $"Reddit kind \"{kind}\" is not a comment (t1) or submission (t3).");

        void AddThing(JsonElement thing, string k, string src)
        {
            try
            {
                posts.Add(Finish(MapRedditThing(thing, k), src, null));
            }
            catch (RecordRejectedException ex)
            {
                rejects.Add(MakeReject(ex.Reason, ex.Message, src, thing.GetRawText()));
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException)
            {
                rejects.Add(MakeReject(RejectReasons.WrongType, "A field has the wrong type: " + ex.Message, src, thing.GetRawText()));
            }

            // A comment's replies are a Listing of more comments.
            if (Get(thing, "replies") is { ValueKind: JsonValueKind.Object } replies)
            {
                MapReddit(replies, src + "/replies", posts, rejects);
            }
        }
    }

    private static SocialPost MapRedditThing(JsonElement d, string kind)
    {
        var id = Str(d, "id") ?? StripPrefix(Str(d, "name"));
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new RecordRejectedException(RejectReasons.MissingId, "The Reddit thing has no \"id\".");
        }

        string? text;
        if (kind == "t1")
        {
            text = Text(d, "body");
        }
        else
        {
            var title = Text(d, "title");
            var self = Text(d, "selftext");
            text = string.IsNullOrWhiteSpace(self) || IsRemoved(self) ? title : $"{title}\n\n{self}";
        }

        if (string.IsNullOrWhiteSpace(text) || IsRemoved(text))
        {
            throw new RecordRejectedException(RejectReasons.NoText, $"Reddit {(kind == "t1" ? "comment" : "submission")} {id} has no text{(text is not null && IsRemoved(text) ? $" (it is {text.Trim()})" : "")}.");
        }

        var author = Str(d, "author");
        var post = new SocialPost
        {
            Platform = "reddit",
            PostId = id,
            Text = text,
            Author = new Author { Id = Str(d, "author_fullname") ?? author ?? "", Handle = author },
            CreatedAt = RequireDate(d, d.TryGetProperty("created_utc", out _) ? "created_utc" : "created", id),
            Engagement = new Engagement
            {
                Likes = Get(d, "score") is not null ? Long(d, "score") : Long(d, "ups"),
                Replies = Long(d, "num_comments"),
            },
            Url = Str(d, "permalink") is { } p ? (p.StartsWith("http", StringComparison.Ordinal) ? p : "https://www.reddit.com" + p) : null,
            Language = Str(d, "lang"),
        };

        if (kind == "t1")
        {
            post.ReplyToId = StripPrefix(Str(d, "parent_id"));
        }
        else if (Str(d, "url") is { } link && !Bool(d, "is_self") && link.StartsWith("http", StringComparison.Ordinal))
        {
            post.Links = [link];
        }

        return post;
    }

    private static bool IsRemoved(string text) => text.Trim() is "[deleted]" or "[removed]";

    private static string? StripPrefix(string? fullname) =>
        fullname is { Length: > 3 } f && f[0] == 't' && f[2] == '_' ? f[3..] : fullname;
}
