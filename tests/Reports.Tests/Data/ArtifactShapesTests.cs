using Marketing.Reports.Data;
using Marketing.Reports.Model;
using Marketing.Reports.Tests.Support;

namespace Marketing.Reports.Tests.Data;

/// <summary>The report reads the artifacts in the shapes the trend, topic, segment and generation steps persist them.</summary>
public sealed class ArtifactShapesTests
{
    private static async Task<ReportData> BuildAsync(Func<Core.Storage.IPostStore, Task> put, string? brand = null)
    {
        await using var store = await ReportStore.OpenFilledAsync(artifacts: false);
        await put(store);
        return await new ReportDataBuilder(store).BuildAsync(new ReportRequest { OutDir = "unused", Period = ReportStore.Period, Brand = brand });
    }

    [Test]
    public async Task A_brand_burst_from_the_trend_step_reads_its_brand_label_volume_and_sample_posts()
    {
        var data = await BuildAsync(s => s.PutArtifactAsync("burst", "brand-acme-1", """
            {"id":"brand-acme-1","series_kind":"brand","key":"acme","start":"2026-11-10T00:00:00+00:00","peak":"2026-11-10T12:00:00+00:00",
             "end":"2026-11-11T00:00:00+00:00","buckets":24,"observed":140,"expected":35.5,"score":6.1,"sample_post_ids":["x/evil2","x/evil1"],
             "label":"battery outage","explanation":"Complaints about a battery outage after update 2.1.","explanation_source":"offline-template"}
            """));

        var b = data.Bursts.Single();
        Assert.That((b.Brand, b.Term, b.Volume, b.Score), Is.EqualTo(("acme", "battery outage", (long?)140, (double?)6.1)));
        Assert.That(b.Examples.Select(p => p.PostId), Is.EqualTo(new[] { "evil2", "evil1" }));
    }

    [Test]
    public async Task A_hashtag_burst_is_titled_with_its_hashtag()
    {
        var data = await BuildAsync(s => s.PutArtifactAsync("burst", "hashtag-battery-1", """
            {"id":"hashtag-battery-1","series_kind":"hashtag","key":"battery","start":"2026-11-10T00:00:00Z","end":"2026-11-10T06:00:00Z","observed":20}
            """));

        var b = data.Bursts.Single();
        Assert.That((b.Brand, b.Term), Is.EqualTo(((string?)null, "#battery")));
        Assert.That(b.Explanation, Does.Contain("No explanation"));
        Assert.That(b.Examples, Is.Not.Empty, "without sample ids the window's most engaging posts are shown");
    }

    [Test]
    public async Task Topics_come_from_the_latest_topic_report_new_topics_first()
    {
        var data = await BuildAsync(s => s.PutArtifactAsync("topic-report", "latest", """
            {"since":"2026-11-01T00:00:00Z","until":"2026-11-15T00:00:00Z","topics":[
              {"id":"t1","label":"store visits","terms":["store","visit"],"posts":300,"share":0.3,"net_sentiment":0.1,"is_new":false,"sample_post_ids":[]},
              {"id":"t2","label":"battery update","terms":["battery","update"],"posts":120,"share":0.1,"net_sentiment":-0.4,"is_new":true,"sample_post_ids":[]}]}
            """));

        Assert.That(data.Topics.Select(t => t.Label), Is.EqualTo(new[] { "battery update", "store visits" }));
        Assert.That(data.Topics[0].Source, Is.EqualTo("new topics"));
    }

    [Test]
    public async Task Emerging_terms_of_the_trend_report_are_used_when_there_is_no_topic_model()
    {
        var data = await BuildAsync(s => s.PutArtifactAsync("trend-report", "latest", """
            {"since":"2026-11-08T00:00:00Z","until":"2026-11-15T00:00:00Z","emerging":[
              {"term":"update 2.1","words":2,"recent":40,"baseline":4,"growth":9.0,"z":5.2,"is_new":false}]}
            """));

        var t = data.Topics.Single();
        Assert.That((t.Label, t.Volume, t.PreviousVolume, t.Growth, t.Source), Is.EqualTo(("update 2.1", 40L, 4L, (double?)9.0, "emerging terms")));
    }

    [Test]
    public async Task Segments_carry_the_targeting_suggestions_made_for_them()
    {
        var data = await BuildAsync(async s =>
        {
            await s.PutArtifactAsync("segment", "seg-paris", """
                {"id":"seg-paris","description":"Paris commuters","authors":320,"posts":2100,"region":"Paris",
                 "interests":[{"kind":"hashtag","key":"metro","label":"#metro","value":0.2,"overall":0.05,"lift":4,"posts":90}]}
                """);
            await s.PutArtifactAsync("targeting", "acme", """
                {"brand":"acme","suggestions":[
                  {"rank":1,"segment":{"id":"seg-paris","description":"Paris commuters","authors":320},"message":"Lead with battery life","channels":["x","meta"],"best_hours_utc":[7,8]},
                  {"rank":2,"segment":{"id":"loc-lyon","description":"Lyon","authors":50},"message":"Promote the store opening","channels":[]}]}
                """);
        });

        var paris = data.Segments.Single(x => x.Name == "seg-paris" || x.Description == "Paris commuters");
        Assert.That(paris.Size, Is.EqualTo(320));
        Assert.That(paris.Traits, Is.EqualTo(new[] { "#metro" }));
        Assert.That(paris.Targeting.Single(), Does.Contain("Lead with battery life").And.Contain("x, meta").And.Contain("7, 8"));
        var lyon = data.Segments.Single(x => x.Name == "Lyon");
        Assert.That(lyon.Targeting.Single(), Does.Contain("Promote the store opening"));
    }

    [Test]
    public async Task Drafts_of_a_draft_set_read_copy_from_their_channel_fields()
    {
        var data = await BuildAsync(s => s.PutArtifactAsync("draft", "run-1", """
            {"schema_version":"1","run_id":"run-1","brand":"acme","created_at":"2026-11-14T10:00:00Z","drafts":[
              {"id":"run-1-x-a","brand":"acme","channel":"x","variant":"A","fields":{"text":"Battery fixed in 2.1"},"created_at":"2026-11-14T10:00:00Z"},
              {"id":"run-1-rsa-a","brand":"acme","channel":"google_rsa","variant":"A","fields":{"headlines":["Fixed battery","Update 2.1"],"descriptions":["Get it now"]},"created_at":"2026-11-14T10:00:01Z"}]}
            """), brand: "acme");

        Assert.That(data.Drafts.Select(d => d.Text), Is.EqualTo(new[] { "Fixed battery / Update 2.1 / Get it now", "Battery fixed in 2.1" }));
        Assert.That(data.Drafts[0].Title, Is.EqualTo("Fixed battery"));
        Assert.That(data.Drafts[1].Channel, Is.EqualTo("x variant A"));
    }
}
