using Marketing.Core.Brands;
using Marketing.Core.Domain;
using Marketing.Synth.Output;
using Marketing.Synth.Plan;
using Marketing.Synth.Truth;
using NUnit.Framework;

namespace Marketing.Synth.Tests;

/// <summary>The truth file tells what really is in the stream: events, segments and their affinities, labels.</summary>
public class SynthTruthTests
{
    [TestCase(7, 5)]
    [TestCase(14, 5)]
    [TestCase(30, 9)]
    [TestCase(90, 9)]
    public void A_long_enough_span_gets_every_event_kind_with_its_brand_in_the_watchlist_and_its_window_inside_the_span(int days, int events)
    {
        var gen = new SynthGenerator(new SynthOptions { Posts = 200_000, Days = days, Seed = 5 });
        var brands = gen.Watchlist.Brands.Select(b => b.Id).ToHashSet();
        var truth = gen.Truth;
        Assert.Multiple(() =>
        {
            Assert.That(truth.Events, Has.Count.EqualTo(events));
            Assert.That(truth.Events.Select(e => e.Kind).Distinct(), Is.EquivalentTo(EventKinds.All));
            Assert.That(truth.Events.Select(e => e.Id).Distinct().Count(), Is.EqualTo(events));
            foreach (var e in truth.Events)
            {
                Assert.That(brands, Does.Contain(e.Brand), e.Id);
                Assert.That(e.Start, Is.GreaterThan(truth.Start), e.Id);
                Assert.That(e.End, Is.LessThan(truth.End), e.Id);
                Assert.That(e.Peak, Is.InRange(e.Start, e.End), e.Id);
                Assert.That(e.Terms, Is.Not.Empty, e.Id);
                Assert.That(e.ExtraPosts, Is.GreaterThan(0), e.Id);
            }
        });
    }

    [Test]
    public void Short_events_of_one_brand_never_overlap()
    {
        var truth = new SynthGenerator(new SynthOptions { Posts = 100_000, Days = 60, Seed = 8 }).Truth;
        var spans = truth.Events.OrderBy(e => e.Start).ToList();
        for (var i = 0; i < spans.Count; i++)
        {
            for (var j = i + 1; j < spans.Count; j++)
            {
                var overlap = spans[i].End > spans[j].Start && spans[j].End > spans[i].Start;
                Assert.That(overlap && spans[i].Brand == spans[j].Brand, Is.False, $"{spans[i].Id} and {spans[j].Id}");
            }
        }
    }

