using Marketing.Core.Storage;
using Marketing.Generation.Channels;
using Marketing.Generation.Drafting;
using Marketing.Generation.Guardrails;
using Marketing.Generation.Profiles;

namespace Marketing.Generation.Tests.Drafting;

public class DraftGeneratorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    private IPostStore _store = null!;

    [OneTimeSetUp]
    public async Task CreateStore() => _store = await SampleWorld.CreateAsync();

    [OneTimeTearDown]
    public async Task DisposeStore() => await _store.DisposeAsync();

    private static DraftRequest Request(int variants = 4, BrandProfile? profile = null) => new()
    {
        Brand = SampleWorld.Acme,
        Watchlist = SampleWorld.Watchlist,
        Profile = profile ?? SampleWorld.Profile(),
        Variants = variants,
    };

    private DraftGenerator Generator(IDraftWriter? writer = null) => new(_store, llm: null, time: new FixedTime(Now), writer: writer);

    [Test]
    public async Task Offline_drafts_cover_every_channel_and_variant_and_are_labelled_as_templates()
    {
        var set = await Generator().GenerateAsync(Request());
        Assert.That(set.Rejected, Is.Empty, string.Join("; ", set.Rejected.SelectMany(r => r.Reasons).Select(r => r.Detail)));
        Assert.That(set.Drafts.Select(d => (d.Channel, d.Variant)), Is.EquivalentTo(
            ChannelIds.All.SelectMany(c => new[] { (c, "A"), (c, "B"), (c, "C"), (c, "D") })));
        Assert.That(set.Provider, Is.EqualTo("offline-template"));
        Assert.That(set.Drafts, Has.All.Matches<Draft>(d => d!.Provider == "offline-template" && !d.AiGenerated && d.Model == TemplateDraftWriter.ModelName));
        Assert.That(set.Drafts.Select(d => d.TestedElement).Distinct(), Is.EquivalentTo(new[] { "hook", "benefit", "cta" }));
    }

    [Test]
    public async Task Every_draft_is_within_its_channels_limits()
    {
        var set = await Generator().GenerateAsync(Request(variants: 6));
        foreach (var d in set.Drafts)
        {
            Assert.That(ChannelValidator.Validate(d).Errors, Is.Empty, d.Id);
        }

        Assert.That(set.Drafts.Where(d => d.Channel == ChannelIds.X).Select(d => TextCounter.XWeightedLength(d.Fields.Text!)), Has.All.LessThanOrEqualTo(280));
        Assert.That(set.Drafts.Where(d => d.Channel == ChannelIds.GoogleRsa).SelectMany(d => d.Fields.Headlines!).Select(TextCounter.GoogleLength), Has.All.LessThanOrEqualTo(30));
    }

    [Test]
    public async Task Every_draft_cites_evidence_that_exists_in_the_store()
    {
        var set = await Generator().GenerateAsync(Request());
        foreach (var d in set.Drafts)
        {
            Assert.That(d.EvidenceIds, Is.Not.Empty, d.Id);
            var found = 0;
            foreach (var id in d.EvidenceIds.Where(i => i.StartsWith("post:", StringComparison.Ordinal)))
            {
                var (platform, postId) = (id[5..id.IndexOf('/', StringComparison.Ordinal)], id[(id.IndexOf('/', StringComparison.Ordinal) + 1)..]);
                var post = await _store.GetPostAsync(platform, postId);
                Assert.That(post, Is.Not.Null, $"{d.Id} cites {id}, which is not in the store");
                Assert.That(post!.Brands, Does.Contain("acme"));
                found++;
            }

            Assert.That(found, Is.GreaterThan(0), d.Id);
        }
    }

    [Test]
    public async Task Evidence_names_the_themes_pain_points_and_trending_hashtag_of_the_data()
    {
        var set = await Generator().GenerateAsync(Request());
        var ev = set.Evidence;
        Assert.That(ev.Themes.Select(t => t.Label), Does.Contain("battery life").Or.Contain("customer support"));
        Assert.That(ev.PainPoints.Select(t => t.Label), Does.Contain("app crashes"));
        Assert.That(ev.Hashtags.First().Label, Is.EqualTo("#summerdrop"));
        Assert.That(ev.Themes.Concat(ev.PainPoints).SelectMany(t => t.Refs), Has.All.StartsWith("post:"));
        Assert.That(ev.PostsAnalyzed, Is.EqualTo(361), "the competitor-only post is not acme evidence");
    }

    [Test]
    public async Task The_same_store_gives_the_same_drafts()
    {
        var a = await Generator().GenerateAsync(Request());
        var b = await Generator().GenerateAsync(Request());
        Assert.That(b.Drafts.Select(d => string.Join("|", d.Fields.All().Select(f => f.Value))), Is.EqualTo(a.Drafts.Select(d => string.Join("|", d.Fields.All().Select(f => f.Value)))));
        Assert.That(b.Drafts.Select(d => string.Join(",", d.EvidenceIds)), Is.EqualTo(a.Drafts.Select(d => string.Join(",", d.EvidenceIds))));
    }

    [Test]
    public async Task Approved_claims_reach_the_copy_with_their_citation()
    {
        var set = await Generator().GenerateAsync(Request(variants: 3));
        var withClaim = set.Drafts.Where(d => d.ClaimsUsed.Contains("battery-30h")).ToList();
        Assert.That(withClaim, Is.Not.Empty);
        Assert.That(withClaim, Has.All.Matches<Draft>(d => d!.ClaimCitations.Contains("Acme lab test AL-2026-07")));
    }

    [Test]
    public async Task The_injection_post_changes_nothing_in_offline_drafts()
    {
        var set = await Generator().GenerateAsync(Request());
        var all = string.Join("\n", set.Drafts.SelectMany(d => d.Fields.All().Select(f => f.Value)));
        Assert.That(all, Does.Not.Contain("evil").IgnoreCase);
        Assert.That(all, Does.Not.Contain("jane").IgnoreCase);
        Assert.That(all, Does.Not.Contain("guaranteed").IgnoreCase);
        Assert.That(all, Does.Not.Contain("ignore").IgnoreCase);
    }

    [Test]
    public async Task Without_a_profile_one_is_derived_from_the_watchlist_and_flagged()
    {
        var request = Request() with { Profile = null };
        var set = await Generator().GenerateAsync(request);
        Assert.That(set.ProfileSource, Is.EqualTo("derived"));
        Assert.That(set.Notes, Has.Some.Contains("derived"));
        Assert.That(set.Rejected, Is.Empty);
        Assert.That(set.Drafts.Where(d => d.Channel == ChannelIds.GoogleRsa).Select(d => d.Fields.FinalUrl), Has.All.EqualTo("https://www.acme.com/"));
        Assert.That(set.Drafts, Has.All.Matches<Draft>(d => d!.ClaimsUsed.Count == 0));
    }

    [Test]
    public async Task A_draft_that_keeps_breaking_a_rule_is_regenerated_three_times_then_rejected_with_the_reasons()
    {
        var writer = new ScriptedWriter(_ => new DraftFields { Text = "The cheap phone that is 100% guaranteed https://www.acme.com/" });
        var set = await Generator(writer).GenerateAsync(Request(variants: 1) with { Channels = [ChannelIds.X] });
        Assert.That(set.Drafts, Is.Empty);
        var rejected = set.Rejected.Single();
        Assert.That(rejected.Attempts, Is.EqualTo(3));
        Assert.That(writer.Calls, Is.EqualTo(3));
        Assert.That(rejected.Reasons.Select(r => r.Code), Is.SupersetOf(new[] { "banned_term", "unsupported_claim" }));
        Assert.That(writer.FeedbackSeen.Skip(1), Has.All.Not.Empty, "each retry is told what was wrong");
    }

    [Test]
    public async Task A_draft_that_is_fixed_on_the_third_attempt_is_kept_and_says_so()
    {
        var writer = new ScriptedWriter(attempt => new DraftFields { Text = attempt < 2 ? new string('x', 300) : "Your day, one charge. https://www.acme.com/" });
        var set = await Generator(writer).GenerateAsync(Request(variants: 1) with { Channels = [ChannelIds.X] });
        Assert.That(set.Rejected, Is.Empty);
        Assert.That(set.Drafts.Single().Attempts, Is.EqualTo(3));
    }

    [Test]
    public async Task A_draft_citing_only_unknown_evidence_is_rejected()
    {
        var writer = new ScriptedWriter(_ => new DraftFields { Text = "Your day, one charge." }, evidence: ["post:x/does-not-exist", "theme:made-up"]);
        var set = await Generator(writer).GenerateAsync(Request(variants: 1) with { Channels = [ChannelIds.X] });
        Assert.That(set.Rejected.Single().Reasons.Select(r => r.Code), Is.EqualTo(new[] { "no_evidence" }));
    }

    [Test]
    public async Task Drafts_are_saved_as_store_artifacts_and_the_latest_can_be_read_back()
    {
        var set = await Generator().GenerateAsync(Request(variants: 2));
        var latest = await DraftArtifacts.LatestAsync(_store, "acme");
        Assert.That(latest, Is.Not.Null);
        Assert.That(latest!.RunId, Is.EqualTo(set.RunId));
        Assert.That(latest.Drafts, Has.Count.EqualTo(set.Drafts.Count));
        Assert.That(await DraftArtifacts.LatestAsync(_store, "globex"), Is.Null);
    }

    [Test]
    public async Task A_brand_without_posts_gets_a_clear_error()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => Generator().GenerateAsync(new DraftRequest { Brand = new Core.Brands.Brand { Id = "initech" } }));
        Assert.That(ex!.Message, Does.Contain("No posts about 'initech'"));
    }

    [Test]
    public async Task Auto_segments_write_for_the_best_audience_first()
    {
        var set = await Generator().GenerateAsync(Request(variants: 1) with { Segments = ["auto"], Channels = [ChannelIds.X] });
        Assert.That(set.Segments.First(), Is.EqualTo("us-west"));
        Assert.That(set.Segments, Does.Not.Contain("france"), "a hostile segment is never written for");
        Assert.That(set.Drafts.Select(d => d.Segment), Is.EqualTo(set.Segments));
    }

    /// <summary>A writer that returns fixed fields and records the feedback it got.</summary>
    private sealed class ScriptedWriter(Func<int, DraftFields> fields, IReadOnlyList<string>? evidence = null) : IDraftWriter
    {
        public int Calls { get; private set; }

        public List<IReadOnlyList<Violation>> FeedbackSeen { get; } = [];

        public Task<DraftCandidate> WriteAsync(DraftContext context, DraftSlot slot, int attempt, IReadOnlyList<Violation> previous, CancellationToken ct)
        {
            Calls++;
            FeedbackSeen.Add(previous);
            var ids = evidence ?? [context.Evidence.Themes[0].Id];
            return Task.FromResult(new DraftCandidate(fields(attempt), "warm", "Shop now", ids, ids, "scripted", "s1", AiGenerated: true));
        }
    }
}
