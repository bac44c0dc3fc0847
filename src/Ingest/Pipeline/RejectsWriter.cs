using System.Text;
using System.Text.Json;
using Marketing.Core.Domain;
using Marketing.Core.Json;

namespace Marketing.Ingest.Pipeline;

/// <summary>
/// Appends rejects as JSONL: {"reason":..,"detail":..,"source":"file:line","raw":"(truncated)","at":..}. The file is
/// created on the first reject, so a clean run leaves none behind.
/// </summary>
public sealed class RejectsWriter(string path) : IAsyncDisposable
{
    private StreamWriter? _writer;

    public string Path { get; } = path;

    public long Written { get; private set; }

    public async Task WriteAsync(IReadOnlyList<RejectedRecord> rejects, CancellationToken ct)
    {
        if (_writer is null)
        {
            if (System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path)) is { } dir)
            {
                Directory.CreateDirectory(dir);
            }

            _writer = new StreamWriter(Path, append: true, new UTF8Encoding(false));
        }

        foreach (var r in rejects)
        {
            await _writer.WriteLineAsync(JsonSerializer.Serialize(r, SnakeCaseJson.Options).AsMemory(), ct);
            Written++;
        }

        await _writer.FlushAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }
    }
}
