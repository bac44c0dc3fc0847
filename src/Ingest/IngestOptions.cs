namespace Marketing.Ingest;

/// <summary>
/// Settings of the ingest stage, bound from the <c>Ingest</c> configuration section (environment form
/// <c>MKT__Ingest__MaxRecordBytes</c>), then overridden by command options.
/// </summary>
public sealed class IngestOptions
{
    public const string SectionName = "Ingest";

    /// <summary>A record (JSONL line, CSV row, Kafka message) longer than this is rejected as <c>too_large</c>. Default 1 MiB.</summary>
    public int MaxRecordBytes { get; set; } = 1 << 20;

    /// <summary>A whole JSON document (an X API response, a Reddit listing) may be this large. Default 256 MiB.</summary>
    public long MaxDocumentBytes { get; set; } = 256L << 20;

    /// <summary>JSON deeper than this is rejected as <c>bad_json</c> (protects against 100k nested brackets).</summary>
    public int MaxJsonDepth { get; set; } = 64;

    /// <summary>
    /// Posts per batch handed to the enrichers and the store. Batches in flight (one being decoded, two queued, one
    /// being written) are what survives each young-generation GC: at 5000 every gen0 collection of a file ingest
    /// copied 45-75 MB of posts, at 2000 its GC threads cost a third as much, and the store writes 2000 as fast.
    /// </summary>
    public int BatchSize { get; set; } = 2000;

    /// <summary>
    /// Language detection: <c>missing</c> (default: only when the source gives no language), <c>always</c>
    /// (detect and overwrite), or <c>off</c>.
    /// </summary>
    public string LanguageDetection { get; set; } = "missing";

    /// <summary>
    /// ISO 639-1 codes the detector chooses among. Restricting the set makes detection faster and short texts less
    /// likely to be labelled an exotic language.
    /// </summary>
    public List<string> Languages { get; set; } = ["en", "fr", "de", "es", "it", "pt", "nl"];

    /// <summary>Texts with fewer letters than this are not sent to the statistical detector (it guesses on short snippets).</summary>
    public int MinLanguageLetters { get; set; } = 20;

    /// <summary>The statistical detector's answer is kept only at this confidence or more.</summary>
    public double MinLanguageConfidence { get; set; } = 0.5;

    /// <summary>Flag posts whose normalized text was seen before under another id (retweets, copy-paste campaigns).</summary>
    public bool FlagNearDuplicates { get; set; } = true;

    /// <summary>Normalized texts shorter than this are never near-duplicates ("thanks!" is not a campaign).</summary>
    public int NearDuplicateMinChars { get; set; } = 24;

    /// <summary>How many distinct texts the near-duplicate index remembers; memory stays bounded (about 64 bytes each).</summary>
    public int NearDuplicateCapacity { get; set; } = 1_000_000;

    /// <summary>Platform given to records that name none (CSV rows, own-schema records without <c>platform</c>).</summary>
    public string? DefaultPlatform { get; set; }

    /// <summary>CSV/TSV column mapping, field=column (see <see cref="Formats.ColumnMap"/>).</summary>
    public string? Map { get; set; }

    /// <summary>How many characters of a rejected record are kept in the rejects file and store.</summary>
    public int MaxRejectRawChars { get; set; } = 2000;
}
