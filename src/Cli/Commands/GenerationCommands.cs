using System.CommandLine;
using Marketing.Core.Brands;
using Marketing.Generation.Channels;
using Marketing.Generation.Drafting;
using Marketing.Generation.Evidence;
using Marketing.Generation.Export;
using Marketing.Generation.Profiles;
using Marketing.Generation.Targeting;
using Marketing.Llm;

namespace Marketing.Cli.Commands;

/// <summary>Campaign copy drafts (<c>mkt generate</c>) and ad-targeting suggestions (<c>mkt targeting</c>).</summary>
public static class GenerationCommands
{
    public static IEnumerable<Command> Create() => [Generate(), Targeting()];

    private static Command Generate()
    {
        var brand = new Option<string>("--brand") { Description = "Brand id from the watchlist.", Required = true };
        var channels = new Option<string>("--channels") { Description = "Comma-separated: x, google-rsa, meta, linkedin, instagram (or all).", DefaultValueFactory = _ => "all" };
        var segments = new Option<string>("--segments") { Description = "none (whole audience), auto (the best location segments by lift), trends (the best segments saved by mkt segments), or segment ids comma-separated (see mkt targeting).", DefaultValueFactory = _ => "none" };
        var variants = new Option<int>("--variants") { Description = "A/B variants per channel (1-26): A is the control, each later one changes one element.", DefaultValueFactory = _ => 3 };
        var output = new Option<string?>("--out") { Description = "Folder for drafts.md, drafts.json, drafts.csv, google-ads-rsa.csv and targeting files (default drafts/BRAND)." };
        var profile = new Option<string?>("--profile") { Description = "Brand profile JSON (voice, banned terms, approved claims, links, CTAs); see docs/generation.md. Default: derived from the watchlist." };
        var goal = new Option<string?>("--goal") { Description = "Campaign goal, e.g. awareness, consideration, conversion (overrides the profile)." };
        var since = new Option<string?>("--since") { Description = "Evidence from this time (default: 30 days before the last post)." };
        var until = new Option<string?>("--until") { Description = "Evidence before this time." };
        var json = JsonOption.Create();
        var cmd = new Command("generate", "Draft campaign copy per channel from the stored evidence, with A/B variants, guardrails and exports.")
        {
            brand, channels, segments, variants, output, profile, goal, since, until, json,
        };
        return cmd.WithAction(async (ctx, parse, ct) =>
        {
            var watchlist = ctx.LoadBrands();
            var b = FindBrand(watchlist, parse.GetValue(brand)!);
            IReadOnlyList<string> chosen;
            try
            {
                chosen = ChannelIds.Parse(parse.GetValue(channels));
            }
            catch (ArgumentException ex)
            {
                throw new UsageException("--channels: " + ex.Message);
            }

            var n = parse.GetValue(variants);
            if (n is < 1 or > 26)
            {
                throw new UsageException("--variants must be between 1 and 26.");
            }

            var seg = parse.GetValue(segments)?.Trim() ?? "none";
            IReadOnlyList<string> segmentList = seg is "" or "none" ? [] : seg == "auto" ? ["auto"] : seg.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var brandProfile = parse.GetValue(profile) is { Length: > 0 } path ? BrandProfiles.Load(path) : null;
            if (brandProfile is not null && brandProfile.Brand != b.Id)
            {
                throw new UsageException($"--profile is for brand '{brandProfile.Brand}', not '{b.Id}'.");
            }

            var evidence = new EvidenceOptions { Since = TimeArgument.Parse(parse.GetValue(since), "--since"), Until = TimeArgument.Parse(parse.GetValue(until), "--until") };
            var dir = parse.GetValue(output) is { Length: > 0 } o ? o : Path.Combine("drafts", b.Id);

            var store = await ctx.StoreAsync(ct);
            var llm = LlmClientFactory.Create(ctx.Configuration, ctx.LoggerFactory, store);
            var generator = new DraftGenerator(store, llm, ctx.Logger<DraftGenerator>());
            var set = await generator.GenerateAsync(new DraftRequest
            {
                Brand = b,
                Watchlist = watchlist,
                Profile = brandProfile,
                Channels = chosen,
                Variants = n,
                Segments = segmentList,
                Goal = parse.GetValue(goal),
                Evidence = evidence,
            }, ct);
            var targeting = await new TargetingAdvisor(store, ctx.Logger<TargetingAdvisor>()).SuggestAsync(b, watchlist, evidence, SegmentModels.SourceFor(segmentList), ct);
            var files = DraftExporter.WriteAll(set, targeting, dir);

            if (parse.GetValue(json))
            {
                ctx.WriteJson(new
                {
                    run_id = set.RunId,
                    brand = set.Brand,
                    provider = set.Provider,
                    model = set.Model,
                    drafts = set.Drafts.Count,
                    rejected = set.Rejected.Count,
                    rejected_reasons = set.Rejected.Select(r => new { r.Channel, r.Variant, reasons = r.Reasons.Select(v => v.Code + ": " + v.Detail) }),
                    segments = set.Segments,
                    files,
                    notes = set.Notes,
                    llm_usage = set.LlmUsage,
                });
            }
            else
            {
                ctx.Out.WriteLine($"{set.Drafts.Count} drafts ({set.Provider}, {set.Model}), {set.Rejected.Count} rejected, for {set.BrandName}; saved as draft/{set.RunId}");
                foreach (var d in set.Drafts)
                {
                    var first = d.Fields.All().First();
                    ctx.Out.WriteLine($"  {d.Channel,-10} {d.Variant} {d.TestedElement,-7} {OneLine(first.Value)}");
                }

                foreach (var r in set.Rejected)
                {
                    ctx.Out.WriteLine($"  rejected {r.Channel} {r.Variant}: {string.Join("; ", r.Reasons.Select(v => v.Detail))}");
                }

                foreach (var note in set.Notes)
                {
                    ctx.Error.WriteLine("note: " + note);
                }

                foreach (var f in files)
                {
                    ctx.Out.WriteLine("wrote " + f);
                }
            }

            return ExitCodes.Ok;
        });
    }

