using Marketing.Analysis.Trends;
using Marketing.Core.Brands;
using Marketing.Generation.Channels;
using Marketing.Generation.Drafting;
using Marketing.Generation.Evidence;
using Marketing.Synth.Catalog;
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
    public async Task On_the_segments_saved_by_mkt_segments_the_truths_fan_region_ranks_first_for_every_brand()
    {
        await new Marketing.Analysis.Segments.SegmentAnalyzer(_world.Store).RunAsync(new Marketing.Analysis.Segments.SegmentQuery());
        var ranked = new List<string>();
        foreach (var brand in _world.Truth.Brands)
        {
            var fan = _world.Truth.Segments.OrderByDescending(s => s.Affinity.GetValueOrDefault(brand, double.MinValue)).First();
            var report = await new TargetingAdvisor(_world.Store).SuggestAsync(_world.Watchlist.Find(brand)!, _world.Watchlist, segments: SegmentSource.Trends);
            Assert.That(report.Suggestions, Is.Not.Empty, brand);
            Assert.That(report.Suggestions.Select(s => s.Segment.Source), Has.All.EqualTo("mkt segments"));
            var first = report.Suggestions[0];
            ranked.Add($"{brand}: {first.Segment.Id} {first.Segment.Definition["location"]} (truth fan {fan.Region})");
            Assert.That(first.Segment.Definition["location"], Is.EqualTo(fan.Region), string.Join("; ", ranked));
        }
    }

    [Test]
    public async Task Asking_for_trend_segments_before_mkt_segments_ran_says_what_to_run()
    {
        await using var store = await SampleWorld.CreateAsync(injection: false);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new TargetingAdvisor(store).SuggestAsync(SampleWorld.Acme, SampleWorld.Watchlist, segments: SegmentSource.Trends));
        Assert.That(ex!.Message, Does.Contain("mkt segments"));
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

    [Test]
    public async Task Themes_and_pain_points_name_what_the_brand_is_known_for_not_how_people_feel()
    {
        // The generator picks each post's aspect ("cold brew", "roaming") from the brand's catalog; the extractor never
        // sees that list, so finding it again from the text alone is the measure.
        foreach (var profile in SynthCatalog.Brands)
        {
            var brand = _world.Watchlist.Find(profile.Id)!;
            var corpus = await BrandCorpus.LoadAsync(_world.Store, brand, _world.Watchlist, new EvidenceOptions());
            var pack = await EvidenceBuilder.BuildAsync(_world.Store, corpus, new EvidenceOptions());
            var aspectWords = profile.Aspects.SelectMany(a => BrandMatcher.Tokenize(a)).ToHashSet(StringComparer.Ordinal);
            var items = pack.Themes.Concat(pack.PainPoints).ToList();
            // The brand's injected events (a price hike, a launch) are things people talk about too.
            aspectWords.UnionWith(_world.Truth.Events.Where(e => e.Brand == profile.Id).SelectMany(e => e.Terms).SelectMany(t => BrandMatcher.Tokenize(t)));
            var onCatalog = items.Count(i => i.Label.Split(' ').All(aspectWords.Contains));
            Assert.That(pack.Themes, Has.Count.GreaterThanOrEqualTo(2), profile.Id);
            Assert.That(pack.PainPoints, Is.Not.Empty, profile.Id);
            var found = profile.Aspects.Select(a => string.Join(' ', BrandMatcher.Tokenize(a).Where(w => !w.Any(char.IsDigit))))
                .Count(a => items.Any(i => i.Label == a || a.Split(' ').Contains(i.Label) || i.Label.Split(' ').Contains(a)));
            var why = $"{profile.Id}: {string.Join(", ", items.Select(i => i.Label))} vs catalog {string.Join(", ", profile.Aspects)}";
            // Precision: most items are catalog aspects or event terms (the rest are real campaign phrases, like an offer's "free months").
            Assert.That(onCatalog, Is.GreaterThanOrEqualTo((int)Math.Ceiling(items.Count * 0.6)), why);
            // Recall: most catalog aspects are found.
            Assert.That(found, Is.GreaterThanOrEqualTo((int)Math.Ceiling(profile.Aspects.Length * 0.75)), why);
            Assert.That(items.Select(i => i.Label), Has.None.Matches<string>(l => OpinionWords.ContainsOpinion(l!)), profile.Id);
            Assert.That(pack.Hashtags.Select(h => h.Label.TrimStart('#')), Has.None.AnyOf(SynthCatalog.Brands.Where(b => b.Id != profile.Id).Select(b => b.Id).ToArray()),
                $"{profile.Id}: a competitor's hashtag is not this brand's trend");
            Assert.That(items.SelectMany(i => i.Refs), Is.Not.Empty);
        }
    }
}
