using Marketing.Synth.Catalog;
using Marketing.Synth.Random;
using Marketing.Synth.Truth;

namespace Marketing.Synth.Plan;

/// <summary>
/// Everything decided before the first post: hourly volumes (daily and weekly rhythm in each segment's local time),
/// the injected events with their exact extra posts per hour, and each segment's affinity per brand. The generator
/// then only fills these counts in, so the truth is known up front and posts can stream.
/// </summary>
internal sealed class StreamPlan
{
    /// <summary>Neutral share of ordinary posts; the rest splits positive/negative by the affinity.</summary>
    public const double NeutralShare = 0.30;

    /// <summary>Raw affinity of the one segment per brand that loves it, and of the one that is hostile.</summary>
    public const double Fan = 0.80;
    public const double Hostile = -0.75;

    // Activity by local hour of day: quiet at night, peaks in the evening.
    private static readonly double[] HourOfDay =
    [
        0.55, 0.35, 0.22, 0.15, 0.12, 0.15, 0.30, 0.55, 0.80, 0.90, 0.95, 1.00,
        1.10, 1.05, 1.00, 1.00, 1.05, 1.15, 1.30, 1.40, 1.45, 1.35, 1.10, 0.80,
    ];

    // Activity by local day of week, Sunday first: weekends are quieter.
    private static readonly double[] DayOfWeek = [0.90, 1.00, 1.02, 1.03, 1.02, 0.98, 0.86];

    // Extra posts per hour, as multiples of the brand's average hourly volume, from the event's first hour.
    private static readonly double[] LaunchShape = [1.5, 4, 7, 6, 4.5, 3, 2, 1.5, 1, 0.6];
    private static readonly double[] OutageShape = [3, 8, 6, 3.5, 1.5, 0.6];
    private static readonly double[] ViralShape = [1, 4, 6, 5, 3.5, 2.5, 1.6, 1, 0.6, 0.3];
    private static readonly double[] CampaignShape = [1.5, 3, 4.5, 5, 4.5, 4, 3.5, 3, 2.5, 2, 1.5, 1];

    private const double DeclineExtraStart = 0.1;
    private const double DeclineExtraEnd = 0.6;
    private const double DeclineStrength = 0.5;

    /// <summary>Share of a sentiment decline's extra posts that are negative.</summary>
    public const double DeclineExtraNegative = 0.8;

    private readonly IReadOnlyList<SegmentProfile> _segments = SynthCatalog.Segments;
    private readonly IReadOnlyList<BrandProfile> _brands = SynthCatalog.Brands;

    public StreamPlan(SynthOptions options)
    {
        Options = options;
        var s = options.Start.ToUniversalTime();
        Start = new DateTimeOffset(s.Year, s.Month, s.Day, s.Hour, 0, 0, TimeSpan.Zero);
        Hours = options.Days * 24;
        var rng = new SynthRandom(options.Seed, 1);
        Affinity = DrawAffinities(rng);

        var baseWeight = new double[Hours];
        var total = 0.0;
        var cumulative = new double[_segments.Count];
        for (var h = 0; h < Hours; h++)
        {
            SegmentCumulative(h, cumulative);
            baseWeight[h] = cumulative[^1];
            total += baseWeight[h];
        }

        var drafts = DraftEvents(rng, baseWeight, total / Hours);
        var grand = total + drafts.Sum(d => d.Weights.Sum());
        var scale = options.Posts / grand;

        // Cumulative rounding over baseline hours then each event's hours: every count is an integer and they sum
        // to exactly Options.Posts.
        var running = 0.0;
        var emitted = 0L;
        int Take(double w)
        {
            running += w * scale;
            var target = (long)Math.Round(running, MidpointRounding.AwayFromZero);
            var n = (int)(target - emitted);
            emitted = target;
            return n;
        }

        BaselinePerHour = new int[Hours];
        for (var h = 0; h < Hours; h++)
        {
            BaselinePerHour[h] = Take(baseWeight[h]);
        }

        var events = new List<PlannedEvent>();
        foreach (var d in drafts)
        {
            var extra = d.Weights.Select(Take).ToArray();
            if (extra.Sum() > 0 || d.Kind == EventKinds.SentimentDecline)
            {
                events.Add(Finish(d, extra, events.Count + 1));
            }
        }

        // Whatever rounding left over (at most one post) goes to the last hour so the total is exact.
        BaselinePerHour[^1] += (int)(options.Posts - emitted);
        Events = events;
    }

    public SynthOptions Options { get; }

    public DateTimeOffset Start { get; }

    public int Hours { get; }

    public DateTimeOffset End => Start.AddHours(Hours);

