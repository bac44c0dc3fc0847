using Marketing.Core.Brands;
using Marketing.Core.Domain;
using Marketing.Synth.Plan;
using NUnit.Framework;

namespace Marketing.Synth.Tests;

/// <summary>What the stream contains: realistic text, platforms, threads, languages, rhythm.</summary>
public class SynthStreamTests
{
    private static List<SynthPost> Posts => StreamFixture.Default.Posts;

    [Test]
    public void Posts_come_in_time_order_inside_the_span()
    {
        var s = StreamFixture.Default;
        var times = Posts.Select(p => p.Post.CreatedAt.UtcDateTime).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(times, Is.Ordered);
            Assert.That(times[0], Is.GreaterThanOrEqualTo(s.Generator.Start.UtcDateTime));
            Assert.That(times[^1], Is.LessThan(s.Generator.End.UtcDateTime));
        });
    }

    [Test]
    public void Post_ids_are_unique_per_platform_and_platforms_are_varied()
    {
        var keys = Posts.Select(p => (p.Post.Platform, p.Post.PostId)).ToList();
        var platforms = Posts.GroupBy(p => p.Post.Platform).ToDictionary(g => g.Key, g => g.Count());
        Assert.Multiple(() =>
        {
            Assert.That(keys.Distinct().Count(), Is.EqualTo(keys.Count));
            Assert.That(platforms.Keys, Is.SupersetOf(new[] { "x", "reddit", "instagram", "tiktok", "facebook" }));
            Assert.That(platforms["x"], Is.GreaterThan(platforms["facebook"]));
        });
    }

    [Test]
    public void Creation_times_keep_varied_original_offsets()
    {
        var offsets = Posts.Select(p => p.Post.CreatedAt.Offset).Distinct().ToList();
        Assert.That(offsets, Has.Count.GreaterThanOrEqualTo(5).And.Contains(TimeSpan.Zero).And.Contains(new TimeSpan(5, 30, 0)));
    }

    [Test]
    public void Text_has_hashtags_mentions_links_emoji_slang_misspellings_negation_and_sarcasm()
    {
        var texts = Posts.Select(p => p.Post.Text).ToList();
        int Count(string s) => texts.Count(t => t.Contains(s, StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(Posts.Count(p => p.Post.Hashtags.Count > 0), Is.GreaterThan(Posts.Count / 4), "hashtags");
            Assert.That(Posts.Count(p => p.Post.Mentions.Count > 0), Is.GreaterThan(Posts.Count / 10), "mentions");
            Assert.That(Posts.Count(p => p.Post.Links.Count > 0), Is.GreaterThan(Posts.Count / 20), "links");
            Assert.That(texts.Count(t => t.Any(char.IsSurrogate)), Is.GreaterThan(Posts.Count / 10), "emoji");
            Assert.That(Count("ngl ") + Count("tbh") + Count("lowkey"), Is.GreaterThan(100), "slang");
            Assert.That(Count("definately") + Count("teh ") + Count("realy"), Is.GreaterThan(50), "misspellings");
            Assert.That(Count("not bad") + Count("don't love"), Is.GreaterThan(100), "negation");
            Assert.That(Count("/s") + Count("yeah right"), Is.GreaterThan(100), "sarcasm");
        });
    }

    [Test]
    public void Hashtags_mentions_and_links_lists_match_the_text()
    {
        foreach (var p in Posts.Take(3_000))
        {
            Assert.Multiple(() =>
            {
                Assert.That(p.Post.Hashtags, Has.All.Matches<string>(h => p.Post.Text.Contains("#" + h, StringComparison.Ordinal)));
                Assert.That(p.Post.Mentions, Has.All.Matches<string>(m => p.Post.Text.Contains("@" + m, StringComparison.Ordinal)));
                Assert.That(p.Post.Links, Has.All.Matches<string>(l => l!.StartsWith("https://", StringComparison.Ordinal) && p.Post.Text.Contains(l, StringComparison.Ordinal)));
            });
        }
    }

    [Test]
    public void Sarcastic_and_negated_praise_is_labelled_by_what_the_writer_means()
    {
        var sarcastic = Posts.Where(p => p.Post.Text.Contains("love that for me /s", StringComparison.Ordinal)).ToList();
        var notBad = Posts.Where(p => p.Post.Text.StartsWith("not bad at all", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(sarcastic, Is.Not.Empty);
            Assert.That(sarcastic, Has.All.Matches<SynthPost>(p => p!.Truth == SentimentLabel.Negative));
            Assert.That(notBad, Is.Not.Empty);
            Assert.That(notBad, Has.All.Matches<SynthPost>(p => p!.Truth == SentimentLabel.Positive));
        });
    }

    [Test]
    public void Reposts_copy_an_earlier_post_and_replies_and_quotes_point_to_earlier_posts()
    {
        var seen = new Dictionary<string, SynthPost>();
        int reposts = 0, replies = 0, quotes = 0;
        foreach (var p in Posts)
        {
            if (p.Post.RepostOfId is { } r)
            {
                reposts++;
                Assert.That(seen.TryGetValue(r, out var orig), Is.True, "a repost follows its original");
                Assert.That(p.Post.Text, Does.Contain(orig!.Post.Text), "a repost carries the original text");
                Assert.That(p.DuplicateOf, Is.EqualTo(r));
                Assert.That(p.Truth, Is.EqualTo(orig.Truth));
            }

            if (p.Post.ReplyToId is { } reply)
            {
                replies++;
                Assert.That(seen.ContainsKey(reply), Is.True, "a reply follows what it answers");
            }

            if (p.Post.QuoteOfId is { } quote)
            {
                quotes++;
                Assert.That(seen.ContainsKey(quote), Is.True, "a quote follows what it quotes");
            }

            seen[p.Post.PostId] = p;
        }

        Assert.Multiple(() =>
        {
            Assert.That(reposts, Is.GreaterThan(Posts.Count / 30));
            Assert.That(replies, Is.GreaterThan(Posts.Count / 20));
            Assert.That(quotes, Is.GreaterThan(Posts.Count / 60));
        });
    }

    [Test]
    public void Non_english_share_is_close_to_the_designed_share_and_comes_from_french_spanish_and_german_authors()
    {
        var s = StreamFixture.Default;
        var nonEnglish = Posts.Where(p => p.Post.Language != "en").ToList();
        var share = (double)nonEnglish.Count / Posts.Count;
        var segments = s.Generator.Truth.Segments.ToDictionary(x => x.Id);
        Assert.Multiple(() =>
        {
            Assert.That(share, Is.EqualTo(s.Generator.Options.NonEnglishShare).Within(0.008));
            Assert.That(nonEnglish.Select(p => p.Post.Language).Distinct(), Is.EquivalentTo(new[] { "fr", "es", "de" }));
            Assert.That(nonEnglish, Has.All.Matches<SynthPost>(p => segments[p!.SegmentId!].Language.Contains(p.Post.Language!)));
            Assert.That(s.Summary.NonEnglish, Is.EqualTo(nonEnglish.Count));
        });
    }

    [Test]
    public void Night_hours_are_quieter_than_evening_hours_in_the_authors_local_time()
    {
        var offsets = StreamFixture.Default.Generator.Truth.Segments.ToDictionary(x => x.Id, x => TimeSpan.Parse(x.UtcOffset.TrimStart('+'), System.Globalization.CultureInfo.InvariantCulture));
        var byLocalHour = new int[24];
        foreach (var p in Posts.Where(p => p.SegmentId is not null && p.EventId is null))
        {
            byLocalHour[(p.Post.CreatedAt.UtcDateTime + offsets[p.SegmentId!]).Hour]++;
        }

        var night = byLocalHour[2] + byLocalHour[3] + byLocalHour[4];
        var evening = byLocalHour[18] + byLocalHour[19] + byLocalHour[20];
        Assert.That(night, Is.LessThan(evening * 0.3), $"night {night}, evening {evening}");
    }

    [Test]
    public void Weekends_are_quieter_than_midweek()
    {
        var perDay = Posts.Where(p => p.EventId is null)
            .GroupBy(p => p.Post.CreatedAt.UtcDateTime.Date)
            .ToDictionary(g => g.Key, g => g.Count());
        var weekend = perDay.Where(kv => kv.Key.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday).Average(kv => kv.Value);
        var midweek = perDay.Where(kv => kv.Key.DayOfWeek is DayOfWeek.Tuesday or DayOfWeek.Wednesday or DayOfWeek.Thursday).Average(kv => kv.Value);
        Assert.That(weekend, Is.LessThan(midweek * 0.97));
    }

    [Test]
    public void The_generated_watchlist_finds_the_brand_in_most_brand_posts()
    {
        var matcher = new BrandMatcher(StreamFixture.Default.Generator.Watchlist);
        var brandPosts = Posts.Where(p => p.Brand is not null).ToList();
        var found = brandPosts.Count(p => matcher.Match(p.Post.Text, p.Post.Mentions, p.Post.Hashtags).Contains(p.Brand!));
        var noBrand = Posts.Where(p => p.Brand is null).ToList();
        var falseHits = noBrand.Count(p => matcher.Match(p.Post.Text, p.Post.Mentions, p.Post.Hashtags).Count > 0);
        Assert.Multiple(() =>
        {
            Assert.That((double)found / brandPosts.Count, Is.GreaterThan(0.9));
            Assert.That((double)found / brandPosts.Count, Is.LessThan(1.0), "some brand names are misspelled, as in real posts");
            Assert.That(noBrand.Count, Is.GreaterThan(Posts.Count / 50), "some posts name no brand");
            Assert.That((double)falseHits / noBrand.Count, Is.LessThan(0.02));
        });
    }

    [Test]
    public void Every_label_occurs_and_none_dominates()
    {
        var counts = Posts.GroupBy(p => p.Truth).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(counts.Keys, Is.EquivalentTo(new[] { SentimentLabel.Negative, SentimentLabel.Neutral, SentimentLabel.Positive }));
        Assert.That(counts.Values, Has.All.InRange(Posts.Count / 5, Posts.Count / 2));
    }

    [Test]
    public void Authors_carry_their_segment_region_and_follower_band()
    {
        var segments = StreamFixture.Default.Generator.Truth.Segments.ToDictionary(x => x.Id);
        var designed = Catalog.SynthCatalog.Segments.ToDictionary(x => x.Id);
        foreach (var p in Posts.Where(p => p.SegmentId is not null).Take(5_000))
        {
            var seg = designed[p.SegmentId!];
            Assert.That(p.Post.Author.Location, Is.EqualTo(segments[p.SegmentId!].Region));
            Assert.That(p.Post.Author.Followers, Is.InRange(seg.FollowersMin, seg.FollowersMax));
        }
    }

    [Test]
    public void Brand_official_accounts_post_only_in_events()
    {
        var official = Posts.Where(p => p.SegmentId is null).ToList();
        Assert.That(official, Is.Not.Empty);
        Assert.That(official, Has.All.Matches<SynthPost>(p => p!.EventId is not null && p.Post.Author.Verified));
    }

    [Test]
    public void Event_kinds_are_all_named_in_the_plan()
    {
        Assert.That(StreamFixture.Default.Generator.Truth.Events.Select(e => e.Kind), Is.SubsetOf(EventKinds.All));
    }
}
