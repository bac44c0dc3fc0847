namespace Marketing.Ingest.Sources;

/// <summary>How a file's bytes split into records.</summary>
public enum FileLayout
{
    /// <summary>One JSON record per line (JSONL / NDJSON).</summary>
    JsonLines,

    /// <summary>One JSON document (an API response, a pretty-printed array), read whole up to Ingest:MaxDocumentBytes.</summary>
    JsonDocument,

    /// <summary>Delimited text with a header row; records may span lines inside quotes.</summary>
    Delimited,
}
