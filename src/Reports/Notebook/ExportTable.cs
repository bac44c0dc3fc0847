namespace Marketing.Reports.Notebook;

/// <summary>An exported table: a file stem (posts → posts.csv, posts.parquet), what a row is, and its columns.</summary>
public sealed record ExportTable(string Name, string Row, IReadOnlyList<ExportColumn> Columns);
