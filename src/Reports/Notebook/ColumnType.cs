namespace Marketing.Reports.Notebook;

/// <summary>Column types of the exported tables; each maps to one Parquet type and one CSV text form.</summary>
public enum ColumnType
{
    /// <summary>UTF-8 text; CSV quoted per RFC 4180 when needed.</summary>
    Text,

    /// <summary>64-bit integer.</summary>
    Integer,

    /// <summary>64-bit float; CSV uses the invariant culture ("0.25").</summary>
    Real,

    /// <summary>UTC instant; CSV is ISO 8601 with a Z (2026-11-01T08:00:00.000Z).</summary>
    Timestamp,

    /// <summary>UTC calendar day; CSV is ISO 8601 (2026-11-01). Parquet stores midnight UTC.</summary>
    Date,
}
