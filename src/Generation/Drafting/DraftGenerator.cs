using Marketing.Core.Storage;
using Marketing.Generation.Channels;
using Marketing.Generation.Evidence;
using Marketing.Generation.Guardrails;
using Marketing.Generation.Profiles;
using Marketing.Generation.Targeting;
using Marketing.Llm;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketing.Generation.Drafting;

/// <summary>
/// Turns the evidence into channel copy: builds the evidence pack, plans A/B variants per channel, asks the writer (the
/// LLM when one is configured, else templates), and passes every candidate through the channel validator, the
/// guardrails and an evidence check. A candidate that fails is regenerated with the reasons, up to
/// <see cref="DraftRequest.MaxAttempts"/>, then rejected with them. When the LLM is unavailable or keeps answering
/// garbage, the slot falls back to the template writer and the draft says so.
/// </summary>
public sealed class DraftGenerator
{
    private readonly IPostStore _store;
    private readonly ILlmClient? _llm;
    private readonly IDraftWriter? _writer;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TemplateDraftWriter _template = new();

    /// <param name="llm">Null or an offline provider: templates only.</param>
    /// <param name="writer">Overrides the writer (tests); by default the LLM writer or the template writer.</param>
    public DraftGenerator(IPostStore store, ILlmClient? llm = null, ILogger<DraftGenerator>? logger = null, TimeProvider? time = null, IDraftWriter? writer = null)
    {
        _store = store;
        _llm = llm is { Provider.IsOffline: false } ? llm : null;
        _writer = writer;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _time = time ?? TimeProvider.System;
    }

    public async Task<DraftSet> GenerateAsync(DraftRequest request, CancellationToken ct = default)
    {
        if (request.Variants is < 1 or > 26)
        {
            throw new ArgumentException("Variants must be between 1 and 26.", nameof(request));
        }

        var profile = request.Profile ?? BrandProfiles.Default(request.Brand);
        var now = _time.GetUtcNow();
        var corpus = await BrandCorpus.LoadAsync(_store, request.Brand, request.Watchlist, request.Evidence, ct);
        if (corpus.Posts.Count == 0)
        {
            throw new InvalidOperationException(
                $"No posts about '{request.Brand.Id}' {corpus.WindowText}: there is no evidence to write from. Ingest or synthesize posts first, or widen --since/--until.");
        }

        _logger.LogInformation("Evidence for {Brand}: {Posts} posts ({Positive} positive, {Negative} negative)",
            request.Brand.Id, corpus.Posts.Count, corpus.Posts.Count(p => p.Label == Core.Domain.SentimentLabel.Positive),
            corpus.Posts.Count(p => p.Label == Core.Domain.SentimentLabel.Negative));
        var brandPack = await EvidenceBuilder.BuildAsync(_store, corpus, request.Evidence, ct: ct);

        var set = new DraftSet
        {
            RunId = $"{request.Brand.Id}-{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}",
            Brand = request.Brand.Id,
            BrandName = profile.Name,
            Goal = request.Goal ?? profile.Goal,
            ProfileSource = profile.Source,
            Provider = _writer is not null ? "custom" : _llm?.Provider.Name ?? TemplateDraftWriter.ProviderName,
            Model = _writer is not null ? "custom" : _llm?.Provider.Model ?? TemplateDraftWriter.ModelName,
            CreatedAt = now,
            Channels = [.. request.Channels],
            Evidence = brandPack,
        };
        if (profile.Source == "derived")
        {
            set.Notes.Add($"No brand profile was given: one was derived from the watchlist (landing page {profile.LandingUrl}, no approved claims). Review it, then pass --profile FILE.");
        }

        if (brandPack.Positive + brandPack.Negative == 0)
        {
            set.Notes.Add("No post about the brand has a sentiment label yet, so there are no themes or pain points and the variants differ little: score sentiment first (mkt train, then ingest with the model), then generate again.");
        }

        if (corpus.Dropped > 0)
        {
            set.Notes.Add($"{corpus.Dropped} older posts were left out to stay within {BrandCorpus.MaxPosts} per run.");
        }

        var audiences = await ResolveAudiencesAsync(request, corpus, ct);
        set.Segments = [.. audiences.Where(a => a is not null).Select(a => a!.Segment.Id)];
        var llmDown = (string?)null;
        foreach (var audience in audiences)
        {
            var pack = audience is null ? brandPack : SegmentPack(corpus, brandPack, audience, request.Evidence);
            var context = new DraftContext(profile, pack, new Guardrail(profile, pack.VerifiedHandles));
            foreach (var channel in request.Channels)
            {
                foreach (var slot in DraftSlot.Plan(channel, request.Variants, audience?.Segment.Id))
                {
                    ct.ThrowIfCancellationRequested();
                    var (draft, rejected, down) = await DraftSlotAsync(request, context, slot, now, llmDown, ct);
                    llmDown ??= down;
                    if (draft is not null)
                    {
                        set.Drafts.Add(draft);
                    }
                    else
                    {
                        set.Rejected.Add(rejected!);
                        _logger.LogWarning("Rejected {Channel} {Variant}: {Reasons}", slot.Channel, slot.Variant, string.Join("; ", rejected!.Reasons.Select(r => r.Detail)));
                    }
                }
            }
        }

        if (llmDown is not null)
        {
            set.Notes.Add($"The LLM was unavailable ({llmDown}); the remaining drafts were written from templates and say so.");
        }

        set.LlmUsage = _llm?.Usage;
        await DraftArtifacts.SaveAsync(_store, set, ct);
        _logger.LogInformation("{Drafts} drafts, {Rejected} rejected, saved as draft/{RunId}", set.Drafts.Count, set.Rejected.Count, set.RunId);
        return set;
    }

