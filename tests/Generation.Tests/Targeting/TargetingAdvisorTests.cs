using Marketing.Core.Storage;
using Marketing.Generation.Targeting;

namespace Marketing.Generation.Tests.Targeting;

public class TargetingAdvisorTests
{
    private IPostStore _store = null!;
    private TargetingReport _report = null!;

    [OneTimeSetUp]
    public async Task Suggest()
    {
        _store = await SampleWorld.CreateAsync();
        _report = await new TargetingAdvisor(_store).SuggestAsync(SampleWorld.Acme, SampleWorld.Watchlist);
    }

    [OneTimeTearDown]
    public async Task Dispose() => await _store.DisposeAsync();

    [Test]
    public void Segments_are_ranked_by_lift_and_the_fans_come_first()
    {
        Assert.That(_report.Suggestions.Select(s => s.Segment.Id), Is.EqualTo(new[] { "us-west", "uk" }));
        Assert.That(_report.Suggestions.Select(s => s.Why.Lift), Is.Ordered.Descending);
        Assert.That(_report.Suggestions.Select(s => s.Rank), Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public void The_lift_comes_with_a_95_percent_interval_that_holds_the_true_difference()
    {
        var fans = _report.Suggestions[0].Why;
        // US-West: 84 of 121 positive (the injection post is positive too); everyone else: 60 of 240.
        Assert.That(fans.SegmentRate, Is.EqualTo(85 / 121.0).Within(1e-3));
        Assert.That(fans.BaselineRate, Is.EqualTo(60 / 240.0).Within(1e-3));
        Assert.That(fans.CiLow, Is.LessThan(fans.Lift));
        Assert.That(fans.CiHigh, Is.GreaterThan(fans.Lift));
        Assert.That(fans.Significant, Is.True);
        Assert.That(fans.Method, Does.Contain("newcombe"));
        Assert.That(fans.EngagementRatio, Is.Not.Null);
    }

    [Test]
    public void A_hostile_segment_is_not_suggested_and_is_excluded_everywhere()
    {
        Assert.That(_report.Hostile.Select(h => h.Id), Is.EqualTo(new[] { "france" }));
        Assert.That(_report.Suggestions, Has.All.Matches<TargetingSuggestion>(s => s!.Exclusions.SequenceEqual(new[] { "france" })));
    }

    [Test]
    public void Each_suggestion_says_what_where_when_and_how_to_seed_a_lookalike()
    {
        var fans = _report.Suggestions[0];
        Assert.That(fans.Theme, Is.EqualTo("battery life").Or.EqualTo("customer support"));
        Assert.That(fans.Message, Does.Contain(fans.Theme!));
        Assert.That(fans.EvidenceIds, Is.Not.Empty.And.All.StartsWith("post:"));
        Assert.That(fans.Channels, Is.EqualTo(new[] { "x", "google-rsa" }));
        // The fans post 17-19 UTC; the one viral post (the injection attempt, 100k likes) went out at 00 UTC.
        Assert.That(fans.BestHoursUtc, Is.SubsetOf(new[] { 0, 17, 18, 19 }).And.Contains(17).Or.Contains(18));
        Assert.That(fans.LocalOffset, Is.EqualTo("-08:00"));
        Assert.That(fans.BestHoursLocal, Is.EqualTo(fans.BestHoursUtc.Select(h => (h + 16) % 24)));
        Assert.That(fans.BestDays, Has.Count.EqualTo(2));
        Assert.That(fans.LookalikeSeed, Does.Contain("authors").And.Contain("posted positively about Acme"));
        Assert.That(_report.Suggestions[1].Channels, Is.EqualTo(new[] { "instagram", "google-rsa" }));
    }

    [Test]
    public async Task The_report_is_saved_as_a_store_artifact()
    {
        Assert.That(await _store.GetArtifactAsync(TargetingAdvisor.ArtifactKind, "acme"), Does.Contain("us-west"));
    }
}
