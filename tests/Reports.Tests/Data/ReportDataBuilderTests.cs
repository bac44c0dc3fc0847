using Marketing.Core.Storage;
using Marketing.Reports.Data;
using Marketing.Reports.Model;
using Marketing.Reports.Tests.Support;

namespace Marketing.Reports.Tests.Data;

public sealed class ReportDataBuilderTests
{
    private static async Task<ReportData> BuildAsync(IPostStore store, string? brand = null) =>
        await new ReportDataBuilder(store).BuildAsync(new ReportRequest { OutDir = "unused", Period = ReportStore.Period, Brand = brand });

    [Test]
    public async Task Kpis_compare_the_period_with_the_previous_period_of_equal_length()
    {
        await using var store = await ReportStore.OpenFilledAsync();
        var data = await BuildAsync(store);

        Assert.That(data.PreviousPeriod, Is.EqualTo(new TimeRange(ReportStore.PeriodStart.AddDays(-7), ReportStore.PeriodStart)));
        var mentions = data.Kpis.Single(k => k.Name == "mentions");
        Assert.That((mentions.Value, mentions.Previous), Is.EqualTo((32.0, 30.0)));
        Assert.That(mentions.Change.Percent, Is.EqualTo(100.0 * 2 / 30).Within(1e-9));
        var net = data.Kpis.Single(k => k.Name == "net_sentiment");
        Assert.That(net.Value, Is.EqualTo((15 - 5) / 32.0).Within(1e-9));
        Assert.That(net.Previous, Is.EqualTo(20 / 30.0).Within(1e-9));
        Assert.That(net.Change.Direction, Is.EqualTo("down"));
        var authors = data.Kpis.Single(k => k.Name == "active_authors");
        Assert.That((authors.Value, authors.Previous), Is.EqualTo((9.0, 8.0)));
        var bursts = data.Kpis.Single(k => k.Name == "bursts");
        Assert.That((bursts.Value, bursts.Previous), Is.EqualTo((1.0, 0.0)));
    }

    [Test]
    public async Task Series_have_one_point_per_day_including_empty_days()
    {
        await using var store = await ReportStore.OpenFilledAsync();
        var data = await BuildAsync(store);

        Assert.That(data.BucketUnit, Is.EqualTo("day"));
        Assert.That(data.Series.Select(s => s.Brand), Is.EqualTo(new[] { "acme", "globex" }));
        Assert.That(data.Series.All(s => s.Points.Count == 7), Is.True);
        Assert.That(data.Series[0].Volume, Is.EqualTo(22));
        var globexLastDay = data.Series[1].Points[^1];
        Assert.That((globexLastDay.Volume, globexLastDay.NetSentiment), Is.EqualTo((0L, (double?)null)), "an empty day has no sentiment, not a neutral one");
    }

    [Test]
    public async Task Share_of_voice_sums_to_one_and_keeps_the_previous_share()
    {
        await using var store = await ReportStore.OpenFilledAsync();
        var data = await BuildAsync(store);

        Assert.That(data.ShareOfVoice.Sum(s => s.Share), Is.EqualTo(1.0).Within(1e-9));
        var acme = data.ShareOfVoice.Single(s => s.Brand == "acme");
        Assert.That(acme.Share, Is.EqualTo(22 / 32.0).Within(1e-9));
        Assert.That(acme.PreviousShare, Is.EqualTo(20 / 30.0).Within(1e-9));
    }

    [Test]
    public async Task A_large_sentiment_drop_on_enough_mentions_is_a_significant_shift()
    {
        await using var store = await ReportStore.OpenFilledAsync();
        var data = await BuildAsync(store);

        var acme = data.SentimentShifts.Single(s => s.Brand == "acme");
        Assert.That(acme.Delta, Is.EqualTo((10 / 22.0) - 1.0).Within(1e-9));
        Assert.That(acme.Significant, Is.True);
        Assert.That(acme.Direction, Is.EqualTo("worsened"));
        var globex = data.SentimentShifts.Single(s => s.Brand == "globex");
        Assert.That(globex.Significant, Is.False, "globex is neutral in both periods and has only 10 mentions");
    }

    [Test]
    public async Task Top_authors_are_ranked_by_engagement_in_the_period()
    {
        await using var store = await ReportStore.OpenFilledAsync();
        var data = await BuildAsync(store);

        Assert.That(data.TopAuthors[0].AuthorId, Is.EqualTo("evil"), "the two hostile posts drew 900 likes");
        Assert.That(data.TopAuthors[0].Posts, Is.EqualTo(2));
        Assert.That(data.TopAuthors.Select(a => a.AuthorId), Is.Unique);
    }

    [Test]
    public async Task Bursts_in_the_period_come_with_their_explanation_and_example_posts()
    {
        await using var store = await ReportStore.OpenFilledAsync();
        var data = await BuildAsync(store);

        var burst = data.Bursts.Single();
        Assert.That(burst.Key, Is.EqualTo("acme-outage"), "the October burst is outside the period");
        Assert.That(burst.Explanation, Does.Contain("Outage"));
        Assert.That(burst.Examples.Select(e => e.PostId), Is.EqualTo(new[] { "evil1", "evil2" }));
    }

    [Test]
    public async Task Topics_segments_and_drafts_come_from_stored_artifacts()
    {
        await using var store = await ReportStore.OpenFilledAsync();
        var data = await BuildAsync(store);

        Assert.That(data.Topics.Single().Label, Is.EqualTo("battery life"));
        Assert.That(data.Topics.Single().Growth, Is.EqualTo(3.0).Within(1e-9));
        Assert.That(data.Segments.Single().Targeting, Has.Count.EqualTo(2));
        Assert.That(data.Drafts.Single().Channel, Is.EqualTo("x"));
    }

    [Test]
    public async Task Without_a_topic_model_rising_hashtags_are_the_emerging_topics()
    {
        await using var store = await ReportStore.OpenFilledAsync(artifacts: false);
        var data = await BuildAsync(store);

        var topic = data.Topics.Single();
        Assert.That((topic.Label, topic.Volume, topic.PreviousVolume, topic.Source), Is.EqualTo(("#battery", 20L, 0L, "hashtags")));
        Assert.That(data.Notes, Has.Some.Contains("hashtags"));
    }

    [Test]
    public async Task A_brand_filter_restricts_every_section()
    {
        await using var store = await ReportStore.OpenFilledAsync();
        var data = await BuildAsync(store, brand: "GLOBEX");

        Assert.That(data.Brand, Is.EqualTo("globex"));
        Assert.That(data.Series.Select(s => s.Brand), Is.EqualTo(new[] { "globex" }));
        Assert.That(data.Bursts, Is.Empty, "the burst is acme's");
        Assert.That(data.Drafts, Is.Empty, "the draft is acme's");
        Assert.That(data.TopAuthors.All(a => a.AuthorId.StartsWith('g')), Is.True);
    }

    [Test]
    public async Task An_empty_store_gives_empty_sections_and_zero_kpis()
    {
        await using var store = await ReportStore.OpenEmptyAsync();
        var data = await BuildAsync(store);

        Assert.That(data.Series, Is.Empty);
        Assert.That(data.Bursts, Is.Empty);
        Assert.That(data.Kpis.All(k => k.Value == 0 && k.Previous == 0), Is.True);
    }
}
