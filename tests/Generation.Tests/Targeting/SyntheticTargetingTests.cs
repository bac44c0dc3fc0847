using Marketing.Generation.Channels;
using Marketing.Generation.Drafting;
using Marketing.Generation.Targeting;

namespace Marketing.Generation.Tests.Targeting;

/// <summary>Targeting and drafting on the synthetic stream, scored against its truth file.</summary>
public class SyntheticTargetingTests
{
    private SynthWorld _world = null!;

    [OneTimeSetUp]
    public async Task Synthesize() => _world = await SynthWorld.CreateAsync();

    [OneTimeTearDown]
    public async Task Dispose() => await _world.DisposeAsync();

    [Test]
    public async Task For_every_brand_the_truths_most_positive_segment_ranks_first_and_its_most_hostile_is_never_suggested()
    {
        var checkedBrands = 0;
        foreach (var brand in _world.Truth.Brands)
        {
            var fan = _world.Truth.Segments.OrderByDescending(s => s.Affinity.GetValueOrDefault(brand, double.MinValue)).First();
            var report = await new TargetingAdvisor(_world.Store).SuggestAsync(_world.Watchlist.Find(brand)!, _world.Watchlist);
            Assert.That(report.Suggestions, Is.Not.Empty, brand);
            var first = report.Suggestions[0];
            Assert.That(first.Segment.Definition["location"], Is.EqualTo(fan.Region),
                $"{brand}: ranked {string.Join(", ", report.Suggestions.Select(s => $"{s.Segment.Id} {s.Why.Lift:+0.000;-0.000}"))}; truth fan {fan.Id}");
            Assert.That(first.Why.CiLow, Is.LessThanOrEqualTo(first.Why.Lift));
            var foe = _world.Truth.Segments.OrderBy(s => s.Affinity.GetValueOrDefault(brand, double.MaxValue)).First();
            Assert.That(first.Segment.Definition["location"], Is.Not.EqualTo(foe.Region), brand);
            checkedBrands++;
        }

        Assert.That(checkedBrands, Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public async Task Offline_drafts_on_synthetic_data_are_within_limits_and_cite_stored_posts()
    {
        var brand = _world.Watchlist.Find(_world.Truth.Brands[0])!;
        var set = await new DraftGenerator(_world.Store).GenerateAsync(new DraftRequest { Brand = brand, Watchlist = _world.Watchlist, Variants = 3, Segments = ["auto"] });
        Assert.That(set.Drafts, Has.Count.EqualTo(ChannelIds.All.Count * 3 * Math.Max(1, set.Segments.Count)));
        Assert.That(set.Rejected, Is.Empty);
        foreach (var d in set.Drafts)
        {
            Assert.That(ChannelValidator.Validate(d).Errors, Is.Empty, d.Id);
            var post = d.EvidenceIds.First(i => i.StartsWith("post:", StringComparison.Ordinal));
            var slash = post.IndexOf('/', StringComparison.Ordinal);
            Assert.That(await _world.Store.GetPostAsync(post[5..slash], post[(slash + 1)..]), Is.Not.Null, $"{d.Id} cites {post}");
        }
    }
}
