namespace Marketing.Synth.Output;

/// <summary>Where <see cref="SynthWriter"/> writes. Folders are created as needed.</summary>
public sealed class SynthFiles
{
    /// <summary>One post per line: <c>SnakeCaseJson.Serialize(socialPost)</c>.</summary>
    public required string Posts { get; init; }

    /// <summary>The <see cref="Truth.SynthTruth"/> as indented snake_case JSON.</summary>
    public required string Truth { get; init; }

    /// <summary>The per-post labels TSV; default <see cref="LabelsPathFor"/>(<see cref="Truth"/>).</summary>
    public string? Labels { get; init; }

    /// <summary>The matching brand watchlist JSON, or null to write none.</summary>
    public string? Watchlist { get; init; }

    public string LabelsPath => Labels ?? LabelsPathFor(Truth);

    /// <summary><c>truth.json</c> -> <c>truth.json.labels.tsv</c>, beside it.</summary>
    public static string LabelsPathFor(string truthPath) => truthPath + ".labels.tsv";
}
