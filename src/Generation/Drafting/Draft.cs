using System.Text.Json.Serialization;
using Marketing.Generation.Guardrails;

namespace Marketing.Generation.Drafting;

/// <summary>One piece of copy for one channel: an A/B variant, with the evidence it rests on and who wrote it.</summary>
public sealed class Draft
{
    /// <summary>Stable within a run: {brand}-{channel}-{variant}.</summary>
    public string Id { get; set; } = "";

    public string Brand { get; set; } = "";

    public string Channel { get; set; } = "";

    /// <summary>A, B, C... within the channel.</summary>
    public string Variant { get; set; } = "";

    /// <summary>The element this variant changes against variant A: hook, benefit, cta or tone.</summary>
    public string TestedElement { get; set; } = "";

    /// <summary>The segment the copy speaks to, or null for the brand's whole audience.</summary>
    public string? Segment { get; set; }

    public string Tone { get; set; } = "";

    public string Cta { get; set; } = "";

    public DraftFields Fields { get; set; } = new();

    /// <summary>Store references the copy rests on: post:{platform}/{id}, burst:..., topic:..., hashtag:#tag.</summary>
    public List<string> EvidenceIds { get; set; } = [];

    /// <summary>Evidence-pack items used (theme:..., pain:..., trend:...).</summary>
    public List<string> EvidenceItems { get; set; } = [];

    /// <summary>Approved-claim ids stated in the copy.</summary>
    public List<string> ClaimsUsed { get; set; } = [];

    /// <summary>Substantiation that must accompany the claims used (from the claim library).</summary>
    public List<string> ClaimCitations { get; set; } = [];

    /// <summary><c>offline-template</c> or the LLM provider name.</summary>
    public string Provider { get; set; } = "";

    public string Model { get; set; } = "";

    /// <summary>True when an LLM wrote the copy; false for the deterministic template provider.</summary>
    public bool AiGenerated { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>How many candidates were made before this one passed (1 = the first).</summary>
    public int Attempts { get; set; } = 1;

    /// <summary>Why the provider fell back to templates, when it did (e.g. "llm unavailable: HTTP 429").</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FallbackReason { get; set; }

    /// <summary>Soft-limit notes (text past the visible length) that do not reject the draft.</summary>
    public List<Violation> Warnings { get; set; } = [];
}