    [Test]
    public void Event_extra_posts_match_the_posts_tagged_with_the_event()
    {
        var s = StreamFixture.Default;
        var byEvent = s.Posts.Where(p => p.EventId is not null).GroupBy(p => p.EventId!).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var e in s.Generator.Truth.Events)
        {
            var posts = byEvent[e.Id];
            Assert.Multiple(() =>
            {
                Assert.That(posts, Has.Count.EqualTo(e.ExtraPosts), e.Id);
                Assert.That(posts, Has.All.Matches<SynthPost>(p => p!.Post.CreatedAt >= e.Start && p.Post.CreatedAt < e.End), e.Id);
                Assert.That(posts, Has.All.Matches<SynthPost>(p => p!.Brand == e.Brand), e.Id);
            });
        }
    }

    [Test]
    public void Volume_events_multiply_the_brand_hourly_volume_at_their_peak_and_carry_their_terms()
    {
        var s = StreamFixture.Default;
        var matcher = new BrandMatcher(s.Generator.Watchlist);
        var hourly = new Dictionary<(string Brand, DateTime Hour), int>();
        foreach (var p in s.Posts)
        {
            var hour = p.Post.CreatedAt.UtcDateTime;
            hour = new DateTime(hour.Year, hour.Month, hour.Day, hour.Hour, 0, 0, DateTimeKind.Utc);
            foreach (var b in matcher.Match(p.Post.Text, p.Post.Mentions, p.Post.Hashtags))
            {
                hourly[(b, hour)] = hourly.GetValueOrDefault((b, hour)) + 1;
            }
        }

        foreach (var e in s.Generator.Truth.Events.Where(e => e.Kind != EventKinds.SentimentDecline))
        {
            var outside = hourly.Where(kv => kv.Key.Brand == e.Brand && (kv.Key.Hour < e.Start.UtcDateTime.AddDays(-1) || kv.Key.Hour >= e.End.UtcDateTime.AddDays(1)))
                .Select(kv => kv.Value).OrderBy(v => v).ToList();
            var median = outside[outside.Count / 2];
            var peak = hourly.GetValueOrDefault((e.Brand, e.Peak.UtcDateTime));
            var eventPosts = s.Posts.Where(p => p.EventId == e.Id).ToList();
            var tag = e.Terms.First(t => t.StartsWith('#'));
            var tagged = eventPosts.Count(p => p.Post.Text.Contains(tag, StringComparison.OrdinalIgnoreCase));
            Assert.Multiple(() =>
            {
                Assert.That(peak, Is.GreaterThan(3 * median), $"{e.Id}: peak hour {peak} vs median hour {median}");
                Assert.That(peak, Is.GreaterThan(outside.Max()), $"{e.Id}: the peak beats every ordinary hour");
                Assert.That((double)tagged / eventPosts.Count, Is.GreaterThan(0.6), $"{e.Id}: posts carry {tag}");
            });
        }
    }

    [Test]
    public void The_peak_is_the_busiest_hour_of_the_event()
    {
        var s = StreamFixture.Default;
        foreach (var e in s.Generator.Truth.Events.Where(e => e.Kind != EventKinds.SentimentDecline))
        {
            var busiest = s.Posts.Where(p => p.EventId == e.Id)
                .GroupBy(p => p.Post.CreatedAt.UtcDateTime.Date.AddHours(p.Post.CreatedAt.UtcDateTime.Hour))
                .MaxBy(g => g.Count())!.Key;
            Assert.That(busiest, Is.EqualTo(e.Peak.UtcDateTime), e.Id);
        }
    }

    [Test]
    public void Sentiment_decline_raises_the_brand_negative_share_slowly_over_days()
    {
        var s = StreamFixture.Default;
        var e = s.Generator.Truth.Events.Single(x => x.Kind == EventKinds.SentimentDecline);
        double NegativeShare(DateTimeOffset from, DateTimeOffset to)
        {
            var posts = s.Posts.Where(p => p.Brand == e.Brand && p.Post.CreatedAt >= from && p.Post.CreatedAt < to).ToList();
            return (double)posts.Count(p => p.Truth == SentimentLabel.Negative) / posts.Count;
        }

        var before = NegativeShare(e.Start.AddDays(-1), e.Start);
        var firstDay = NegativeShare(e.Start, e.Start.AddDays(1));
        var lastDay = NegativeShare(e.End.AddDays(-1), e.End);
        var middle = NegativeShare(e.Start.AddHours((e.End - e.Start).TotalHours / 2 - 12), e.Start.AddHours((e.End - e.Start).TotalHours / 2 + 12));
        Assert.Multiple(() =>
        {
            Assert.That(e.Peak, Is.EqualTo(e.End), "a decline peaks at its end");
            Assert.That(e.End - e.Start, Is.GreaterThanOrEqualTo(TimeSpan.FromDays(3)));
            Assert.That(before, Is.EqualTo(e.NegativeShareBefore!.Value).Within(0.08));
            Assert.That(lastDay, Is.EqualTo(e.NegativeShareAfter!.Value).Within(0.08));
            Assert.That(lastDay, Is.GreaterThan(before + 0.2));
            Assert.That(middle, Is.InRange(firstDay, lastDay), "the rise is gradual");
        });
    }

    [Test]
    public void Campaign_posts_carry_the_campaign_tag_and_name_the_competitor_only_sometimes()
    {
        var s = StreamFixture.Default;
        var e = s.Generator.Truth.Events.Single(x => x.Kind == EventKinds.CompetitorCampaign);
        var posts = s.Posts.Where(p => p.EventId == e.Id).ToList();
        var matcher = new BrandMatcher(s.Generator.Watchlist);
        var namingCompetitor = posts.Count(p => matcher.Match(p.Post.Text, p.Post.Mentions, p.Post.Hashtags).Contains(e.Competitor!));
        Assert.Multiple(() =>
        {
            Assert.That(e.Campaign, Is.Not.Null);
            Assert.That(posts, Has.All.Matches<SynthPost>(p => p!.Post.Campaign == e.Campaign));
            Assert.That(s.Posts.Where(p => p.EventId != e.Id), Has.None.Matches<SynthPost>(p => p!.Post.Campaign is not null));
            Assert.That((double)namingCompetitor / posts.Count, Is.InRange(0.1, 0.6));
        });
    }

    [Test]
    public void Viral_post_is_one_original_with_huge_engagement_copied_many_times()
    {
        var s = StreamFixture.Default;
        var e = s.Generator.Truth.Events.Single(x => x.Kind == EventKinds.ViralPost);
        var posts = s.Posts.Where(p => p.EventId == e.Id).ToList();
        var original = posts[0];
        Assert.Multiple(() =>
        {
            Assert.That(original.Post.Engagement.Likes, Is.GreaterThan(50_000));
            Assert.That(posts.Count(p => p.DuplicateOf == original.Post.PostId), Is.GreaterThan(posts.Count / 2));
            Assert.That(posts.Skip(1), Has.All.Matches<SynthPost>(p => p!.DuplicateOf == original.Post.PostId || p.Post.QuoteOfId == original.Post.PostId || p.Post.ReplyToId == original.Post.PostId));
        });
    }

    [Test]
    public void Outage_posts_are_mostly_negative_and_launch_posts_mostly_positive()
    {
        var s = StreamFixture.Default;
        double Share(string kind, SentimentLabel label)
        {
            var e = s.Generator.Truth.Events.Single(x => x.Kind == kind);
            var posts = s.Posts.Where(p => p.EventId == e.Id).ToList();
            return (double)posts.Count(p => p.Truth == label) / posts.Count;
        }

        Assert.Multiple(() =>
        {
            Assert.That(Share(EventKinds.OutageBurst, SentimentLabel.Negative), Is.GreaterThan(0.7));
            Assert.That(Share(EventKinds.LaunchSpike, SentimentLabel.Positive), Is.GreaterThan(0.5));
        });
    }

    [Test]
    public void Each_brand_has_one_designed_fan_segment_and_one_hostile_segment()
    {
        var truth = StreamFixture.Default.Generator.Truth;
        foreach (var brand in truth.Brands)
        {
            var fans = truth.Segments.Where(x => x.MostPositiveFor.Contains(brand)).ToList();
            var hostile = truth.Segments.Where(x => x.MostNegativeFor.Contains(brand)).ToList();
            Assert.That(fans, Has.Count.EqualTo(1), brand);
            Assert.That(hostile, Has.Count.EqualTo(1), brand);
            Assert.That(fans[0].Affinity[brand], Is.EqualTo(truth.Segments.Max(x => x.Affinity[brand])), brand);
            Assert.That(hostile[0].Affinity[brand], Is.EqualTo(truth.Segments.Min(x => x.Affinity[brand])), brand);
        }
    }

    [Test]
    public void The_truth_most_positive_segment_has_the_highest_positive_share_recovered_from_the_files()
    {
        // Only what a consumer has: the posts JSONL (location = region), the labels TSV and the watchlist.
        var s = StreamFixture.Default;
        var truth = s.Generator.Truth;
        var matcher = new BrandMatcher(BrandWatchlist.Load(s.Files.Watchlist!));
        var region = truth.Segments.ToDictionary(x => x.Region, x => x.Id);
        var counts = new Dictionary<(string Brand, string Segment), (int Positive, int Negative, int All)>();
        using var lines = File.ReadLines(s.Files.Posts).GetEnumerator();
        foreach (var (label, _, _, _) in SynthWriter.ReadLabels(s.Files.LabelsPath))
        {
            lines.MoveNext();
            var post = Core.Json.SnakeCaseJson.Deserialize<SocialPost>(lines.Current)!;
            if (post.Author.Location is not { } loc || !region.TryGetValue(loc, out var seg))
            {
                continue;
            }

            var brands = matcher.Match(post.Text, post.Mentions, post.Hashtags);
            if (brands.Count != 1)
            {
                continue;
            }

            var c = counts.GetValueOrDefault((brands[0], seg));
            counts[(brands[0], seg)] = (c.Positive + (label == SentimentLabel.Positive ? 1 : 0), c.Negative + (label == SentimentLabel.Negative ? 1 : 0), c.All + 1);
        }

        foreach (var brand in truth.Brands)
        {
            var shares = truth.Segments.ToDictionary(x => x.Id, x => counts[(brand, x.Id)]);
            var mostPositive = shares.MaxBy(kv => (double)kv.Value.Positive / kv.Value.All).Key;
            var mostNegative = shares.MaxBy(kv => (double)kv.Value.Negative / kv.Value.All).Key;
            Assert.Multiple(() =>
            {
                Assert.That(truth.Segments.Single(x => x.Id == mostPositive).MostPositiveFor, Does.Contain(brand), brand);
                Assert.That(truth.Segments.Single(x => x.Id == mostNegative).MostNegativeFor, Does.Contain(brand), brand);
            });
        }
    }

    [Test]
    public void Designed_affinity_matches_the_mean_polarity_of_ordinary_posts()
    {
        var s = StreamFixture.Default;
        foreach (var seg in s.Generator.Truth.Segments)
        {
            foreach (var (brand, affinity) in seg.Affinity)
            {
                var posts = s.Posts.Where(p => p.SegmentId == seg.Id && p.Brand == brand && p.EventId is null && p.DuplicateOf is null).ToList();
                var polarity = (double)(posts.Count(p => p.Truth == SentimentLabel.Positive) - posts.Count(p => p.Truth == SentimentLabel.Negative)) / posts.Count;
                var declining = s.Generator.Truth.Events.Any(e => e.Kind == EventKinds.SentimentDecline && e.Brand == brand);
                if (!declining)
                {
                    Assert.That(polarity, Is.EqualTo(affinity).Within(0.15), $"{seg.Id} / {brand} ({posts.Count} posts)");
                }
            }
        }
    }

    [Test]
    public void Segments_have_region_age_interests_follower_band_and_authors()
    {
        var truth = StreamFixture.Default.Generator.Truth;
        Assert.Multiple(() =>
        {
            Assert.That(truth.Segments.Select(x => x.Region).Distinct().Count(), Is.EqualTo(truth.Segments.Count));
            Assert.That(truth.Segments, Has.All.Matches<TruthSegment>(x => x!.AgeBand.Length > 0 && x.Interests.Count > 0 && x.FollowerBand.Length > 0 && x.Authors > 0));
            Assert.That(truth.Segments.Sum(x => x.Authors), Is.EqualTo(StreamFixture.Default.Summary.Authors));
        });
    }
}
