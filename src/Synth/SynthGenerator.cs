using Marketing.Core.Brands;
using Marketing.Core.Domain;
using Marketing.Synth.Catalog;
using Marketing.Synth.Plan;
using Marketing.Synth.Truth;

namespace Marketing.Synth;

/// <summary>
/// A deterministic synthetic social stream with ground truth. Everything is fixed by <see cref="SynthOptions"/>: the
/// same options give the same posts, byte for byte. <see cref="Generate"/> streams (posts are never all in memory) and
/// can be enumerated any number of times, always with the same result.
/// </summary>
/// <example>
/// <code>
/// var gen = new SynthGenerator(new SynthOptions { Posts = 50_000, Days = 14, Seed = 3 });
/// var matcher = new BrandMatcher(gen.Watchlist);
/// foreach (var p in gen.Generate()) { /* p.Post, p.Truth, p.SegmentId, p.EventId */ }
/// </code>
/// </example>
public sealed class SynthGenerator
{
    private readonly StreamPlan _plan;
    private readonly AuthorTable _authors;

    /// <exception cref="ArgumentException">Options out of range (see <see cref="SynthOptions.Validate"/>).</exception>
    public SynthGenerator(SynthOptions options)
    {
        options.Validate();
        Options = options;
        _plan = new StreamPlan(options);
        _authors = new AuthorTable(options.Seed, AuthorCount(options.Posts));
        Truth = BuildTruth();
    }

    public SynthOptions Options { get; }

    /// <summary>First instant (the requested start, truncated to the hour, UTC).</summary>
    public DateTimeOffset Start => _plan.Start;

    /// <summary>End of the stream (exclusive).</summary>
    public DateTimeOffset End => _plan.End;

    /// <summary>The watchlist that matches the stream: every brand and competitor, with aliases, handles and hashtags.</summary>
    public BrandWatchlist Watchlist => SynthCatalog.Watchlist();

    /// <summary>Events, segments and affinities, known before any post is generated.</summary>
    public SynthTruth Truth { get; }

    /// <summary>Posts in time order, each with its true label, segment, brand and event.</summary>
    public IEnumerable<SynthPost> Generate() => new PostFactory(_plan, _authors).Posts();

    /// <summary>The posts alone, as a source would deliver them: no brands, no sentiment.</summary>
    public IEnumerable<SocialPost> Posts() => Generate().Select(p => p.Post);

    /// <summary>About one author per twelve posts, so that some authors post often and segments stay populated.</summary>
    private static int AuthorCount(int posts) => Math.Clamp(posts / 12, 300, 250_000);

    private SynthTruth BuildTruth() => new()
    {
        Seed = Options.Seed,
        Posts = Options.Posts,
        Start = _plan.Start,
        End = _plan.End,
        Days = Options.Days,
        NonEnglishShare = Options.NonEnglishShare,
        Brands = SynthCatalog.Brands.Select(b => b.Id).ToList(),
        Events = _plan.Events.Select(e => e.Truth).ToList(),
        Segments = _plan.TruthSegments(_authors.PerSegment),
    };
}
