using System.Globalization;
using Marketing.Core.Domain;
using Marketing.Synth.Catalog;
using Marketing.Synth.Random;
using Marketing.Synth.Text;

namespace Marketing.Synth.Plan;

/// <summary>
/// Turns the plan into posts, hour by hour, in time order. Holds the per-run state (random stream, recent posts for
/// reposts and replies, each event's viral original), so one instance serves exactly one enumeration.
/// </summary>
internal sealed partial class PostFactory
{
    private const int RingSize = 256;

    private readonly StreamPlan _plan;
    private readonly AuthorTable _authors;
    private readonly SynthRandom _rng;
    private readonly TextComposer _text;
    private readonly IReadOnlyList<BrandProfile> _brands = SynthCatalog.Brands;
    private readonly IReadOnlyList<SegmentProfile> _segments = SynthCatalog.Segments;
    private readonly string[] _platforms = SynthCatalog.Platforms.Select(p => p.Name).ToArray();
    private readonly double[] _brandCumulative;
    private readonly double _nativeChance;
    private readonly RecentPost?[][] _ring;
    private readonly int[] _ringCount;
    private readonly int[] _ringNext;
    private readonly RecentPost?[] _eventOriginal;
    private readonly int[] _fanSegment;

    public PostFactory(StreamPlan plan, AuthorTable authors)
    {
        _plan = plan;
        _authors = authors;
        _rng = new SynthRandom(plan.Options.Seed, 2);
        _text = new TextComposer(_rng);
        _brandCumulative = new double[_brands.Count + 1];
        var sum = 0.0;
        for (var b = 0; b < _brands.Count; b++)
        {
            _brandCumulative[b] = sum += _brands[b].Weight;
        }

        _brandCumulative[^1] = sum + SynthCatalog.NoBrandShare;

        // Only the French, Spanish and German segments write in their language; scale so the share over all posts
        // (events included, which are English) comes out at the designed value.
        var nativeWeight = _segments.Where(s => s.NativeLanguage is not null).Sum(s => s.Weight) / _segments.Sum(s => s.Weight);
        var baselineShare = (double)plan.BaselinePerHour.Sum() / plan.Options.Posts;
        _nativeChance = nativeWeight > 0 ? Math.Min(0.5, plan.Options.NonEnglishShare / nativeWeight / baselineShare) : 0;

        _ring = _platforms.Select(_ => new RecentPost?[RingSize]).ToArray();
        _ringCount = new int[_platforms.Length];
        _ringNext = new int[_platforms.Length];
        _eventOriginal = new RecentPost?[plan.Events.Count];
        _fanSegment = Enumerable.Range(0, _brands.Count)
            .Select(b => Enumerable.Range(0, _segments.Count).MaxBy(s => plan.Affinity[b, s]))
            .ToArray();
    }

    public IEnumerable<SynthPost> Posts()
    {
        var sources = new List<int>(4096);
        var seconds = new List<int>(4096);
        var cumulative = new double[_segments.Count];
        var seq = 0L;
        for (var h = 0; h < _plan.Hours; h++)
        {
            sources.Clear();
            for (var i = 0; i < _plan.BaselinePerHour[h]; i++)
            {
                sources.Add(-1);
            }

            for (var e = 0; e < _plan.Events.Count; e++)
            {
                var ev = _plan.Events[e];
                if (h >= ev.StartHour && h < ev.EndHour)
                {
                    for (var i = 0; i < ev.Extra[h - ev.StartHour]; i++)
                    {
                        sources.Add(e);
                    }
                }
            }

            var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(sources);
            _rng.Shuffle(span);
            seconds.Clear();
            for (var i = 0; i < sources.Count; i++)
            {
                seconds.Add(_rng.Next(3600));
            }

            seconds.Sort();
            _plan.SegmentCumulative(h, cumulative);
            var hourStart = _plan.Start.AddHours(h);
            for (var i = 0; i < sources.Count; i++)
            {
                var t = hourStart.AddSeconds(seconds[i]);
                var source = sources[i];
                yield return source < 0 ? Baseline(t, seq, cumulative) : Event(source, t, seq, cumulative);
                seq++;
            }
        }
    }

    private SentimentLabel DrawLabel(int brand, int segment)
    {
        if (brand < 0)
        {
            return Draw(0.3, 0.3);
        }

        var a = _plan.Affinity[brand, segment];
        var n = StreamPlan.NeutralShare;
        return Draw((1 - n) * (1 + a) / 2, (1 - n) * (1 - a) / 2);
    }

    private SentimentLabel Draw(double positive, double negative)
    {
        var u = _rng.NextDouble();
        return u < positive ? SentimentLabel.Positive : u < positive + negative ? SentimentLabel.Negative : SentimentLabel.Neutral;
    }

    private string PostId(int platform, long seq, int author, bool comment)
    {
        return _platforms[platform] switch
        {
            "x" => (1_850_000_000_000_000_000L + (seq * 1024) + _rng.Next(1024)).ToString(CultureInfo.InvariantCulture),
            "reddit" => (comment ? "t1_" : "t3_") + AuthorTable.Base36(2_000_000_000L + seq),
            "instagram" => "C" + AuthorTable.Base36(60_000_000_000L + (seq * 64) + _rng.Next(64)),
            "tiktok" => (7_400_000_000_000_000_000L + (seq * 1024) + _rng.Next(1024)).ToString(CultureInfo.InvariantCulture),
            _ => string.Create(CultureInfo.InvariantCulture, $"{100_000_000_000_000L + author}_{1_000_000_000L + seq}"),
        };
    }

