using System.Buffers;

namespace Marketing.Ingest.Sources;

/// <summary>
/// Holds the bytes of one batch of records in a few large pooled blocks instead of one array per record, so
/// splitting a file allocates next to nothing. <see cref="Reset"/> makes the space reusable: call it only when
/// nothing refers to the records of the previous batch any more (decoding copies what it keeps into strings).
/// </summary>
public sealed class RecordArena : IDisposable
{
    private const int BlockSize = 1 << 20;
    private readonly List<byte[]> _blocks = [];
    private int _block;
    private int _used;

    /// <summary>Copies <paramref name="bytes"/> into the arena and returns where they are.</summary>
    public ReadOnlyMemory<byte> Add(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > BlockSize / 4)
        {
            // Rare large records get their own array (collected with the batch) rather than wasting a block.
            return bytes.ToArray();
        }

        if (_blocks.Count == 0 || _used + bytes.Length > _blocks[_block].Length)
        {
            if (_blocks.Count > 0)
            {
                _block++;
            }

            if (_block == _blocks.Count)
            {
                _blocks.Add(ArrayPool<byte>.Shared.Rent(BlockSize));
            }

            _used = 0;
        }

        var block = _blocks[_block];
        bytes.CopyTo(block.AsSpan(_used));
        var memory = block.AsMemory(_used, bytes.Length);
        _used += bytes.Length;
        return memory;
    }

    /// <summary>Forgets every record added so far; the blocks are kept for the next batch.</summary>
    public void Reset()
    {
        _block = 0;
        _used = 0;
    }

    public void Dispose()
    {
        foreach (var b in _blocks)
        {
            ArrayPool<byte>.Shared.Return(b);
        }

        _blocks.Clear();
        Reset();
    }
}
