using System.CommandLine;
using System.Globalization;
using Marketing.Analysis.Segments;
using Marketing.Analysis.Topics;
using Marketing.Analysis.Trends;
using Marketing.Core.Json;
using Marketing.Llm;
using Marketing.Synth.Truth;

namespace Marketing.Cli.Commands;

/// <summary><c>mkt trends</c>, <c>mkt topics</c>, <c>mkt segments</c>: what is happening, about what, and to whom.</summary>
public static class TrendCommands
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static IEnumerable<Command> Create() => [Trends(), Topics(), Segments()];

    private static Command Trends()
    {
        var brand = new Option<string?>("--brand") { Description = "Only this brand id (default: all brands)." };
        var since = new Option<string?>("--since") { Description = "From this time (ISO-8601 or a date). Default: 30 days before --until." };
        var until = new Option<string?>("--until") { Description = "Before this time. Default: just after the newest stored post." };
        var bucket = BucketOption(BucketSize.Hour);
        var tz = new Option<string?>("--tz") { Description = "IANA time zone for local days and weeks, e.g. Europe/Paris (default UTC)." };
        var term = new Option<string[]>("--term") { Description = "Also build a series (and test for bursts) for this term; repeatable.", AllowMultipleArgumentsPerToken = true };
        var evaluate = new Option<string?>("--evaluate") { Description = "Score detected bursts and shifts against a 'mkt synth' truth file: prints recall, precision, peak_error_buckets." };
        var top = new Option<int>("--top") { Description = "Rows per table in the text output.", DefaultValueFactory = _ => 10 };
        var json = JsonOption.Create();
        var cmd = new Command("trends", "Series, bursts (with what explains them), new series, emerging terms, sentiment shifts, share of voice and top authors. Saves the run for reports and the dashboard.")
        {
            brand, since, until, bucket, tz, term, evaluate, top, json,
        };
        return cmd.WithAction(async (ctx, parse, ct) =>
        {
            var size = ParseBucket(parse.GetValue(bucket));
            var zone = parse.GetValue(tz);
            ValidateZone(zone);
            SynthTruth? truth = null;
            if (parse.GetValue(evaluate) is { } truthPath)
            {
                truth = LoadTruth(truthPath);
            }

            var watchlist = ctx.TryLoadBrands();
            var query = new TrendQuery
            {
                Brand = parse.GetValue(brand)?.Trim().ToLowerInvariant(),
                Since = TimeArgument.Parse(parse.GetValue(since), "--since") ?? truth?.Start,
                Until = TimeArgument.Parse(parse.GetValue(until), "--until") ?? truth?.End,
                Bucket = size,
                TimeZone = zone,
                Terms = parse.GetValue(term) ?? [],
                Competitors = watchlist?.Brands.ToDictionary(b => b.Id, b => (IReadOnlyList<string>)b.Competitors, StringComparer.Ordinal)
                              ?? new Dictionary<string, IReadOnlyList<string>>(),
            };
            if (query.Since is { } s && query.Until is { } u && s >= u)
            {
                throw new UsageException("--since must be before --until.");
            }

            var store = await ctx.StoreAsync(ct);
            var llm = LlmClientFactory.Create(ctx.Configuration, ctx.LoggerFactory, store);
            var analyzer = new TrendAnalyzer(store, llm, ctx.Logger<TrendAnalyzer>());
            var report = await analyzer.AnalyzeAsync(query, ct);
            if (report.Series.Count == 0)
            {
                ctx.Error.WriteLine($"trends: no posts in the window in {store.DisplayName}. Ingest some first ('mkt ingest', or 'mkt synth' then 'mkt ingest').");
            }

            await analyzer.SaveAsync(report, ct);
            if (truth is not null)
            {
                return WriteEvaluation(ctx, parse.GetValue(json), truth, report);
            }

            if (parse.GetValue(json))
            {
                ctx.WriteJson(report);
            }
            else
            {
                WriteTrends(ctx.Out, report, Math.Max(1, parse.GetValue(top)));
            }

            return ExitCodes.Ok;
        });
    }

    private static Command Topics()
    {
        var brand = new Option<string?>("--brand") { Description = "Only posts about this brand." };
        var since = new Option<string?>("--since") { Description = "From this time (ISO-8601 or a date)." };
        var until = new Option<string?>("--until") { Description = "Before this time." };
        var bucket = BucketOption(BucketSize.Day);
        var tz = new Option<string?>("--tz") { Description = "IANA time zone for the topic series buckets." };
        var k = new Option<int>("--k") { Description = "Topics made by a first fit.", DefaultValueFactory = _ => 12 };
        var seed = new Option<int>("--seed") { Description = "Seed: same posts and seed give the same topics and ids.", DefaultValueFactory = _ => 42 };
        var refit = new Option<bool>("--refit") { Description = "Discard the saved topic model and fit anew (ids restart at t01)." };
        var json = JsonOption.Create();
        var cmd = new Command("topics", "Cluster posts into topics (TF-IDF + k-means, labelled by class-based TF-IDF), assigning to the saved topics first; topic volume over time.")
        {
            brand, since, until, bucket, tz, k, seed, refit, json,
        };
        return cmd.WithAction(async (ctx, parse, ct) =>
        {
            if (parse.GetValue(k) is < 2 or > 100)
            {
                throw new UsageException("--k must be between 2 and 100.");
            }

            ValidateZone(parse.GetValue(tz));
            var store = await ctx.StoreAsync(ct);
            var llm = LlmClientFactory.Create(ctx.Configuration, ctx.LoggerFactory, store);
            var report = await new TopicAnalyzer(store, llm, ctx.Logger<TopicAnalyzer>()).RunAsync(new TopicQuery
            {
                Brand = parse.GetValue(brand)?.Trim().ToLowerInvariant(),
                Since = TimeArgument.Parse(parse.GetValue(since), "--since"),
                Until = TimeArgument.Parse(parse.GetValue(until), "--until"),
                Bucket = ParseBucket(parse.GetValue(bucket)),
                TimeZone = parse.GetValue(tz),
                Refit = parse.GetValue(refit),
                Options = new TopicOptions { K = parse.GetValue(k), Seed = parse.GetValue(seed) },
            }, ct);
            if (parse.GetValue(json))
            {
                ctx.WriteJson(report);
                return ExitCodes.Ok;
            }

            var o = ctx.Out;
            o.WriteLine(string.Create(Ci, $"topics  {report.Mode} on {report.PostsRead:N0} posts{(report.Sampled ? " (sampled)" : "")}, {report.Since:yyyy-MM-dd HH:mm} .. {report.Until:yyyy-MM-dd HH:mm}, {report.Unassigned:N0} unassigned"));
            Table(o, ["id", "posts", "share", "net", "new", "label", "terms"], report.Topics.Select(t => new[]
            {
                t.Id, t.Posts.ToString("N0", Ci), t.Share.ToString("P1", Ci), t.NetSentiment.ToString("+0.00;-0.00", Ci), t.IsNew ? "new" : "",
                Clip(t.Label, 40), Clip(string.Join(", ", t.Terms.Take(6)), 60),
            }));
            return ExitCodes.Ok;
        });
    }

    private static Command Segments()
    {
        var since = new Option<string?>("--since") { Description = "From this time (ISO-8601 or a date)." };
        var until = new Option<string?>("--until") { Description = "Before this time." };
        var k = new Option<int?>("--k") { Description = "Segments to make (default: one per region holding 3% of authors, 2 to 12)." };
        var seed = new Option<int>("--seed") { Description = "Seed of ML.NET k-means.", DefaultValueFactory = _ => 42 };
        var json = JsonOption.Create();
        var cmd = new Command("segments", "Audience segments (ML.NET k-means over region, follower band, platform, topics, brand sentiment, engagement) with what each likes and dislikes.")
        {
            since, until, k, seed, json,
        };
        return cmd.WithAction(async (ctx, parse, ct) =>
        {
            if (parse.GetValue(k) is < 2 or > 12)
            {
                throw new UsageException("--k must be between 2 and 12.");
            }

            var store = await ctx.StoreAsync(ct);
            var report = await new SegmentAnalyzer(store, ctx.Logger<SegmentAnalyzer>()).RunAsync(new SegmentQuery
            {
                Since = TimeArgument.Parse(parse.GetValue(since), "--since"),
                Until = TimeArgument.Parse(parse.GetValue(until), "--until"),
                K = parse.GetValue(k),
                Seed = parse.GetValue(seed),
            }, ct);
            if (parse.GetValue(json))
            {
                ctx.WriteJson(report);
                return ExitCodes.Ok;
            }

            var o = ctx.Out;
            o.WriteLine(string.Create(Ci, $"segments  {report.Segments.Count} over {report.Authors:N0} authors ({report.PostsRead:N0} posts{(report.Sampled ? ", sampled" : "")})"));
            Table(o, ["id", "authors", "posts", "description", "likes", "dislikes"], report.Segments.Select(s => new[]
            {
                s.Id, s.Authors.ToString("N0", Ci), s.Posts.ToString("N0", Ci), Clip(s.Description, 70),
                string.Join(", ", s.Likes.Select(l => $"{l.Key} {l.Value:+0.00;-0.00}")), string.Join(", ", s.Dislikes.Select(l => $"{l.Key} {l.Value:+0.00;-0.00}")),
            }));
            o.WriteLine();
            o.WriteLine("most positive segment per brand");
            Table(o, ["brand", "overall", "most positive", "most negative"], report.BrandRanking.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new[]
            {
                kv.Key, report.OverallPolarity.GetValueOrDefault(kv.Key).ToString("+0.00;-0.00", Ci), kv.Value.FirstOrDefault() ?? "-", kv.Value.LastOrDefault() ?? "-",
            }));
            return ExitCodes.Ok;
        });
    }

    private static int WriteEvaluation(CliContext ctx, bool json, SynthTruth truth, TrendReport report)
    {
        var expected = truth.Events.Select(e => new ExpectedEvent(e.Kind, e.Brand, e.Start, e.Peak, e.End, e.Id)).ToList();
        var detected = TrendEvaluator.Detections(report);
        var eval = TrendEvaluator.Evaluate(expected, detected, TimeBuckets.NominalWidth(report.Bucket));
        var matches = eval.Matches.Select(m => new
        {
            @event = m.Expected.Id,
            kind = m.Expected.Kind,
            brand = m.Expected.Brand,
            peak = m.Expected.Peak,
            detected = m.Detected?.Id,
            detected_peak = m.Detected?.Peak,
            peak_error_buckets = m.PeakErrorBuckets,
        }).ToList();
        if (json)
        {
            ctx.WriteJson(new
            {
                recall = eval.Recall,
                precision = eval.Precision,
                peak_error_buckets = eval.PeakErrorBuckets,
                max_peak_error_buckets = eval.MaxPeakErrorBuckets,
                bucket = report.Bucket,
                events = eval.Events,
                detected = eval.Detected,
                matched_events = eval.MatchedEvents,
                correct_detections = eval.CorrectDetections,
                matches,
                false_positives = eval.FalsePositives,
            });
        }
        else
        {
            var o = ctx.Out;
            o.WriteLine(string.Create(Ci, $"recall     {eval.Recall:0.000}  ({eval.MatchedEvents}/{eval.Events} truth events found)"));
            o.WriteLine(string.Create(Ci, $"precision  {eval.Precision:0.000}  ({eval.CorrectDetections}/{eval.Detected} detections match an event)"));
            o.WriteLine(string.Create(Ci, $"peak error {eval.PeakErrorBuckets:0.00} {report.Bucket} buckets on average, {eval.MaxPeakErrorBuckets:0.##} at most"));
            o.WriteLine("match: same brand, overlapping window, peak within one bucket");
            Table(o, ["event", "peak", "detected as", "error"], matches.Select(m => new[]
            {
                m.@event ?? m.kind, m.peak.ToString("yyyy-MM-dd HH:mm", Ci), m.detected ?? "MISSED", m.peak_error_buckets?.ToString("0.##", Ci) ?? "",
            }));
            if (eval.FalsePositives.Count > 0)
            {
                o.WriteLine();
                o.WriteLine("detections matching no event: " + string.Join(", ", eval.FalsePositives.Select(f => f.Id)));
            }
        }

        return ExitCodes.Ok;
    }

    private static void WriteTrends(TextWriter o, TrendReport r, int top)
    {
        o.WriteLine(string.Create(Ci, $"trends  {r.Since:yyyy-MM-dd HH:mm} .. {r.Until:yyyy-MM-dd HH:mm} {r.TimeZone}, {r.Bucket} buckets, {r.Series.Count} series, {r.BurstTests:N0} bucket tests (FDR 1%)"));
        o.WriteLine();
        o.WriteLine("volume by brand");
        Table(o, ["brand", "posts", "net", "negative", "engagement", "busiest bucket"], r.Series.Where(s => s.Kind == "brand").OrderByDescending(s => s.Total).Select(s =>
        {
            var scored = s.Points.Sum(p => p.Scored);
            var busiest = s.Points.MaxBy(p => p.Volume)!;
            return new[]
            {
                s.Key, s.Total.ToString("N0", Ci),
                scored == 0 ? "-" : ((s.Points.Sum(p => p.Positive) - s.Points.Sum(p => p.Negative)) / (double)scored).ToString("+0.00;-0.00", Ci),
                scored == 0 ? "-" : (s.Points.Sum(p => p.Negative) / (double)scored).ToString("P1", Ci),
                s.Points.Sum(p => p.Engagement).ToString("N0", Ci), $"{busiest.Start:MM-dd HH:mm} ({busiest.Volume:N0})",
            };
        }));
        o.WriteLine();
        o.WriteLine(string.Create(Ci, $"bursts ({r.Bursts.Count}; explanations: {r.ExplanationSource})"));
        Table(o, ["series", "peak", "start .. end", "posts", "x expected", "q", "label"], r.Bursts.Take(top).Select(b => new[]
        {
            $"{b.SeriesKind}:{b.Key}", b.Peak.ToString("MM-dd HH:mm", Ci), $"{b.Start:MM-dd HH:mm} .. {b.End:MM-dd HH:mm}",
            b.Observed.ToString("N0", Ci), b.Ratio.ToString("0.0", Ci), b.QValue.ToString("0.0E+0", Ci), Clip(b.Label ?? "", 50),
        }));
        foreach (var b in r.Bursts.Take(Math.Min(top, 5)).Where(b => b.Explanation is not null))
        {
            o.WriteLine(string.Create(Ci, $"  {b.Id}: {b.Explanation}"));
            o.WriteLine(string.Create(Ci, $"    posts: {string.Join(" ", b.SamplePostIds)}"));
        }

        if (r.NewSeries.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("new series (started inside the window; not tested during their burn-in)");
            Table(o, ["series", "first seen", "posts in burn-in", "posts"], r.NewSeries.OrderByDescending(n => n.Total).Take(top).Select(n => new[]
            {
                $"{n.Kind}:{n.Key}", n.FirstSeen.ToString("MM-dd HH:mm", Ci), n.VolumeInBurnIn.ToString("N0", Ci), n.Total.ToString("N0", Ci),
            }));
        }

        o.WriteLine();
        o.WriteLine("sentiment shifts (two-proportion z-test on the negative share)");
        Table(o, ["brand", "kind", "direction", "peak", "negative", "baseline", "z", "q", "h"], r.Shifts.Take(top).Select(s => new[]
        {
            s.Brand, s.BurstId is null ? s.Kind : "in burst", s.Direction, s.Peak.ToString("MM-dd HH:mm", Ci), s.NegativeShare.ToString("P1", Ci),
            s.BaselineNegativeShare.ToString("P1", Ci), s.Z.ToString("0.0", Ci), s.QValue.ToString("0.0E+0", Ci), s.EffectH.ToString("0.00", Ci),
        }));
        o.WriteLine();
        o.WriteLine(string.Create(Ci, $"emerging terms (recent vs before; {r.PostsRead:N0} posts read{(r.Sampled ? ", sampled" : "")})"));
        Table(o, ["term", "recent", "before", "growth", "z", "new"], r.Emerging.Take(top).Select(e => new[]
        {
            e.Term, e.Recent.ToString("N0", Ci), e.Baseline.ToString("N0", Ci), e.Growth.ToString("0.0", Ci), e.Z.ToString("0.0", Ci), e.IsNew ? "new" : "",
        }));
        if (r.ShareOfVoice.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("share of voice against competitors");
            Table(o, ["brand", "shares"], r.ShareOfVoice.Select(s => new[]
            {
                s.Brand, string.Join("  ", s.Overall.Select(kv => $"{kv.Key} {kv.Value:P1}")),
            }));
        }

        o.WriteLine();
        o.WriteLine("top authors (followers x engagement)");
        Table(o, ["author", "platform", "followers", "posts", "engagement", "brands", "net"], r.TopAuthors.Take(top).Select(a => new[]
        {
            a.Handle ?? a.AuthorId, a.Platform, a.Followers.ToString("N0", Ci), a.Posts.ToString("N0", Ci), a.Engagement.ToString("N0", Ci),
            Clip(string.Join(",", a.Brands), 30), a.NetSentiment.ToString("+0.00;-0.00", Ci),
        }));
    }

    private static void Table(TextWriter o, string[] header, IEnumerable<string[]> rows)
    {
        var all = new List<string[]> { header };
        all.AddRange(rows);
        if (all.Count == 1)
        {
            o.WriteLine("  (none)");
            return;
        }

        var widths = header.Select((_, c) => all.Max(r => r[c].Length)).ToArray();
        foreach (var row in all)
        {
            o.WriteLine("  " + string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        }
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    private static Option<string> BucketOption(BucketSize @default) =>
        new("--bucket") { Description = "hour, day or week.", DefaultValueFactory = _ => @default.ToString().ToLowerInvariant() };

    private static BucketSize ParseBucket(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "hour" or "hourly" or "h" => BucketSize.Hour,
        "day" or "daily" or "d" => BucketSize.Day,
        "week" or "weekly" or "w" => BucketSize.Week,
        _ => throw new UsageException($"--bucket '{value}' is not one of hour, day, week."),
    };

    private static void ValidateZone(string? zone)
    {
        try
        {
            TimeBuckets.ParseZone(zone);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException("--tz: " + ex.Message.Split(" (Parameter", 2)[0]);
        }
    }

    private static SynthTruth LoadTruth(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"--evaluate: truth file '{path}' does not exist. Write one with 'mkt synth --truth {path}'.");
        }

        try
        {
            return SnakeCaseJson.Deserialize<SynthTruth>(File.ReadAllText(path))
                   ?? throw new UsageException($"--evaluate: '{path}' is empty.");
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new UsageException($"--evaluate: '{path}' is not a truth file written by 'mkt synth' ({ex.Message}).");
        }
    }
}
