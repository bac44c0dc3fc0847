namespace Marketing.Ingest;

/// <summary>The stable reason codes of a rejected record (documented in docs/ingest.md).</summary>
public static class RejectReasons
{
    public const string NoText = "no_text";
    public const string BadDate = "bad_date";
    public const string TooLarge = "too_large";
    public const string InvalidUtf8 = "invalid_utf8";
    public const string BadJson = "bad_json";
    public const string WrongType = "wrong_type";
    public const string MissingId = "missing_id";
    public const string UnknownFormat = "unknown_format";
    public const string BadCsv = "bad_csv";
    public const string Empty = "empty";
}
