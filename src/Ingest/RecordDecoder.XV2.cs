using System.Text.Json;
using Marketing.Core.Domain;
using Marketing.Ingest.Normalization;
using static Marketing.Ingest.Formats.JsonFields;

namespace Marketing.Ingest;

public sealed partial class RecordDecoder
{
    /// <summary>
    /// X API v2: <c>{"data": tweet | [tweets], "includes": {"users": [...]}}</c> (search, lookup, timelines and the
    /// filtered stream). Authors come from <c>includes.users</c> by <c>author_id</c>. A bare tweet object is accepted too.
    /// </summary>
    private void MapXV2(JsonElement o, string source, List<SocialPost> posts, List<RejectedRecord> rejects)
    {
        var users = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (Obj(o, "includes") is { } includes)
        {
            foreach (var u in Array(includes, "users"))
            {
                if (Str(u, "id") is { } uid)
                {
                    users[uid] = u;
                }
            }
        }

        if (Get(o, "data") is not { } data)
        {
            if (o.TryGetProperty("text", out _) || o.TryGetProperty("id", out _))
            {
                AddOne(o, source);
                return;
            }

            var errors = Get(o, "errors") is { } err ? " Errors: " + Shorten(err.GetRawText()) : "";
            throw new RecordRejectedException(RejectReasons.NoText, "The X API v2 response has no \"data\" (no tweets)." + errors);
        }

        if (data.ValueKind == JsonValueKind.Object)
        {
            AddOne(data, source);
            return;
        }

        if (data.ValueKind != JsonValueKind.Array)
        {
            throw WrongType("data", "a tweet or an array of tweets", data);
        }

        var i = 0;
        foreach (var tweet in data.EnumerateArray())
        {
            AddOne(tweet, $"{source}#data[{i++}]");
        }

        void AddOne(JsonElement tweet, string src)
        {
            try
            {
                var (post, hints) = MapXV2Tweet(tweet, users);
                posts.Add(Finish(post, src, hints));
            }
            catch (RecordRejectedException ex)
            {
                rejects.Add(MakeReject(ex.Reason, ex.Message, src, tweet.GetRawText()));
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException)
            {
                rejects.Add(MakeReject(RejectReasons.WrongType, "A field has the wrong type: " + ex.Message, src, tweet.GetRawText()));
            }
        }
    }

    private static (SocialPost Post, EntityHints Hints) MapXV2Tweet(JsonElement t, Dictionary<string, JsonElement> users)
    {
        if (t.ValueKind != JsonValueKind.Object)
        {
            throw WrongType("data[]", "a tweet object", t);
        }

        var id = Str(t, "id");
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new RecordRejectedException(RejectReasons.MissingId, "The tweet has no \"id\".");
        }

        // Long posts carry the full text in note_tweet; "text" is then cut at 280 characters.
        var text = (Obj(t, "note_tweet") is { } note ? Text(note, "text") : null) ?? Text(t, "text");
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new RecordRejectedException(RejectReasons.NoText, $"Tweet {id} has no \"text\".");
        }

        var authorId = Str(t, "author_id") ?? "";
        var author = new Author { Id = authorId };
        if (users.TryGetValue(authorId, out var u))
        {
            author.Handle = Str(u, "username");
            author.DisplayName = Str(u, "name");
            author.Location = Str(u, "location");
            author.Verified = Bool(u, "verified");
            author.Followers = Obj(u, "public_metrics") is { } um ? Long(um, "followers_count") : 0;
        }

        var post = new SocialPost
        {
            Platform = "x",
            PostId = id,
            Text = text,
            Author = author,
            CreatedAt = RequireDate(t, "created_at", id),
            Language = Str(t, "lang"),
        };

        if (Obj(t, "public_metrics") is { } m)
        {
            post.Engagement = new Engagement
            {
                Likes = Long(m, "like_count"),
                Shares = Long(m, "retweet_count") + Long(m, "quote_count"),
                Replies = Long(m, "reply_count"),
                Views = Long(m, "impression_count"),
            };
        }

        foreach (var r in Array(t, "referenced_tweets"))
        {
            var rid = Str(r, "id");
            switch (Str(r, "type"))
            {
                case "replied_to": post.ReplyToId = rid; break;
                case "quoted": post.QuoteOfId = rid; break;
                case "retweeted": post.RepostOfId = rid; break;
            }
        }

        post.Url = author.Handle is { Length: > 0 } h ? $"https://x.com/{h}/status/{id}" : $"https://x.com/i/web/status/{id}";
        return (post, Entities(Obj(t, "entities"), tagField: "tag", mentionField: "username"));
    }

    /// <summary>Entities of X v2 (tag, username) and Twitter v1.1 (text, screen_name): urls carry url + expanded_url.</summary>
    private static EntityHints Entities(JsonElement? entities, string tagField, string mentionField)
    {
        if (entities is not { } e)
        {
            return new EntityHints();
        }

        var tags = Array(e, "hashtags").Select(x => Str(x, tagField)).OfType<string>().ToList();
        var mentions = Array(e, mentionField == "username" ? "mentions" : "user_mentions").Select(x => Str(x, mentionField)).OfType<string>().ToList();
        var links = new List<string>();
        var shorts = new List<string>();
        foreach (var url in Array(e, "urls"))
        {
            var shortUrl = Str(url, "url");
            var expanded = Str(url, "unwound_url") ?? Str(url, "expanded_url") ?? shortUrl;
            if (expanded is not null)
            {
                links.Add(expanded);
            }

            if (shortUrl is not null && shortUrl != expanded)
            {
                shorts.Add(shortUrl);
            }
        }

        return new EntityHints(tags, mentions, links, shorts);
    }
}
