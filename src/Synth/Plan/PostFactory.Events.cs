using Marketing.Core.Domain;
using Marketing.Synth.Text;

namespace Marketing.Synth.Plan;

/// <summary>The extra posts of injected events, carrying the event's terms and hashtag.</summary>
internal sealed partial class PostFactory
{
    private SynthPost Event(int index, DateTimeOffset t, long seq, double[] cumulative)
    {
        var ev = _plan.Events[index];
        var id = ev.Truth.Id;
        var brand = ev.BrandIndex;
        switch (ev.Truth.Kind)
        {
            case EventKinds.LaunchSpike:
            {
                if (_rng.Chance(0.08))
                {
                    var slotsO = EventSlots(ev, 0, -1);
                    return Official(brand, t, seq, _text.Compose(_rng.Pick(Phrases.LaunchOfficial), slotsO, SentimentLabel.Neutral), SentimentLabel.Neutral, id);
                }

                var label = Draw(0.65, 0.10);
                var set = label switch
                {
                    SentimentLabel.Positive => Phrases.LaunchPositive,
                    SentimentLabel.Negative => Phrases.LaunchNegative,
                    _ => Phrases.LaunchNeutral,
                };
                return EventPost(ev, set, label, t, seq, cumulative);
            }

            case EventKinds.OutageBurst:
            {
                if (_rng.Chance(0.10))
                {
                    var complaint = _eventOriginal[index];
                    var slotsO = EventSlots(ev, 0, -1);
                    var text = complaint is null
                        ? _text.Compose(_rng.Pick(Phrases.OutageOfficial), slotsO, SentimentLabel.Neutral)
                        : _text.ComposeWithPrefix("@" + complaint.Handle + " ", _rng.Pick(Phrases.OutageOfficial), slotsO, SentimentLabel.Neutral);
                    return Official(brand, t, seq, text, SentimentLabel.Neutral, id, replyTo: complaint?.Id, handleIndex: 1);
                }

                var label = Draw(0.03, 0.85);
                var set = label switch
                {
                    SentimentLabel.Positive => Phrases.OutagePositive,
                    SentimentLabel.Negative => Phrases.OutageNegative,
                    _ => Phrases.OutageNeutral,
                };
                var post = EventPost(ev, set, label, t, seq, cumulative);
                if (post.Post.Platform == "x")
                {
                    // The support account answers the latest complaint on x.
                    _eventOriginal[index] = new RecentPost(post.Post.PostId, post.Post.Author.Handle!, -1, post.Post.Text, "en", label, brand, 0, post.Post.Url!);
                }

                return post;
            }

            case EventKinds.ViralPost:
                return Viral(index, ev, t, seq, cumulative);

            case EventKinds.CompetitorCampaign:
            {
                if (_rng.Chance(0.15))
                {
                    var slotsO = EventSlots(ev, 0, -1);
                    var official = _text.Compose(_rng.Pick(Phrases.CampaignOfficial), slotsO, SentimentLabel.Neutral);
                    return Official(brand, t, seq, official, SentimentLabel.Neutral, id, campaign: ev.Campaign);
                }

                var label = Draw(0.55, 0.05);
                var set = label switch
                {
                    SentimentLabel.Positive => Phrases.CampaignPositive,
                    SentimentLabel.Negative => Phrases.CampaignNegative,
                    _ => Phrases.CampaignNeutral,
                };
                return EventPost(ev, set, label, t, seq, cumulative, ev.Campaign);
            }

            default:
            {
                var label = Draw(0.05, StreamPlan.DeclineExtraNegative);
                var set = label switch
                {
                    SentimentLabel.Positive => Phrases.DeclinePositive,
                    SentimentLabel.Negative => Phrases.DeclineNegative,
                    _ => Phrases.DeclineNeutral,
                };
                return EventPost(ev, set, label, t, seq, cumulative);
            }
        }
    }

