namespace Marketing.Reports.Notebook;

/// <summary>Where an export is and how many rows each table got. Paths are absolute.</summary>
public sealed record NotebookExportResult(
    string Dir,
    string Notebook,
    string DataDictionary,
    IReadOnlyDictionary<string, long> Rows,
    IReadOnlyList<string> Files,
    bool Redacted,
    TimeSpan Elapsed);
