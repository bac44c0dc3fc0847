using Marketing.Generation.Evidence;
using Marketing.Llm;

namespace Marketing.Generation.Drafting;

/// <summary>The result of one run: what docs/draft.schema.json describes and drafts.json holds.</summary>
public sealed class DraftSet
{
    public string SchemaVersion { get; set; } = "1";

    /// <summary>{brand}-{yyyyMMddTHHmmssZ}: the artifact key under kind "draft".</summary>
    public string RunId { get; set; } = "";

    public string Brand { get; set; } = "";

    public string BrandName { get; set; } = "";

    public string Goal { get; set; } = "";

    /// <summary>file or derived (a derived profile should be reviewed).</summary>
    public string ProfileSource { get; set; } = "";

    /// <summary>offline-template, or the LLM provider (drafts that fell back say so themselves).</summary>
    public string Provider { get; set; } = "";

    public string Model { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public List<string> Channels { get; set; } = [];

    public List<string> Segments { get; set; } = [];

    public List<Draft> Drafts { get; set; } = [];

    public List<RejectedDraft> Rejected { get; set; } = [];

    public EvidencePack Evidence { get; set; } = new();

    /// <summary>LLM calls, cache hits, tokens and cost for this run (all zero offline).</summary>
    public LlmUsage? LlmUsage { get; set; }

    public List<string> Notes { get; set; } = [];
}
