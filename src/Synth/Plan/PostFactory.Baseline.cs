using Marketing.Core.Domain;
using Marketing.Synth.Text;

namespace Marketing.Synth.Plan;

/// <summary>Ordinary posts: originals, reposts (near-duplicates), replies and quotes, labelled by segment affinity.</summary>
internal sealed partial class PostFactory
{
    private const double RepostShare = 0.08;
    private const double ReplyShare = 0.10;
    private const double QuoteShare = 0.04;

    private SynthPost Baseline(DateTimeOffset t, long seq, double[] cumulative)
    {
        var segment = _rng.PickCumulative(cumulative, cumulative.Length);
        var author = _authors.PickInSegment(_rng, segment);
        var platform = _authors.Platform[author];
        var u = _rng.NextDouble();
        if (u < RepostShare + ReplyShare + QuoteShare && Recent(platform) is { } orig)
        {
            if (u < RepostShare)
            {
                // Reposters share the original author's segment (people amplify what their circle says), which
                // keeps each segment's label mix true to its affinity.
                var reposter = _authors.PickInSegmentPlatform(_rng, orig.Segment, platform, orig.Author);
                if (reposter >= 0)
                {
                    return Repost(orig, reposter, platform, t, seq, null);
                }
            }
            else
            {
                return Response(orig, author, platform, segment, t, seq, quote: u >= RepostShare + ReplyShare);
            }
        }

        return Original(author, platform, segment, t, seq);
    }

    private SynthPost Original(int author, int platform, int segment, DateTimeOffset t, long seq)
    {
        var brand = _rng.PickCumulative(_brandCumulative, _brandCumulative.Length);
        if (brand >= _brands.Count)
        {
            brand = -1;
        }

        var label = DrawLabel(brand, segment);
        var language = Language(segment);
        var slots = Slots(brand, platform, segment, language);
        string template;
        if (brand >= 0 && Declining(brand, t) is { } decline && label != SentimentLabel.Negative && _rng.Chance(decline.Strength))
        {
            // The slow decline: more and more of the brand's posts turn negative, most of them about the price hike.
            label = SentimentLabel.Negative;
            if (language == "en" && _rng.Chance(0.6))
            {
                slots.Tag = decline.Tag;
                template = _rng.Pick(Phrases.DeclineNegative);
            }
            else
            {
                template = Template(label, language, brand);
            }
        }
        else
        {
            template = Template(label, language, brand);
        }

        var text = _text.Compose(template, slots, label);
        var post = Build(author, platform, segment, t, seq, text, language, label, brand, null);
        Remember(platform, new RecentPost(post.Post.PostId, post.Post.Author.Handle!, author, text.Text, language, label, brand, segment, post.Post.Url!));
        return post;
    }

    private SynthPost Repost(RecentPost orig, int reposter, int platform, DateTimeOffset t, long seq, string? eventId)
    {
        // x shows a retweet as "RT @handle: text"; elsewhere a reshare is the same text, sometimes with a marker.
        var text = _platforms[platform] switch
        {
            "x" => _text.Copy("RT @" + orig.Handle + ": ", orig.Text),
            "reddit" => _text.Copy("", orig.Text),
            _ => _text.Copy("", orig.Text, _rng.Chance(0.3) ? " 🔁" : null),
        };
        return Build(reposter, platform, _authors.Segment[reposter], t, seq, text, orig.Language, orig.Label, orig.Brand, eventId,
            repostOf: orig.Id, duplicateOf: orig.Id);
    }

    private SynthPost Response(RecentPost orig, int author, int platform, int segment, DateTimeOffset t, long seq, bool quote)
    {
        var label = DrawLabel(orig.Brand, segment);
        var language = Language(segment);
        var slots = Slots(orig.Brand, platform, segment, language);
        var template = Template(label, language, orig.Brand);
        if (quote)
        {
            var text = _text.Compose(template + " " + orig.Url, slots, label, decorate: false);
            return Build(author, platform, segment, t, seq, text, language, label, orig.Brand, null, quoteOf: orig.Id);
        }

        var reply = _text.ComposeWithPrefix("@" + orig.Handle + " ", template, slots, label, decorate: _rng.Chance(0.3));
        return Build(author, platform, segment, t, seq, reply, language, label, orig.Brand, null, comment: true, replyTo: orig.Id);
    }

    private string Language(int segment) =>
        _segments[segment].NativeLanguage is { } lang && _rng.Chance(_nativeChance) ? lang : "en";

    private string Template(SentimentLabel label, string language, int brand)
    {
        if (brand < 0)
        {
            return label switch
            {
                SentimentLabel.Positive => _rng.Pick(Phrases.NoBrandPositive),
                SentimentLabel.Negative => _rng.Pick(Phrases.NoBrandNegative),
                _ => _rng.Pick(Phrases.NoBrandNeutral),
            };
        }

        var set = (language, label) switch
        {
            ("fr", SentimentLabel.Positive) => Phrases.FrenchPositive,
            ("fr", SentimentLabel.Negative) => Phrases.FrenchNegative,
            ("fr", _) => Phrases.FrenchNeutral,
            ("es", SentimentLabel.Positive) => Phrases.SpanishPositive,
            ("es", SentimentLabel.Negative) => Phrases.SpanishNegative,
            ("es", _) => Phrases.SpanishNeutral,
            ("de", SentimentLabel.Positive) => Phrases.GermanPositive,
            ("de", SentimentLabel.Negative) => Phrases.GermanNegative,
            ("de", _) => Phrases.GermanNeutral,
            (_, SentimentLabel.Positive) => Phrases.Positive,
            (_, SentimentLabel.Negative) => Phrases.Negative,
            _ => Phrases.Neutral,
        };
        return _rng.Pick(set);
    }

    /// <summary>The sentiment decline on this brand at time t, with how far it has progressed (0..strength).</summary>
    private (double Strength, string Tag)? Declining(int brand, DateTimeOffset t)
    {
        foreach (var ev in _plan.Events)
        {
            if (ev.DeclineStrength > 0 && ev.BrandIndex == brand)
            {
                var start = _plan.Start.AddHours(ev.StartHour);
                var hours = (t - start).TotalHours;
                if (hours >= 0 && hours < ev.Hours)
                {
                    return (ev.DeclineStrength * hours / ev.Hours, ev.Tag);
                }
            }
        }

        return null;
    }
}
