using Marketing.Analysis.Trends;
using Marketing.Core.Json;
using Marketing.Generation.Evidence;

namespace Marketing.Generation.Tests.Evidence;

public class EvidenceBuilderTests
{
    [Test]
    public async Task Bursts_saved_by_trend_analysis_become_evidence_with_their_sample_posts()
    {
        await using var store = await SampleWorld.CreateAsync(injection: false);
        var burst = new Burst
        {
            Id = "brand-acme-2026-10-22T17", SeriesKind = "brand", Key = "acme", Peak = SampleWorld.Start.AddDays(21).AddHours(17), Score = 7.5, Observed = 40,
            TopTerms = [new TermScore("summerdrop", 20, 1, 3.2, 5.1)], SamplePostIds = ["x-3/0", "x/3"],
        };
        var other = new Burst { Id = "brand-globex-1", SeriesKind = "brand", Key = "globex", Peak = SampleWorld.Start.AddDays(3), Score = 9 };
        await store.PutArtifactAsync("burst", burst.Id, SnakeCaseJson.Serialize(burst));
        await store.PutArtifactAsync("burst", other.Id, SnakeCaseJson.Serialize(other));

        var corpus = await BrandCorpus.LoadAsync(store, SampleWorld.Acme, SampleWorld.Watchlist, new EvidenceOptions());
        var pack = await EvidenceBuilder.BuildAsync(store, corpus, new EvidenceOptions());

        var item = pack.Bursts.Single();
        Assert.That(item.Id, Is.EqualTo("burst:brand-acme-2026-10-22T17"));
        Assert.That(item.Label, Is.EqualTo("summerdrop"));
        Assert.That(item.Refs, Is.EqualTo(new[] { "burst:brand-acme-2026-10-22T17", "post:x-3/0", "post:x/3" }));
        Assert.That(await store.GetArtifactAsync("burst", item.Id["burst:".Length..]), Is.Not.Null, "the burst id points at a stored artifact");
    }

    [Test]
    public void Evidence_is_bounded_to_top_n_per_kind_and_references_per_item()
    {
        var corpus = Corpus();
        var pack = EvidenceBuilder.Build(corpus, new EvidenceOptions { TopN = 1, RefsPerItem = 2 });
        Assert.That(pack.Themes, Has.Count.EqualTo(1));
        Assert.That(pack.PainPoints, Has.Count.EqualTo(1));
        Assert.That(pack.All().Select(i => i.Refs.Count), Has.All.LessThanOrEqualTo(2));
    }

    [Test]
    public void Terms_leave_out_the_brand_its_competitors_stop_words_numbers_and_urls()
    {
        var extractor = TermExtractor.ForBrand(SampleWorld.Acme, SampleWorld.Watchlist);
        var terms = extractor.Extract("The Acme battery life beats Globex, 100 times! https://x.co/abc @someone #tag");
        Assert.That(terms, Is.EquivalentTo(new[] { "battery", "life", "beats", "battery life", "life beats", "times" }));
    }

    private static BrandCorpus Corpus()
    {
        var t = Task.Run(async () =>
        {
            await using var store = await SampleWorld.CreateAsync(injection: false);
            return await BrandCorpus.LoadAsync(store, SampleWorld.Acme, SampleWorld.Watchlist, new EvidenceOptions());
        });
        return t.GetAwaiter().GetResult();
    }
}
