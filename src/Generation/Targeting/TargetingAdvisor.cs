using System.Globalization;
using Marketing.Core.Brands;
using Marketing.Core.Domain;
using Marketing.Core.Json;
using Marketing.Core.Storage;
using Marketing.Generation.Channels;
using Marketing.Generation.Evidence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketing.Generation.Targeting;

/// <summary>
/// Ad-targeting suggestions per segment, ranked by lift: how much more often the segment posts positively about the
/// brand than everyone else does (Newcombe 95% interval), with the message, channels, hours, exclusions and a
/// lookalike seed. Saved as artifact kind "targeting", key = brand.
/// </summary>
public sealed class TargetingAdvisor(IPostStore store, ILogger<TargetingAdvisor>? logger = null, TimeProvider? time = null)
{
    public const string ArtifactKind = "targeting";

    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<TargetingReport> SuggestAsync(
        Brand brand, BrandWatchlist? watchlist = null, EvidenceOptions? options = null, SegmentSource segments = SegmentSource.Location, CancellationToken ct = default)
    {
        options ??= new EvidenceOptions();
        var corpus = await BrandCorpus.LoadAsync(store, brand, watchlist, options, ct);
        if (corpus.Posts.Count == 0)
        {
            throw new InvalidOperationException(
                $"No posts about '{brand.Id}' {corpus.WindowText}: nothing to target from. Ingest or synthesize posts first, or widen --since/--until.");
        }

        var model = await SegmentModels.LoadAsync(store, corpus, segments, ct);
        var report = Suggest(corpus, model, options);
        report.CreatedAt = _time.GetUtcNow();
        await store.PutArtifactAsync(ArtifactKind, brand.Id, SnakeCaseJson.Serialize(report), ct);
        _logger.LogInformation("Targeting for {Brand}: {Suggestions} segments ranked, {Hostile} hostile", brand.Id, report.Suggestions.Count, report.Hostile.Count);
        return report;
    }

    /// <summary>Per-segment sentiment against the rest, best lift first (ties: higher lower bound, then id).</summary>
    public static List<SegmentStats> Rank(BrandCorpus corpus, ISegmentModel model)
    {
        var counts = model.Segments.ToDictionary(s => s.Id, _ => (Scored: 0L, Pos: 0L, Neg: 0L), StringComparer.Ordinal);
        long scored = 0, pos = 0, neg = 0;
        foreach (var p in corpus.Posts)
        {
            if (p.Label == SentimentLabel.Unscored)
            {
                continue;
            }

            scored++;
            pos += p.Label == SentimentLabel.Positive ? 1 : 0;
            neg += p.Label == SentimentLabel.Negative ? 1 : 0;
            if (model.SegmentOf(p) is { } id && counts.TryGetValue(id, out var c))
            {
                counts[id] = (c.Scored + 1, c.Pos + (p.Label == SentimentLabel.Positive ? 1 : 0), c.Neg + (p.Label == SentimentLabel.Negative ? 1 : 0));
            }
        }

        return model.Segments
            .Where(s => counts[s.Id].Scored > 0 && scored - counts[s.Id].Scored > 0)
            .Select(s =>
            {
                var c = counts[s.Id];
                var rest = scored - c.Scored;
                return new SegmentStats(
                    s, c.Scored, c.Pos, c.Neg, (c.Pos - c.Neg) / (double)c.Scored,
                    Statistics.NewcombeDifference(c.Pos, c.Scored, pos - c.Pos, rest),
                    Statistics.NewcombeDifference(c.Neg, c.Scored, neg - c.Neg, rest));
            })
            .OrderByDescending(s => s.Lift.Estimate).ThenByDescending(s => s.Lift.Low).ThenBy(s => s.Segment.Id, StringComparer.Ordinal)
            .ToList();
    }