    private async Task<(Draft? Draft, RejectedDraft? Rejected, string? LlmDown)> DraftSlotAsync(
        DraftRequest request, DraftContext context, DraftSlot slot, DateTimeOffset now, string? llmDown, CancellationToken ct)
    {
        var writer = _writer ?? (_llm is not null && llmDown is null ? new LlmDraftWriter(_llm) : _template);
        var previous = (IReadOnlyList<Violation>)[];
        var provider = writer == _template ? TemplateDraftWriter.ProviderName : _llm?.Provider.Name ?? "custom";
        string? down = null;
        var allGarbage = true;
        for (var attempt = 0; attempt < request.MaxAttempts; attempt++)
        {
            DraftCandidate candidate;
            try
            {
                candidate = await writer.WriteAsync(context, slot, attempt, previous, ct);
            }
            catch (LlmUnavailableException ex)
            {
                // Retries, backoff and the breaker live in the LLM client; once it gives up, templates take over.
                down = ex.Message;
                _logger.LogWarning("LLM unavailable for {Channel} {Variant}, writing from templates: {Reason}", slot.Channel, slot.Variant, ex.Message);
                return Finish(_template.Write(context, slot, 0, "llm unavailable: " + ex.Message));
            }
            catch (DraftAnswerException ex)
            {
                previous = [new Violation("bad_answer", "draft", ex.Message)];
                continue;
            }

            allGarbage = false;
            var draft = ToDraft(request, context, slot, candidate, now, attempt + 1);
            var errors = Check(context, draft);
            if (errors.Count == 0)
            {
                return (draft, null, down);
            }

            previous = errors;
        }

        if (allGarbage)
        {
            return Finish(_template.Write(context, slot, 0, $"llm answers unusable after {request.MaxAttempts} attempts: {previous[0].Detail}"));
        }

        return (null, new RejectedDraft(slot.Channel, slot.Variant, slot.TestedElement, slot.Segment, request.MaxAttempts, provider, previous), down);

        (Draft?, RejectedDraft?, string?) Finish(DraftCandidate fallback)
        {
            var d = ToDraft(request, context, slot, fallback, now, 1);
            var errs = Check(context, d);
            return errs.Count == 0
                ? (d, null, down)
                : (null, new RejectedDraft(slot.Channel, slot.Variant, slot.TestedElement, slot.Segment, 1, TemplateDraftWriter.ProviderName, errs), down);
        }
    }

