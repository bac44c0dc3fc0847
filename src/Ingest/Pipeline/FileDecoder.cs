using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using Marketing.Core.Domain;
using Marketing.Ingest.Formats;
using Marketing.Ingest.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketing.Ingest.Pipeline;

/// <summary>
/// Reads a file (or stdin) as a stream of decoded batches: split into records (never the whole file in memory,
/// except one JSON document up to Ingest:MaxDocumentBytes), decoded in parallel, then flagged for near-duplicates in
/// file order so the first post of a text is always the earliest one.
/// </summary>
public sealed class FileDecoder(RecordDecoder decoder, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>Where <c>-</c> reads from (tests replace stdin).</summary>
    public Func<Stream>? Stdin { get; init; }

    /// <summary>Decoding threads; defaults to the processor count.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    public async IAsyncEnumerable<DecodedBatch> ReadAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var options = decoder.Options;
        var name = path == InputOpener.Stdin ? "stdin" : path;
        using var input = await InputOpener.OpenAsync(path, Stdin, ct);
        var (layout, delimiter) = LayoutSniffer.Sniff(path, decoder.Format, input.Head.Span);
        _logger.LogInformation("{File}: {Layout}{Gzip}, format {Format}", name, layout, input.Gzip ? " (gzip)" : "", decoder.Format.Name());

        if (layout == FileLayout.JsonDocument)
        {
            await foreach (var b in ReadDocumentAsync(input.Stream, name, options, ct))
            {
                yield return b;
            }

            yield break;
        }

        var splitter = new RecordSplitter(input.Stream, options.MaxRecordBytes, quoteAware: layout == FileLayout.Delimited, keepWhenTooLarge: options.MaxRejectRawChars * 4);
        IReadOnlyDictionary<string, int>? columns = null;
        var headerCount = 0;
        if (layout == FileLayout.Delimited)
        {
            var header = await splitter.NextAsync(ct);
            if (header is null)
            {
                yield break;
            }

            var headerText = Encoding.UTF8.GetString(header.Value.Data.Span).TrimStart('\uFEFF');
            var fields = CsvParser.Parse(headerText, delimiter, out var error)
                ?? throw new InvalidDataException($"{name}: the header row is not valid CSV ({error}).");
            columns = decoder.Columns.Resolve(fields, name);
            headerCount = fields.Count;
        }

        // The records of one batch live in one arena, reused once the batch is decoded (decoding copies what it keeps).
        // Two sets of them: the next batch is split from the input on another thread while this one is decoded, so
        // the reading is off the decoding's critical path (it was the one serial step between two batches).
        var size = Math.Max(1, options.BatchSize);
        RecordArena[] arenas = [new(), new()];
        RawRecord[][] recordSets = [new RawRecord[size], new RawRecord[size]];
        // Per record: its result, or (most records: one own-schema post) just its post.
        var results = new DecodeResult?[size];
        var singles = new SocialPost?[size];
        // A single post's near-duplicate key, hashed right after it is decoded (its text is still in the cache then;
        // hashed later over the whole batch, most of the time went to fetching the texts back).
        var singleKeys = new ulong[size];
        var singleKeyStates = new byte[size];
        Task<int>? next = null;
        try
        {
            var current = 0;
            var count = await SplitAsync(splitter, arenas[current], recordSets[current], ct);
            while (count > 0)
            {
                var (nextArena, nextRecords) = (arenas[1 - current], recordSets[1 - current]);
                next = Task.Run(() => SplitAsync(splitter, nextArena, nextRecords, ct), ct);
                var records = recordSets[current];
                Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Parallelism), CancellationToken = ct }, i =>
                {
                    results[i] = DecodeOne(records[i], name, columns, headerCount, delimiter, out singles[i]);
                    singleKeyStates[i] = singles[i] is { } single ? decoder.NearDuplicateKey(single, out singleKeys[i]) : RecordDecoder.KeyNotComputed;
                });

                var batch = new DecodedBatch(name, new List<SocialPost>(count), []);
                var keys = new List<(ulong Key, byte State)>(count);
                for (var i = 0; i < count; i++)
                {
                    if (results[i] is { } result)
                    {
                        batch.Posts.AddRange(result.Posts);
                        batch.Rejects.AddRange(result.Rejects);
                        for (var k = 0; k < result.Posts.Count; k++)
                        {
                            keys.Add((0, RecordDecoder.KeyNotComputed));
                        }

                        results[i] = null;
                    }
                    else
                    {
                        batch.Posts.Add(singles[i]!);
                        keys.Add((singleKeys[i], singleKeyStates[i]));
                        singles[i] = null;
                    }
                }

                decoder.FlagNearDuplicates(batch.Posts, keys);
                yield return batch;
                count = await next;
                next = null;
                current = 1 - current;
            }
        }
        finally
        {
            // A split still running reads the input: it ends before the input is disposed (its error, if any, is
            // moot once the enumeration stops early).
            if (next is not null)
            {
                await Task.WhenAny(next);
            }

            foreach (var arena in arenas)
            {
                arena.Dispose();
            }
        }
    }

    /// <summary>Reads up to <c>records.Length</c> records into <paramref name="arena"/> (reset first); returns how many.</summary>
    private static async Task<int> SplitAsync(RecordSplitter splitter, RecordArena arena, RawRecord[] records, CancellationToken ct)
    {
        arena.Reset();
        var count = 0;
        while (count < records.Length && await splitter.NextAsync(ct, arena) is { } record)
        {
            records[count++] = record;
        }

        return count;
    }

    // Per-post hot path: compiled fully optimized on first call. With tiering, an ingest of a few seconds ran much of
    // this code as tier-0 and PGO-instrumented code and paid for three compilations (see README, ingest, Measured).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private DecodeResult? DecodeOne(RawRecord record, string name, IReadOnlyDictionary<string, int>? columns, int headerCount, char delimiter, out SocialPost? single)
    {
        single = null;
        var source = $"{name}:{record.Line}";
        if (record.Truncated)
        {
            return decoder.Reject(RejectReasons.TooLarge,
                $"The record is {record.Length:N0} bytes; the limit is {decoder.Options.MaxRecordBytes:N0} (Ingest:MaxRecordBytes){(columns is null ? "" : "; in CSV an unclosed quote makes a record run on")}.",
                source, record.Data);
        }

        if (columns is null)
        {
            return decoder.DecodeUnflagged(record.Data, source, decoder.Options.MaxRecordBytes, out single);
        }

        if (!Utf8.IsValid(record.Data.Span))
        {
            return decoder.Reject(RejectReasons.InvalidUtf8, "The row is not valid UTF-8. Re-encode the file as UTF-8.", source, record.Data);
        }

        var text = Encoding.UTF8.GetString(record.Data.Span);
        var fields = CsvParser.Parse(text, delimiter, out var error);
        if (fields is null)
        {
            return decoder.Reject(RejectReasons.BadCsv, error!, source, record.Data);
        }

        if (fields.Count != headerCount)
        {
            return decoder.Reject(RejectReasons.BadCsv, $"The row has {fields.Count} fields; the header has {headerCount}.", source, record.Data);
        }

        return decoder.DecodeRow(columns, fields, source, text);
    }

    private async IAsyncEnumerable<DecodedBatch> ReadDocumentAsync(Stream stream, string name, IngestOptions options, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var limit = options.MaxDocumentBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int n;
        while ((n = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > limit)
            {
                var reject = decoder.MakeReject(RejectReasons.TooLarge,
                    $"The JSON document is larger than {limit:N0} bytes (Ingest:MaxDocumentBytes). Split it, or convert it to JSONL (one post per line).",
                    name, Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)Math.Min(buffer.Length, options.MaxRejectRawChars)));
                yield return new DecodedBatch(name, [], [reject]);
                yield break;
            }

            buffer.Write(chunk, 0, n);
        }

        var result = decoder.DecodeUnflagged(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), name, limit);
        var posts = result.Posts;
        for (var i = 0; i < Math.Max(1, posts.Count); i += options.BatchSize)
        {
            var slice = posts.Skip(i).Take(options.BatchSize).ToList();
            decoder.FlagNearDuplicates(slice);
            yield return new DecodedBatch(name, slice, i == 0 ? result.Rejects.ToList() : []);
        }
    }
}