    public static TargetingReport Suggest(BrandCorpus corpus, ISegmentModel model, EvidenceOptions options)
    {
        var ranked = Rank(corpus, model);
        var scored = corpus.Posts.Where(p => p.Label != SentimentLabel.Unscored).ToList();
        var report = new TargetingReport
        {
            Brand = corpus.Brand.Id,
            Since = corpus.Since,
            Until = corpus.Until,
            PostsAnalyzed = corpus.Posts.Count,
            BaselinePositiveShare = scored.Count == 0 ? 0 : scored.Count(p => p.Label == SentimentLabel.Positive) / (double)scored.Count,
            SegmentSource = model.Segments.FirstOrDefault()?.Source ?? "none",
        };
        if (scored.Count == 0)
        {
            report.Notes.Add("No post about the brand has a sentiment label yet: run sentiment scoring first.");
            return report;
        }

        var hostile = ranked.Where(s => s.NegativeLift.AboveZero && s.NetSentiment < 0).ToList();
        report.Hostile = [.. hostile.Select(h => h.Segment)];
        var exclusions = hostile.Select(h => h.Segment.Id).ToList();
        var brandThemes = EvidenceBuilder.Build(corpus, options with { TopN = 3 }).Themes;
        var rank = 0;
        // One segment lookup per post, reused by every segment below.
        var segmentOf = corpus.Posts.ToDictionary<PostFacts, PostFacts, string?>(p => p, model.SegmentOf, ReferenceEqualityComparer.Instance);
        foreach (var s in ranked.Where(s => !hostile.Contains(s)))
        {
            var members = corpus.Posts.Where(p => segmentOf[p] == s.Segment.Id).ToList();
            var rest = corpus.Posts.Where(p => segmentOf[p] != s.Segment.Id).ToList();
            var themes = EvidenceBuilder.Build(corpus, options with { TopN = 3 }, p => segmentOf[p] == s.Segment.Id).Themes;
            var theme = themes.FirstOrDefault() ?? brandThemes.FirstOrDefault();
            var engagement = Statistics.BootstrapMeanRatio(
                members.Select(p => (double)p.Engagement).ToList(), rest.Select(p => (double)p.Engagement).ToList());
            var suggestion = new TargetingSuggestion
            {
                Rank = ++rank,
                Segment = s.Segment,
                Theme = theme?.Label,
                Message = theme is null
                    ? $"Introduce {corpus.Brand.Name} plainly: this segment has no distinctive positive theme yet."
                    : $"Lead with “{theme.Label}”: it is what this segment says when it likes {corpus.Brand.Name}.",
                Why = new LiftReport
                {
                    SegmentRate = Round(s.Positive / (double)s.Scored),
                    BaselineRate = Round((scored.Count(p => p.Label == SentimentLabel.Positive) - s.Positive) / (double)(scored.Count - s.Scored)),
                    Lift = Round(s.Lift.Estimate),
                    CiLow = Round(s.Lift.Low),
                    CiHigh = Round(s.Lift.High),
                    SegmentPosts = s.Scored,
                    BaselinePosts = scored.Count - s.Scored,
                    Significant = s.Lift.AboveZero,
                    EngagementRatio = Finite(engagement.Estimate),
                    EngagementCiLow = Finite(engagement.Low),
                    EngagementCiHigh = Finite(engagement.High),
                },
                Channels = ChannelsFor(members),
                BestDays = members.GroupBy(p => p.CreatedAt.UtcDateTime.DayOfWeek)
                    .Select(g => (Day: g.Key, Score: g.Sum(p => p.Engagement + 1)))
                    .OrderByDescending(x => x.Score).ThenBy(x => x.Day).Take(2).Select(x => x.Day.ToString()).ToList(),
                Exclusions = [.. exclusions],
                LookalikeSeed = Lookalike(corpus, s, members),
                EvidenceIds = theme is null ? [] : [.. theme.Refs],
            };
            var hours = members.GroupBy(p => p.CreatedAt.UtcDateTime.Hour)
                .Select(g => (Hour: g.Key, Score: g.Sum(p => p.Engagement + 1)))
                .OrderByDescending(x => x.Score).ThenBy(x => x.Hour).Take(3).Select(x => x.Hour).ToList();
            suggestion.BestHoursUtc = hours;
            var offset = members.GroupBy(p => p.CreatedAt.Offset).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
            if (offset != TimeSpan.Zero)
            {
                suggestion.LocalOffset = (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
                suggestion.BestHoursLocal = [.. hours.Select(h => (int)(((h * 60) + offset.TotalMinutes + 1440) % 1440 / 60))];
            }

            report.Suggestions.Add(suggestion);
        }

        return report;
    }

    private static List<string> ChannelsFor(IReadOnlyList<PostFacts> members)
    {
        var channels = members.GroupBy(p => p.Platform).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => ChannelIds.ForPlatform(g.Key)).OfType<string>().Distinct().ToList();
        // People search wherever they post, so search ads apply to every segment.
        channels.Add(ChannelIds.GoogleRsa);
        return channels;
    }

    private static string Lookalike(BrandCorpus corpus, SegmentStats s, IReadOnlyList<PostFacts> members)
    {
        var fans = members.Where(p => p.Label == SentimentLabel.Positive)
            .GroupBy(p => p.Author.Id, StringComparer.Ordinal)
            .Select(g => (Followers: g.First().Author.Followers, Engagement: g.Sum(p => p.Engagement)))
            .OrderByDescending(x => x.Engagement).ToList();
        if (fans.Count == 0)
        {
            return $"No author in {s.Segment.Id} has posted positively about {corpus.Brand.Name} yet; no seed.";
        }

        var followers = fans.Select(f => f.Followers).Order().ToList();
        var median = followers[followers.Count / 2];
        return $"Seed: the {fans.Count} authors in {s.Segment.Description.ToLowerInvariant()} who posted positively about {corpus.Brand.Name} " +
               $"(median {median:N0} followers; the top {Math.Min(100, fans.Count)} by engagement first). Build a 1–3% lookalike from them on the listed channels.";
    }

    private static double Round(double x) => Math.Round(x, 4);

    private static double? Finite(double x) => double.IsFinite(x) ? Math.Round(x, 4) : null;
}
