using System.Text;
using Parquet;
using Parquet.Schema;

namespace Marketing.Reports.Notebook;

/// <summary>
/// Writes one table to NAME.csv and NAME.parquet side by side, row by row: rows are buffered and flushed as Parquet
/// row groups, so a million posts never sit in memory at once.
/// </summary>
internal sealed class TableWriter : IAsyncDisposable
{
    private const int RowGroupSize = 50_000;

    private readonly ExportTable _table;
    private readonly StreamWriter _csv;
    private readonly Stream _parquetStream;
    private readonly ParquetSchema _schema;
    private readonly List<object?[]> _buffer = [];
    private ParquetWriter? _parquet;

    private TableWriter(ExportTable table, StreamWriter csv, Stream parquetStream)
    {
        _table = table;
        _csv = csv;
        _parquetStream = parquetStream;
        _schema = new ParquetSchema(table.Columns.Select(Field).ToArray());
    }

    public long Rows { get; private set; }

    public static async Task<TableWriter> CreateAsync(ExportTable table, string dir, CancellationToken ct)
    {
        var csv = new StreamWriter(Path.Combine(dir, table.Name + ".csv"), false, new UTF8Encoding(false));
        await csv.WriteAsync(string.Join(',', table.Columns.Select(c => CsvText.Quote(c.Name))) + "\r\n");
        var parquet = File.Create(Path.Combine(dir, table.Name + ".parquet"));
        var writer = new TableWriter(table, csv, parquet);
        writer._parquet = await ParquetWriter.CreateAsync(writer._schema, parquet, cancellationToken: ct);
        return writer;
    }

    public async Task AddAsync(object?[] row, CancellationToken ct)
    {
        await _csv.WriteAsync(CsvText.Row(_table.Columns, row));
        _buffer.Add(row);
        Rows++;
        if (_buffer.Count >= RowGroupSize)
        {
            await FlushAsync(ct);
        }
    }

    private static DataField Field(ExportColumn c) => c.Type switch
    {
        ColumnType.Text => new DataField<string>(c.Name, true),
        ColumnType.Integer => new DataField<long?>(c.Name),
        ColumnType.Real => new DataField<double?>(c.Name),
        _ => new DataField<DateTime?>(c.Name),
    };

    private async Task FlushAsync(CancellationToken ct)
    {
        if (_buffer.Count == 0 || _parquet is null)
        {
            return;
        }

        using var group = _parquet.CreateRowGroup();
        for (var i = 0; i < _table.Columns.Count; i++)
        {
            var column = _table.Columns[i];
            var field = _schema.DataFields[i];
            switch (column.Type)
            {
                case ColumnType.Text:
                    await group.WriteAsync(field, _buffer.Select(r => r[i] is null ? null : CsvText.Format(r[i], column.Type)).ToArray());
                    break;
                case ColumnType.Integer:
                    await group.WriteAsync<long>(field, _buffer.Select(r => r[i] switch { long l => l, int n => (long?)n, _ => null }).ToArray(), null, null, ct);
                    break;
                case ColumnType.Real:
                    await group.WriteAsync<double>(field, _buffer.Select(r => r[i] switch { double d when !double.IsNaN(d) => d, float f => (double?)f, _ => null }).ToArray(), null, null, ct);
                    break;
                default:
                    await group.WriteAsync<DateTime>(field, _buffer.Select(r => r[i] is DateTimeOffset t ? (column.Type == ColumnType.Date ? t.UtcDateTime.Date : t.UtcDateTime) : (DateTime?)null).ToArray(), null, null, ct);
                    break;
            }
        }

        _buffer.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await FlushAsync(CancellationToken.None);
        if (_parquet is not null)
        {
            await _parquet.DisposeAsync();
        }

        await _parquetStream.DisposeAsync();
        await _csv.DisposeAsync();
    }
}