    /// <summary>Raw affinity in [-1, 1] of segment s for brand b: P(pos) = (1-n)(1+a)/2, P(neg) = (1-n)(1-a)/2.</summary>
    public double[,] Affinity { get; }

    public int[] BaselinePerHour { get; }

    public IReadOnlyList<PlannedEvent> Events { get; }

    /// <summary>Cumulative weights of the segments' activity in hour h (local hour of day, day of week, slow growth).</summary>
    public void SegmentCumulative(int h, double[] cumulative)
    {
        var utc = Start.AddHours(h).AddMinutes(30);
        var growth = 1.0 + (0.1 * h / Hours);
        var sum = 0.0;
        for (var i = 0; i < _segments.Count; i++)
        {
            var local = utc.UtcDateTime.AddMinutes(_segments[i].UtcOffsetMinutes);
            sum += _segments[i].Weight * HourOfDay[local.Hour] * DayOfWeek[(int)local.DayOfWeek] * growth;
            cumulative[i] = sum;
        }
    }

    /// <summary>Designed mean polarity (P(pos) - P(neg)) of ordinary posts by segment s about brand b.</summary>
    public double MeanPolarity(int b, int s) => (1 - NeutralShare) * Affinity[b, s];

    public double NegativeShare(int b, int s) => (1 - NeutralShare) * (1 - Affinity[b, s]) / 2;

    /// <summary>The brand's designed negative share over all segments, weighted by segment size.</summary>
    public double BrandNegativeShare(int b)
    {
        var sum = 0.0;
        var weight = 0.0;
        for (var s = 0; s < _segments.Count; s++)
        {
            sum += _segments[s].Weight * NegativeShare(b, s);
            weight += _segments[s].Weight;
        }

        return sum / weight;
    }

    public List<TruthSegment> TruthSegments(int[] authorsPerSegment) =>
        _segments.Select((seg, s) => new TruthSegment
        {
            Id = seg.Id,
            Region = seg.Region,
            AgeBand = seg.AgeBand,
            FollowerBand = seg.FollowerBand,
            Interests = [.. seg.Interests],
            Authors = authorsPerSegment[s],
            UtcOffset = FormatOffset(seg.UtcOffsetMinutes),
            Language = seg.NativeLanguage is { } lang ? ["en", lang] : ["en"],
            Affinity = _brands.Select((br, b) => (br.Id, Math.Round(MeanPolarity(b, s), 3))).ToDictionary(x => x.Id, x => x.Item2),
            MostPositiveFor = _brands.Where((_, b) => Affinity[b, s] >= Fan).Select(br => br.Id).ToList(),
            MostNegativeFor = _brands.Where((_, b) => Affinity[b, s] <= Hostile).Select(br => br.Id).ToList(),
        }).ToList();

    private static string FormatOffset(int minutes) =>
        (minutes < 0 ? "-" : "+") + TimeSpan.FromMinutes(Math.Abs(minutes)).ToString(@"hh\:mm", System.Globalization.CultureInfo.InvariantCulture);

