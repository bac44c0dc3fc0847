using Marketing.Core.Domain;
using Marketing.Core.Storage;
using Marketing.TestSupport;

namespace Marketing.Reports.Tests.Support;

/// <summary>
/// A SQLite store filled by hand with known counts. Current period = [Nov 8, Nov 15), previous = [Nov 1, Nov 8).
/// Current: acme 20 posts (15 positive, 5 negative) + 2 hostile neutral posts, globex 10 neutral.
/// Previous: acme 20 positive, globex 10 neutral. Artifacts: one burst, topic, segment and draft.
/// </summary>
public static class ReportStore
{
    public const string ScriptText = "Great phone <script>alert(1)</script> really";
    public const string ImgText = "Look <img src=x onerror=alert(1)> here";

    public static readonly DateTimeOffset PeriodStart = new(2026, 11, 8, 0, 0, 0, TimeSpan.Zero);

    public static readonly TimeRange Period = new(PeriodStart, PeriodStart.AddDays(7));

    public static async Task<IPostStore> OpenEmptyAsync() => await TestStores.OpenNewAsync(StoreKind.Sqlite);

    public static async Task<IPostStore> OpenFilledAsync(bool artifacts = true, string? draftFile = null)
    {
        var store = await OpenEmptyAsync();
        var posts = new List<SocialPost>();
        for (var i = 0; i < 20; i++)
        {
            posts.Add(Posts.Make("cur-acme-" + i, "acme battery #battery update " + i, PeriodStart.AddHours(i * 8), author: "a" + (i % 5), brands: ["acme"],
                sentiment: i % 4 == 0 ? SentimentLabel.Negative : SentimentLabel.Positive, hashtags: ["battery"], likes: i));
            posts.Add(Posts.Make("prev-acme-" + i, "acme is lovely " + i, PeriodStart.AddDays(-7).AddHours(i * 8), author: "a" + (i % 5), brands: ["acme"],
                sentiment: SentimentLabel.Positive, likes: 1));
        }

        for (var i = 0; i < 10; i++)
        {
            posts.Add(Posts.Make("cur-globex-" + i, "globex store visit " + i, PeriodStart.AddDays(1).AddHours(i * 12), author: "g" + (i % 3), brands: ["globex"], sentiment: SentimentLabel.Neutral));
            posts.Add(Posts.Make("prev-globex-" + i, "globex before " + i, PeriodStart.AddDays(-6).AddHours(i * 12), author: "g" + (i % 3), brands: ["globex"], sentiment: SentimentLabel.Neutral));
        }

        posts.Add(Posts.Make("evil1", ScriptText, PeriodStart.AddDays(2).AddHours(12), author: "evil", brands: ["acme"], sentiment: SentimentLabel.Neutral, likes: 500));
        posts.Add(Posts.Make("evil2", ImgText, PeriodStart.AddDays(2).AddHours(13), author: "evil", brands: ["acme"], sentiment: SentimentLabel.Neutral, likes: 400));
        await store.UpsertPostsAsync(posts);

        if (artifacts)
        {
            await store.PutArtifactAsync("burst", "acme-outage", """
                {"brand":"acme","term":"outage","start":"2026-11-10T00:00:00Z","end":"2026-11-11T00:00:00Z","score":4.2,"volume":14,
                 "explanation":"Outage <b>complaints</b> after the update","example_post_ids":["x/evil1","x/evil2"]}
                """);
            await store.PutArtifactAsync("burst", "old-burst", """{"brand":"acme","start":"2026-10-01T00:00:00Z","end":"2026-10-02T00:00:00Z","explanation":"long ago"}""");
            await store.PutArtifactAsync("topic", "t1", """{"topics":[{"label":"battery life","terms":["battery","charge"],"volume":12,"previous_volume":3}]}""");
            await store.PutArtifactAsync("segment", "s1", """{"name":"Early adopters","size":40,"description":"Tech fans who post first","targeting":["Interests: gadgets, 25-34","Lookalike of top authors"]}""");
            await store.PutArtifactAsync("draft", "d1", $$"""{"id":"d1","brand":"acme","channel":"x","headline":"We fixed it","text":"Update 2.1 is out <script>alert(2)</script>","file":{{System.Text.Json.JsonSerializer.Serialize(draftFile ?? "acme-x.md")}}}""");
        }

        return store;
    }
}
