using System.Text;
using Marketing.Ingest.Sources;
using NUnit.Framework;

namespace Marketing.Ingest.Tests.Pipeline;

public class RecordSplitterTests
{
    [Test]
    public async Task Records_in_an_arena_keep_their_bytes_across_blocks_and_large_records()
    {
        // Sizes around the arena's 1 MiB blocks and its 256 KiB own-array threshold, CRLF endings and blank lines.
        var sizes = new[] { 10, 300_000, 5, 700_000, 200_000, 262_145, 1, 90_000, 500_000, 3 };
        var expected = sizes.Select((n, i) => new string((char)('a' + i), n)).ToList();
        var file = string.Join("\r\n\r\n", expected) + "\n";
        var splitter = new RecordSplitter(new MemoryStream(Encoding.UTF8.GetBytes(file)), maxRecordBytes: 1 << 20, quoteAware: false);
        using var arena = new RecordArena();

        var records = new List<RawRecord>();
        while (await splitter.NextAsync(CancellationToken.None, arena) is { } r)
        {
            records.Add(r);
        }

        Assert.Multiple(() =>
        {
            Assert.That(records.Select(r => Encoding.UTF8.GetString(r.Data.Span)), Is.EqualTo(expected));
            Assert.That(records.Select(r => r.Line), Is.EqualTo(Enumerable.Range(0, sizes.Length).Select(i => 1L + (2 * i))));
            Assert.That(records.All(r => !r.Truncated), Is.True);
        });
    }

    [Test]
    public async Task An_arena_reset_between_batches_reuses_its_space_without_mixing_records()
    {
        var lines = Enumerable.Range(0, 50).Select(i => $"{{\"n\":{i},\"pad\":\"{new string('z', i * 997 % 5000)}\"}}").ToList();
        var splitter = new RecordSplitter(new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines))), maxRecordBytes: 1 << 20, quoteAware: false);
        using var arena = new RecordArena();
        var seen = new List<string>();
        while (true)
        {
            arena.Reset();
            var batch = new List<RawRecord>();
            while (batch.Count < 6 && await splitter.NextAsync(CancellationToken.None, arena) is { } r)
            {
                batch.Add(r);
            }

            if (batch.Count == 0)
            {
                break;
            }

            // Read the whole batch only after it is complete, as the decoder does.
            seen.AddRange(batch.Select(r => Encoding.UTF8.GetString(r.Data.Span)));
        }

        Assert.That(seen, Is.EqualTo(lines));
    }

    [Test]
    public async Task A_record_over_the_limit_keeps_only_its_start_and_its_full_length()
    {
        var file = "short\n" + new string('x', 5000) + "\nafter\n";
        var splitter = new RecordSplitter(new MemoryStream(Encoding.UTF8.GetBytes(file)), maxRecordBytes: 1000, quoteAware: false, keepWhenTooLarge: 100);
        using var arena = new RecordArena();

        var first = await splitter.NextAsync(CancellationToken.None, arena);
        var big = await splitter.NextAsync(CancellationToken.None, arena);
        var last = await splitter.NextAsync(CancellationToken.None, arena);

        Assert.Multiple(() =>
        {
            Assert.That(Encoding.UTF8.GetString(first!.Value.Data.Span), Is.EqualTo("short"));
            Assert.That(big!.Value.Truncated, Is.True);
            Assert.That(big.Value.Length, Is.EqualTo(5000));
            Assert.That(big.Value.Data.Length, Is.EqualTo(100));
            Assert.That(Encoding.UTF8.GetString(last!.Value.Data.Span), Is.EqualTo("after"));
            Assert.That(last.Value.Line, Is.EqualTo(3));
        });
    }
}