    private double[,] DrawAffinities(SynthRandom rng)
    {
        var a = new double[_brands.Count, _segments.Count];
        // One fan segment and one hostile segment per brand, from a seeded permutation: fans are all different.
        Span<int> order = stackalloc int[_segments.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        rng.Shuffle(order);
        for (var b = 0; b < _brands.Count; b++)
        {
            var fan = order[b % order.Length];
            var hostile = order[(b + 3) % order.Length];
            for (var s = 0; s < _segments.Count; s++)
            {
                // Everyone else is lukewarm: clearly below the fan and above the hostile segment.
                a[b, s] = s == fan ? Fan : s == hostile ? Hostile : Math.Round(-0.15 + (0.45 * rng.NextDouble()), 2);
            }
        }

        return a;
    }

    private sealed record Draft(string Kind, int Brand, int Competitor, int Round, int StartHour, double[] Weights);

    private List<Draft> DraftEvents(SynthRandom rng, double[] baseWeight, double averageHour)
    {
        var drafts = new List<Draft>();
        var days = Options.Days;
        var brandOrder = Enumerable.Range(0, _brands.Count).ToArray();
        rng.Shuffle(brandOrder.AsSpan());

        // The slow decline takes one brand for days; short events go to the other brands in turn.
        var declineBrand = brandOrder[0];
        if (days >= 7)
        {
            var lengthDays = Math.Min(5, days - 3);
            var startDay = 1 + rng.Next(days - 2 - lengthDays + 1);
            var startHour = (startDay * 24) + 8;
            var hours = lengthDays * 24;
            var w = new double[hours];
            for (var k = 0; k < hours; k++)
            {
                var ramp = DeclineExtraStart + ((DeclineExtraEnd - DeclineExtraStart) * k / (hours - 1));
                w[k] = ramp * _brands[declineBrand].Weight * baseWeight[startHour + k];
            }

            drafts.Add(new Draft(EventKinds.SentimentDecline, declineBrand, CompetitorOf(declineBrand), 0, startHour, w));
        }

        string[] shortKinds = [EventKinds.LaunchSpike, EventKinds.OutageBurst, EventKinds.ViralPost, EventKinds.CompetitorCampaign];
        var rounds = days >= 24 ? 2 : 1;
        var kinds = new List<(string Kind, int Round)>();
        for (var r = 0; r < rounds; r++)
        {
            var order = shortKinds.ToArray();
            rng.Shuffle(order.AsSpan());
            kinds.AddRange(order.Select(k => (k, r)));
        }

        // One short event per day at most, never on the first or last day, starting in the (European/American)
        // afternoon: the window always ends before the next one starts.
        var slots = Math.Max(0, days - 2);
        var count = Math.Min(kinds.Count, slots);
        var next = 1;
        for (var i = 0; i < count; i++)
        {
            var day = 1 + (i * slots / count);
            var startHour = (day * 24) + 12 + rng.Next(7);
            var brand = brandOrder[next];
            next = next % (brandOrder.Length - 1) + 1;
            var shape = kinds[i].Kind switch
            {
                EventKinds.LaunchSpike => LaunchShape,
                EventKinds.OutageBurst => OutageShape,
                EventKinds.ViralPost => ViralShape,
                _ => CampaignShape,
            };
            var w = shape.Select(m => m * _brands[brand].Weight * averageHour).ToArray();
            drafts.Add(new Draft(kinds[i].Kind, brand, CompetitorOf(brand), kinds[i].Round, startHour, w));
        }

        return drafts;
    }

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

    private PlannedEvent Finish(Draft d, int[] extra, int number)
    {
        var brand = _brands[d.Brand];
        var competitor = _brands[d.Competitor];
        var round = d.Round % 2;
        string tag;
        string? product = null, campaign = null, viral = null;
        List<string> terms;
        switch (d.Kind)
        {
            case EventKinds.LaunchSpike:
                (product, tag) = brand.Launches[round];
                terms = [product.ToLowerInvariant(), "#" + tag, "launch", "preorder"];
                break;
            case EventKinds.OutageBurst:
                tag = brand.Hashtag + "down";
                terms = ["#" + tag, "outage", "down", brand.OutageThing];
                break;
            case EventKinds.ViralPost:
                (viral, tag) = brand.Virals[round];
                terms = ["#" + tag, .. viral.Split(' ').Where(w => w.Length > 5).Distinct().Take(3)];
                break;
            case EventKinds.CompetitorCampaign:
                tag = "switchto" + brand.Id;
                campaign = $"{tag}-{Start.Year}{(round == 0 ? "" : "-b")}";
                terms = ["#" + tag, "switch", competitor.Id];
                break;
            default:
                tag = brand.Hashtag + "prices";
                terms = ["#" + tag, "price hike", "cancel"];
                break;
        }

        var first = Array.FindIndex(extra, n => n > 0);
        var last = Array.FindLastIndex(extra, n => n > 0);
        var decline = d.Kind == EventKinds.SentimentDecline;
        if (decline || first < 0)
        {
            first = 0;
            last = extra.Length - 1;
        }

        var peak = decline ? last + 1 : Array.IndexOf(extra, extra.Max());
        double? before = null, after = null;
        if (decline)
        {
            var p0 = BrandNegativeShare(d.Brand);
            var pEnd = p0 + ((1 - p0) * DeclineStrength);
            before = Math.Round(p0, 3);
            after = Math.Round(((pEnd * 1) + (DeclineExtraEnd * DeclineExtraNegative)) / (1 + DeclineExtraEnd), 3);
        }

        var truth = new TruthEvent
        {
            Id = $"e{number}-{d.Kind}-{brand.Id}",
            Kind = d.Kind,
            Brand = brand.Id,
            Competitor = d.Kind == EventKinds.CompetitorCampaign ? competitor.Id : null,
            Campaign = campaign,
            Start = Start.AddHours(d.StartHour + first),
            Peak = Start.AddHours(d.StartHour + peak),
            End = Start.AddHours(d.StartHour + last + 1),
            Terms = terms,
            ExtraPosts = extra.Sum(),
            NegativeShareBefore = before,
            NegativeShareAfter = after,
        };
        return new PlannedEvent
        {
            Truth = truth,
            BrandIndex = d.Brand,
            CompetitorIndex = d.Competitor,
            Round = d.Round,
            StartHour = d.StartHour,
            Extra = extra,
            Tag = tag,
            ProductName = product,
            Campaign = campaign,
            ViralText = viral,
            DeclineStrength = decline ? DeclineStrength : 0,
        };
    }
}
