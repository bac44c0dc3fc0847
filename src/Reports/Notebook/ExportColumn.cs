namespace Marketing.Reports.Notebook;

/// <summary>One column of an exported table, with what it means (the data dictionary is generated from these).</summary>
public sealed record ExportColumn(string Name, ColumnType Type, string Meaning)
{
    public string TypeName => Type switch
    {
        ColumnType.Text => "string",
        ColumnType.Integer => "int64",
        ColumnType.Real => "float64",
        ColumnType.Timestamp => "timestamp (UTC)",
        _ => "date (UTC)",
    };
}
