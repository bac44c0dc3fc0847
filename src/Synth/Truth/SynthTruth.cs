using System.Text.Json.Serialization;

namespace Marketing.Synth.Truth;

/// <summary>
/// What <c>mkt synth --truth FILE</c> writes: the injected events and the segments' true affinities, so that trend
/// detection and targeting can be scored. Per-post true labels go to <c>FILE.labels.tsv</c> beside it
/// (header <c>label&lt;TAB&gt;text&lt;TAB&gt;platform&lt;TAB&gt;post_id</c>, trainable with <c>mkt train --data</c>).
/// Serialized with SnakeCaseJson.
/// </summary>
public sealed class SynthTruth
{
    public int Seed { get; set; }

    public int Posts { get; set; }

    public DateTimeOffset Start { get; set; }

    public DateTimeOffset End { get; set; }

    public List<TruthEvent> Events { get; set; } = [];

    public List<TruthSegment> Segments { get; set; } = [];

    /// <summary>Path of the per-post labels TSV, relative to the truth file.</summary>
    public string? LabelsFile { get; set; }

    /// <summary>Length of the stream in days (End - Start).</summary>
    public int Days { get; set; }

    /// <summary>Designed share of posts not in English.</summary>
    public double NonEnglishShare { get; set; }

    /// <summary>Ids of the brands in the stream (the written watchlist holds them all).</summary>
    public List<string> Brands { get; set; } = [];

    /// <summary>Path of the watchlist written with the stream, relative to the truth file, when one was written.</summary>
    public string? WatchlistFile { get; set; }
}
