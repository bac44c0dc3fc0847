namespace Marketing.Ingest.Formats;

public static class InputFormats
{
    /// <summary>The names accepted by <c>--format</c>, first name of each is the canonical one.</summary>
    public static readonly IReadOnlyList<(string Name, InputFormat Format)> Names =
    [
        ("auto", InputFormat.Auto),
        ("json", InputFormat.Own),
        ("jsonl", InputFormat.Own),
        ("own", InputFormat.Own),
        ("x-v2", InputFormat.XV2),
        ("xv2", InputFormat.XV2),
        ("twitter-v1", InputFormat.TwitterV1),
        ("twitter", InputFormat.TwitterV1),
        ("v1.1", InputFormat.TwitterV1),
        ("reddit", InputFormat.Reddit),
        ("csv", InputFormat.Csv),
        ("tsv", InputFormat.Tsv),
    ];

    public static InputFormat Parse(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return InputFormat.Auto;
        }

        foreach (var (n, f) in Names)
        {
            if (string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return f;
            }
        }

        throw new ArgumentException($"Unknown format '{name}'. Use one of: auto, json (also jsonl), x-v2, twitter-v1, reddit, csv, tsv.");
    }

    public static string Name(this InputFormat format) => format switch
    {
        InputFormat.Own => "json",
        InputFormat.XV2 => "x-v2",
        InputFormat.TwitterV1 => "twitter-v1",
        InputFormat.Reddit => "reddit",
        InputFormat.Csv => "csv",
        InputFormat.Tsv => "tsv",
        _ => "auto",
    };
}
