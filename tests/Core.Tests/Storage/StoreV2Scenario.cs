using Marketing.Core.Domain;
using Marketing.Core.Storage;

namespace Marketing.Core.Tests.Storage;

/// <summary>
/// A fixed sequence of store writes: new posts with zero to three brands, per-brand sentiments,
/// posts without sentiment, a repeat that changes brand lists, a repeat without sentiment, a sentiment update,
/// rejects and an artifact. Fixtures/store-v2.db is this scenario written by the schema-2 store (main at b3678f8,
/// through this very file); the migration test replays it on a new store and compares every query.
/// </summary>
public static class StoreV2Scenario
{
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task WriteAsync(IPostStore store)
    {
        var posts = Enumerable.Range(0, 60).Select(Post).ToList();
        await store.UpsertPostsAsync(posts[..35]);
        await store.UpsertPostsAsync(posts[35..]);

        // Brand lists change on a repeat: the links move.
        var moved = posts[10..15].Select(p => { var q = Post(int.Parse(p.PostId[1..], System.Globalization.CultureInfo.InvariantCulture)); q.Brands = ["globex"]; return q; }).ToList();
        await store.UpsertPostsAsync(moved);

        // A repeat without sentiment keeps the stored one.
        var unscored = posts[20..25].Select(p => { var q = Post(int.Parse(p.PostId[1..], System.Globalization.CultureInfo.InvariantCulture)); q.Sentiment = null; q.BrandSentiments = []; return q; }).ToList();
        await store.UpsertPostsAsync(unscored);

        var rescored = posts[30..35].Select(p => { p.Sentiment = new SentimentResult(SentimentLabel.Negative, 0.8f, 0.15f, 0.05f, "llm", "m2"); return p; }).ToList();
        await store.UpdateSentimentAsync(rescored);

        await store.AddRejectsAsync([
            new RejectedRecord("bad_json", "Unexpected end", "f.jsonl:3", "{\"id\":", Start),
            new RejectedRecord("no_text", "text is empty", "f.jsonl:9", null, Start.AddHours(1)),
        ]);
        await store.PutArtifactAsync("burst", "acme-1", "{\"brand\":\"acme\"}");
    }

    private static SocialPost Post(int i)
    {
        IReadOnlyList<string> brands = (i % 6) switch
        {
            0 => [],
            1 => ["acme"],
            2 => ["globex", "acme"],
            3 => ["initech"],
            4 => ["acme", "globex", "initech"],
            _ => ["globex"],
        };
        var label = (SentimentLabel)(i % 3);
        return new SocialPost
        {
            Platform = i % 7 == 0 ? "reddit" : "x",
            PostId = "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Author = new Author { Id = "a" + (i % 9), Handle = "h" + (i % 9), DisplayName = i % 2 == 0 ? "Name " + i : null, Followers = 100 * i, Location = i % 3 == 0 ? null : "Lyon", Verified = i % 4 == 0 },
            Text = $"post {i} about the launch of the new phone",
            Language = i % 5 == 0 ? "fr" : "en",
            CreatedAt = Start.AddHours(i * 3.5).ToOffset(TimeSpan.FromHours(i % 4 == 0 ? 2 : 0)),
            Engagement = new Engagement { Likes = i, Shares = i % 4, Replies = i % 3, Views = i * 10 },
            Url = i % 2 == 0 ? $"https://x.example/{i}" : null,
            Hashtags = i % 5 == 4 ? [] : ["launch", "tag" + (i % 3)],
            Mentions = i % 3 == 0 ? ["@acme"] : [],
            Links = [],
            ReplyToId = i % 8 == 0 ? "p1" : null,
            Brands = brands,
            Campaign = i % 10 == 0 ? "fall" : null,
            Sentiment = i % 4 == 3 ? null : new SentimentResult(label, 0.1f * (i % 3), 0.2f, 1 - (0.1f * (i % 3)) - 0.2f, "model", "m1"),
            BrandSentiments = i % 6 == 2 ? [new BrandSentiment("globex", SentimentLabel.Negative, -0.7f)] : [],
            Source = "scenario",
        };
    }
}