    /// <summary>Channel limits, guardrails, and at least one evidence reference the pack knows. Sets claims and warnings on the draft.</summary>
    public static List<Violation> Check(DraftContext context, Draft draft)
    {
        var (errors, warnings) = ChannelValidator.Validate(draft);
        var guard = context.Guardrail.Check(draft);
        errors.AddRange(guard.Violations);
        draft.ClaimsUsed = [.. guard.ClaimsUsed];
        draft.ClaimCitations = [.. guard.ClaimCitations];
        draft.Warnings = warnings;
        if (draft.EvidenceIds.Count == 0)
        {
            errors.Add(new Violation("no_evidence", "draft", "The draft cites no evidence from the store; every draft must rest on posts, bursts or topics."));
        }

        return errors;
    }

    private static Draft ToDraft(DraftRequest request, DraftContext context, DraftSlot slot, DraftCandidate c, DateTimeOffset now, int attempts)
    {
        // Keep only references the evidence pack holds: an LLM may invent ids, and those must not pass as evidence.
        var known = context.Evidence.All().ToDictionary(i => i.Id, StringComparer.Ordinal);
        var knownRefs = new HashSet<string>(context.Evidence.All().SelectMany(i => i.Refs).Concat(context.Evidence.SamplePosts.Select(s => s.Ref)), StringComparer.Ordinal);
        var items = c.EvidenceItems.Where(known.ContainsKey).Distinct().ToList();
        var ids = c.EvidenceIds.Where(knownRefs.Contains)
            .Concat(items.SelectMany(i => known[i].Refs))
            .Distinct().ToList();
        return new Draft
        {
            Id = $"{request.Brand.Id}-{(slot.Segment is null ? "" : slot.Segment + "-")}{slot.Channel}-{slot.Variant}",
            Brand = request.Brand.Id,
            Channel = slot.Channel,
            Variant = slot.Variant,
            TestedElement = slot.TestedElement,
            Segment = slot.Segment,
            Tone = c.Tone,
            Cta = c.Cta,
            Fields = c.Fields,
            EvidenceIds = ids,
            EvidenceItems = items,
            Provider = c.Provider,
            Model = c.Model,
            AiGenerated = c.AiGenerated,
            CreatedAt = now,
            Attempts = attempts,
            FallbackReason = c.FallbackReason,
        };
    }

    private async Task<List<Audience?>> ResolveAudiencesAsync(DraftRequest request, BrandCorpus corpus, CancellationToken ct)
    {
        if (request.Segments.Count == 0)
        {
            return [null];
        }

        var model = await SegmentModels.LoadAsync(_store, corpus, SegmentModels.SourceFor(request.Segments), ct);
        var wanted = request.Segments;
        if (wanted.Count == 1 && wanted[0] is "auto" or "trends")
        {
            // The best audiences by lift (the targeting ranking), two at most so the output stays reviewable.
            var ranked = TargetingAdvisor.Rank(corpus, model);
            wanted = [.. ranked.Where(s => s.Lift.Estimate > 0).Take(2).Select(s => s.Segment.Id)];
            if (wanted.Count == 0)
            {
                return [null];
            }
        }

        var result = new List<Audience?>();
        foreach (var id in wanted)
        {
            var seg = model.Segments.FirstOrDefault(s => s.Id == id)
                      ?? throw new ArgumentException($"Unknown segment '{id}'. Known: {string.Join(", ", model.Segments.Select(s => s.Id))}.");
            result.Add(new Audience(seg, model));
        }

        return result;
    }

    private static EvidencePack SegmentPack(BrandCorpus corpus, EvidencePack brandPack, Audience audience, EvidenceOptions options)
    {
        var seg = audience.Segment;
        var item = new EvidenceItem("segment:" + seg.Id, "segment", seg.Description, seg.Posts, 0, ["segment:" + seg.Id]);
        var pack = EvidenceBuilder.Build(corpus, options, p => audience.Model.SegmentOf(p) == seg.Id, item);
        // A small segment may not have enough posts for its own themes; the brand-wide ones then stand in.
        if (pack.Themes.Count == 0)
        {
            pack.Themes = brandPack.Themes;
        }

        if (pack.PainPoints.Count == 0)
        {
            pack.PainPoints = brandPack.PainPoints;
        }

        if (pack.Hashtags.Count == 0)
        {
            pack.Hashtags = brandPack.Hashtags;
        }

        pack.Bursts = brandPack.Bursts;
        pack.Topics = brandPack.Topics;
        return pack;
    }

    private sealed record Audience(AudienceSegment Segment, ISegmentModel Model);
}
