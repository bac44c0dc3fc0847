namespace Marketing.Generation.Evidence;

/// <summary>
/// What the analysis found about one brand, bounded (top N per kind) and deterministic for the same store: the facts the
/// copy may use, each with references back to its posts, bursts and topics.
/// </summary>
public sealed class EvidencePack
{
    public string Brand { get; set; } = "";

    public DateTimeOffset Since { get; set; }

    public DateTimeOffset Until { get; set; }

    public long PostsAnalyzed { get; set; }

    public long Positive { get; set; }

    public long Neutral { get; set; }

    public long Negative { get; set; }

    /// <summary>What people like: distinctive terms and phrases of positive posts about the brand.</summary>
    public List<EvidenceItem> Themes { get; set; } = [];

    /// <summary>What people complain about: distinctive terms and phrases of negative posts.</summary>
    public List<EvidenceItem> PainPoints { get; set; } = [];

    /// <summary>Hashtags by growth in the later part of the window.</summary>
    public List<EvidenceItem> Hashtags { get; set; } = [];

    /// <summary>Bursts found by trend detection (artifacts of kind "burst"), when it has run.</summary>
    public List<EvidenceItem> Bursts { get; set; } = [];

    /// <summary>Topics found by trend analysis (artifacts of kind "topic"), when it has run.</summary>
    public List<EvidenceItem> Topics { get; set; } = [];

    /// <summary>The segment the copy targets, when one is given.</summary>
    public EvidenceItem? Segment { get; set; }

    /// <summary>Example posts for the LLM (untrusted, fenced in prompts).</summary>
    public List<SamplePost> SamplePosts { get; set; } = [];

    /// <summary>Handles of verified accounts that talk about the brand: copy may mention them.</summary>
    public List<string> VerifiedHandles { get; set; } = [];

    public IEnumerable<EvidenceItem> All() =>
        Themes.Concat(PainPoints).Concat(Hashtags).Concat(Bursts).Concat(Topics).Concat(Segment is null ? [] : [Segment]);

    public EvidenceItem? Find(string id) => All().FirstOrDefault(i => i.Id == id);

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty => PostsAnalyzed == 0;
}