    private string PostUrl(int platform, string id, string handle, int brand) => _platforms[platform] switch
    {
        "x" => $"https://x.com/{handle}/status/{id}",
        "reddit" => $"https://www.reddit.com/r/{(brand >= 0 ? _brands[brand].Subreddit : "AskReddit")}/comments/{id[3..]}/",
        "instagram" => $"https://www.instagram.com/p/{id}/",
        "tiktok" => $"https://www.tiktok.com/@{handle}/video/{id}",
        _ => $"https://www.facebook.com/{id}",
    };

    private Engagement Engage(long followers, double boost)
    {
        var u = _rng.NextDouble();
        var likes = (long)(followers * 0.02 * u * u * boost) + _rng.Next(4);
        return new Engagement
        {
            Likes = likes,
            Shares = (long)(likes * 0.15 * _rng.NextDouble()),
            Replies = (long)(likes * 0.1 * _rng.NextDouble()) + (_rng.Chance(0.3) ? 1 : 0),
            Views = (long)(followers * (0.1 + _rng.NextDouble()) * boost) + (likes * 20) + _rng.Next(50),
        };
    }

    /// <summary>x and reddit report UTC; the others report the author's local offset.</summary>
    private DateTimeOffset Stamp(DateTimeOffset utc, int platform, int segment)
    {
        var name = _platforms[platform];
        return name is "x" or "reddit" || segment < 0
            ? utc
            : utc.ToOffset(TimeSpan.FromMinutes(_segments[segment].UtcOffsetMinutes));
    }

    private SynthPost Build(
        int author,
        int platform,
        int segment,
        DateTimeOffset t,
        long seq,
        ComposedText text,
        string language,
        SentimentLabel label,
        int brand,
        string? eventId,
        bool comment = false,
        string? replyTo = null,
        string? quoteOf = null,
        string? repostOf = null,
        string? duplicateOf = null,
        string? campaign = null,
        double boost = 1)
    {
        var id = PostId(platform, seq, author, comment || replyTo is not null);
        var handle = _authors.Handle[author];
        var post = new SocialPost
        {
            Platform = _platforms[platform],
            PostId = id,
            Author = new Author
            {
                Id = _authors.Id[author],
                Handle = handle,
                DisplayName = _authors.DisplayName[author],
                Followers = _authors.Followers[author],
                Location = _segments[_authors.Segment[author]].Region,
                Verified = _authors.Verified[author],
            },
            Text = text.Text,
            Language = language,
            CreatedAt = Stamp(t, platform, segment),
            Engagement = repostOf is null ? Engage(_authors.Followers[author], boost) : new Engagement { Views = _rng.Next(200) },
            Url = PostUrl(platform, id, handle, brand),
            Hashtags = text.Hashtags,
            Mentions = text.Mentions,
            Links = text.Links,
            ReplyToId = replyTo,
            QuoteOfId = quoteOf,
            RepostOfId = repostOf,
            Campaign = campaign,
        };
        return new SynthPost(post, label, _segments[segment].Id, brand >= 0 ? _brands[brand].Id : null, eventId, duplicateOf);
    }

    /// <summary>A post by the brand's own account (x, verified): no audience segment.</summary>
    private SynthPost Official(int brand, DateTimeOffset t, long seq, ComposedText text, SentimentLabel label, string eventId, string? replyTo = null, string? campaign = null, int handleIndex = 0)
    {
        var b = _brands[brand];
        var handle = b.Brand.Handles[Math.Min(handleIndex, b.Brand.Handles.Count - 1)].TrimStart('@');
        var id = PostId(0, seq, 0, false);
        var post = new SocialPost
        {
            Platform = _platforms[0],
            PostId = id,
            Author = new Author
            {
                Id = (1_000_000L + (brand * 100) + handleIndex).ToString(CultureInfo.InvariantCulture),
                Handle = handle,
                DisplayName = handleIndex == 0 ? b.Brand.Name : b.Brand.Name + " Support",
                Followers = 1_200_000 + (brand * 150_000),
                Verified = true,
            },
            Text = text.Text,
            Language = "en",
            CreatedAt = t,
            Engagement = Engage(1_200_000, 0.2),
            Url = PostUrl(0, id, handle, brand),
            Hashtags = text.Hashtags,
            Mentions = text.Mentions,
            Links = text.Links,
            ReplyToId = replyTo,
            Campaign = campaign,
        };
        return new SynthPost(post, label, null, b.Id, eventId, null);
    }

    private void Remember(int platform, RecentPost post)
    {
        _ring[platform][_ringNext[platform]] = post;
        _ringNext[platform] = (_ringNext[platform] + 1) % RingSize;
        _ringCount[platform] = Math.Min(RingSize, _ringCount[platform] + 1);
    }

    private RecentPost? Recent(int platform) =>
        _ringCount[platform] == 0 ? null : _ring[platform][_rng.Next(_ringCount[platform])];

    private TextSlots Slots(int brand, int platform, int segment, string? language = "en") => new()
    {
        Brand = brand >= 0 ? _brands[brand] : null,
        Competitor = brand >= 0 ? _brands[CompetitorOf(brand)] : null,
        Platform = _platforms[platform],
        Interests = segment >= 0 ? _segments[segment].Interests : [],
        Language = language,
    };

    private int CompetitorOf(int brand)
    {
        var id = _brands[brand].Brand.Competitors[0];
        for (var i = 0; i < _brands.Count; i++)
        {
            if (_brands[i].Id == id)
            {
                return i;
            }
        }

        return brand;
    }
}