    private TextSlots EventSlots(PlannedEvent ev, int platform, int segment)
    {
        var slots = Slots(ev.BrandIndex, platform, segment);
        slots.Competitor = _brands[ev.CompetitorIndex];
        slots.Product = ev.ProductName;
        slots.Tag = ev.Tag;
        if (ev.Truth.Kind == EventKinds.CompetitorCampaign && segment >= 0)
        {
            // Users mostly say "my old provider": the campaign must not look like a burst of the competitor.
            slots.CompetitorChance = 0.25;
        }

        return slots;
    }

    /// <summary>A post about the event by an audience member, in English.</summary>
    private SynthPost EventPost(PlannedEvent ev, string[] set, SentimentLabel label, DateTimeOffset t, long seq, double[] cumulative, string? campaign = null)
    {
        var segment = _rng.PickCumulative(cumulative, cumulative.Length);
        var author = _authors.PickInSegment(_rng, segment);
        var platform = _authors.Platform[author];
        var slots = EventSlots(ev, platform, segment);
        var text = _text.Compose(_rng.Pick(set), slots, label);
        return Build(author, platform, segment, t, seq, text, "en", label, ev.BrandIndex, ev.Truth.Id, campaign: campaign);
    }

    private SynthPost Viral(int index, PlannedEvent ev, DateTimeOffset t, long seq, double[] cumulative)
    {
        var brand = ev.BrandIndex;
        var orig = _eventOriginal[index];
        if (orig is null)
        {
            // The original: by a fan of the brand on x, with the reach of a post that took off.
            var fan = _fanSegment[brand];
            var onX = _authors.BySegmentPlatform[fan][0];
            var author = onX.Length > 0 ? onX[_rng.Next(onX.Length)] : _authors.PickInSegment(_rng, fan);
            var platform = _authors.Platform[author];
            var originSlots = EventSlots(ev, platform, fan);
            var text = _text.Compose(ev.ViralText + " {T} {E}", originSlots, SentimentLabel.Positive, decorate: false);
            var post = Build(author, platform, fan, t, seq, text, "en", SentimentLabel.Positive, brand, ev.Truth.Id, boost: 1.0);
            post.Post.Engagement = new Engagement
            {
                Likes = 80_000 + _rng.Next(120_000),
                Shares = 20_000 + _rng.Next(30_000),
                Replies = 3_000 + _rng.Next(5_000),
                Views = 4_000_000 + _rng.Next(6_000_000),
            };
            _eventOriginal[index] = new RecentPost(post.Post.PostId, post.Post.Author.Handle!, author, text.Text, "en", SentimentLabel.Positive, brand, fan, post.Post.Url!);
            return post;
        }

        var u = _rng.NextDouble();
        var segment = _rng.PickCumulative(cumulative, cumulative.Length);
        var origPlatform = _authors.Platform[orig.Author];
        var person = _authors.PickInSegmentPlatform(_rng, segment, origPlatform, orig.Author);
        if (person < 0)
        {
            // Nobody of that segment on the same platform: a copy-paste onto another platform, still a duplicate.
            var copier = _authors.PickInSegment(_rng, segment);
            var copy = _text.Copy("", orig.Text);
            return Build(copier, _authors.Platform[copier], segment, t, seq, copy, "en", SentimentLabel.Positive, brand, ev.Truth.Id, duplicateOf: orig.Id);
        }

        if (u < 0.7)
        {
            return Repost(orig, person, origPlatform, t, seq, ev.Truth.Id);
        }

        var slots = EventSlots(ev, origPlatform, segment);
        if (u < 0.9)
        {
            var quote = _text.Compose(_rng.Pick(Phrases.ViralQuote) + " " + orig.Url, slots, SentimentLabel.Positive, decorate: false);
            return Build(person, origPlatform, segment, t, seq, quote, "en", SentimentLabel.Positive, brand, ev.Truth.Id, quoteOf: orig.Id);
        }

        var reply = _text.ComposeWithPrefix("@" + orig.Handle + " ", _rng.Pick(Phrases.ViralReply) + " {T}", slots, SentimentLabel.Positive, decorate: false);
        return Build(person, origPlatform, segment, t, seq, reply, "en", SentimentLabel.Positive, brand, ev.Truth.Id, comment: true, replyTo: orig.Id);
    }
}