    private static Command Targeting()
    {
        var brand = new Option<string>("--brand") { Description = "Brand id from the watchlist.", Required = true };
        var since = new Option<string?>("--since") { Description = "Posts from this time (default: 30 days before the last post)." };
        var until = new Option<string?>("--until") { Description = "Posts before this time." };
        var source = new Option<string>("--segments")
        {
            Description = "location (segments by author location, always available) or trends (the segments saved by mkt segments).",
            DefaultValueFactory = _ => "location",
        };
        source.AcceptOnlyFromAmong("location", "trends");
        var json = JsonOption.Create();
        var cmd = new Command("targeting", "Suggest ad audiences per segment, ranked by lift in positive sentiment (95% CI), with message, channels, hours, exclusions and a lookalike seed.")
        {
            brand, since, until, source, json,
        };
        return cmd.WithAction(async (ctx, parse, ct) =>
        {
            var watchlist = ctx.LoadBrands();
            var b = FindBrand(watchlist, parse.GetValue(brand)!);
            var store = await ctx.StoreAsync(ct);
            var evidence = new EvidenceOptions { Since = TimeArgument.Parse(parse.GetValue(since), "--since"), Until = TimeArgument.Parse(parse.GetValue(until), "--until") };
            var segmentSource = parse.GetValue(source) == "trends" ? SegmentSource.Trends : SegmentSource.Location;
            var report = await new TargetingAdvisor(store, ctx.Logger<TargetingAdvisor>()).SuggestAsync(b, watchlist, evidence, segmentSource, ct);
            if (parse.GetValue(json))
            {
                ctx.WriteJson(report);
            }
            else
            {
                ctx.Out.Write(TargetingMarkdown.Render(report));
            }

            return ExitCodes.Ok;
        });
    }

    private static Brand FindBrand(BrandWatchlist watchlist, string id) =>
        watchlist.Find(id) ?? throw new UsageException($"--brand '{id}' is not in the watchlist. Known: {string.Join(", ", watchlist.Brands.Select(x => x.Id))}.");

    private static string OneLine(string text)
    {
        var flat = text.ReplaceLineEndings(" ");
        return flat.Length <= 100 ? flat : flat[..97] + "...";
    }
}
