using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Marketing.Core.Domain;
using Marketing.Core.Json;

namespace Marketing.Synth.Output;

/// <summary>
/// Writes a generated stream: posts.jsonl (one <c>SnakeCaseJson</c> post per line), the truth JSON, the labels TSV
/// beside it and the matching watchlist. One pass, constant memory, buffered UTF-8 without BOM. Each file is written
/// to a temporary name and moved into place at the end, so an interrupted run never leaves a half file behind.
/// </summary>
public static class SynthWriter
{
    public const string LabelsHeader = "label\ttext\tplatform\tpost_id";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <param name="progress">Called with the number of posts written so far, every 50,000 posts and at the end.</param>
    public static SynthRunSummary Write(SynthGenerator generator, SynthFiles files, Action<long>? progress = null, CancellationToken ct = default) =>
        Write(generator, files, pipelined: Environment.ProcessorCount > 1, progress, ct);

    /// <param name="pipelined">Generate on a second thread while this one serializes (same output either way).</param>
    public static SynthRunSummary Write(SynthGenerator generator, SynthFiles files, bool pipelined, Action<long>? progress = null, CancellationToken ct = default)
    {
        var sw = Stopwatch.StartNew();
        var labelsPath = files.LabelsPath;
        var postsTmp = Temp(files.Posts);
        var labelsTmp = Temp(labelsPath);
        var written = 0;
        var nonEnglish = 0;
        var labelCounts = new int[4];
        try
        {
            using (var posts = new FileStream(postsTmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            using (var labels = new StreamWriter(labelsTmp, false, Utf8, 1 << 16))
            {
                labels.Write(LabelsHeader);
                labels.Write('\n');
                var buffer = new ArrayBufferWriter<byte>(4096);
                // The writer's own options decide escaping: take the encoder from SnakeCaseJson so each line equals
                // SnakeCaseJson.Serialize(post) exactly.
                using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = SnakeCaseJson.Options.Encoder, Indented = false, SkipValidation = true });
                void WriteOne(SynthPost p)
                {
                    buffer.ResetWrittenCount();
                    json.Reset(buffer);
                    JsonSerializer.Serialize(json, p.Post, SnakeCaseJson.Options);
                    json.Flush();
                    posts.Write(buffer.WrittenSpan);
                    posts.WriteByte((byte)'\n');

                    labels.Write(p.Truth.ToWire());
                    labels.Write('\t');
                    WriteFlat(labels, p.Post.Text);
                    labels.Write('\t');
                    labels.Write(p.Post.Platform);
                    labels.Write('\t');
                    labels.Write(p.Post.PostId);
                    labels.Write('\n');

                    labelCounts[(int)p.Truth]++;
                    if (p.Post.Language != "en")
                    {
                        nonEnglish++;
                    }

                    if (++written % 50_000 == 0)
                    {
                        ct.ThrowIfCancellationRequested();
                        progress?.Invoke(written);
                    }
                }

                if (!pipelined)
                {
                    foreach (var p in generator.Generate())
                    {
                        WriteOne(p);
                    }
                }
                else
                {
                    // Generation and serialization each take about half the time: run them on two threads, in
                    // order, through a small bounded queue of batches (memory stays flat, the output is the same).
                    using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    using var queue = new BlockingCollection<SynthPost[]>(boundedCapacity: 4);
                    var producer = Task.Run(() => Produce(generator, queue, stop.Token), stop.Token);
                    try
                    {
                        foreach (var batch in queue.GetConsumingEnumerable(stop.Token))
                        {
                            foreach (var p in batch)
                            {
                                if (p is null)
                                {
                                    break;
                                }

                                WriteOne(p);
                            }
                        }
                    }
                    finally
                    {
                        // On a write error the producer may be blocked on a full queue: stop it before leaving.
                        stop.Cancel();
                        WaitQuietly(producer);
                    }

                    // A failure while generating surfaces here.
                    producer.GetAwaiter().GetResult();
                    ct.ThrowIfCancellationRequested();
                }
            }

            if (written != generator.Options.Posts)
            {
                throw new InvalidOperationException($"synth wrote {written} posts where {generator.Options.Posts} were planned; this is a bug in Marketing.Synth.");
            }

            if (written % 50_000 != 0)
            {
                progress?.Invoke(written);
            }

            var truth = generator.Truth;
            truth.LabelsFile = Relative(files.Truth, labelsPath);
            truth.WatchlistFile = files.Watchlist is null ? null : Relative(files.Truth, files.Watchlist);
            WriteText(files.Truth, SnakeCaseJson.Serialize(truth, indented: true) + "\n");
            if (files.Watchlist is not null)
            {
                WriteText(files.Watchlist, generator.Watchlist.ToJson() + "\n");
            }

            Move(postsTmp, files.Posts);
            Move(labelsTmp, labelsPath);
        }
        finally
        {
            File.Delete(postsTmp);
            File.Delete(labelsTmp);
        }

        var seconds = sw.Elapsed.TotalSeconds;
        var fileMap = new Dictionary<string, string> { ["posts"] = files.Posts, ["truth"] = files.Truth, ["labels"] = labelsPath };
        if (files.Watchlist is not null)
        {
            fileMap["brands"] = files.Watchlist;
        }

        return new SynthRunSummary
        {
            Posts = written,
            Days = generator.Options.Days,
            Seed = generator.Options.Seed,
            Start = generator.Start,
            End = generator.End,
            Events = generator.Truth.Events.Count,
            Segments = generator.Truth.Segments.Count,
            Brands = generator.Truth.Brands.Count,
            Authors = generator.Truth.Segments.Sum(s => s.Authors),
            NonEnglish = nonEnglish,
            Labels = new Dictionary<string, int>
            {
                ["positive"] = labelCounts[(int)SentimentLabel.Positive],
                ["neutral"] = labelCounts[(int)SentimentLabel.Neutral],
                ["negative"] = labelCounts[(int)SentimentLabel.Negative],
            },
            Files = fileMap,
            Seconds = Math.Round(seconds, 2),
            PostsPerSecond = Math.Round(written / Math.Max(seconds, 1e-9)),
        };
    }

    /// <summary>Reads a labels TSV back: (label, text, platform, post id) per line after the header.</summary>
    public static IEnumerable<(SentimentLabel Label, string Text, string Platform, string PostId)> ReadLabels(string path)
    {
        using var reader = new StreamReader(path, Utf8);
        var header = reader.ReadLine();
        if (header != LabelsHeader)
        {
            throw new FormatException($"{path}: expected the header '{LabelsHeader.Replace("\t", "<TAB>", StringComparison.Ordinal)}'.");
        }

        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split('\t');
            if (parts.Length != 4)
            {
                throw new FormatException($"{path}: a line has {parts.Length} fields, expected 4.");
            }

            yield return (SentimentLabels.Parse(parts[0]), parts[1], parts[2], parts[3]);
        }
    }

    private const int BatchSize = 256;

    private static void Produce(SynthGenerator generator, BlockingCollection<SynthPost[]> queue, CancellationToken ct)
    {
        try
        {
            var batch = new SynthPost[BatchSize];
            var n = 0;
            foreach (var p in generator.Generate())
            {
                batch[n++] = p;
                if (n == BatchSize)
                {
                    queue.Add(batch, ct);
                    batch = new SynthPost[BatchSize];
                    n = 0;
                }
            }

            if (n > 0)
            {
                queue.Add(batch, ct);
            }
        }
        finally
        {
            queue.CompleteAdding();
        }
    }

    private static void WaitQuietly(Task task)
    {
        try
        {
            task.Wait(CancellationToken.None);
        }
        catch (AggregateException)
        {
            // Observed again by the caller when it matters.
        }
    }

    private static void WriteFlat(StreamWriter writer, string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\t' or '\n' or '\r')
            {
                writer.Write(text.AsSpan(start, i - start));
                writer.Write(' ');
                start = i + 1;
            }
        }

        writer.Write(text.AsSpan(start));
    }

    private static string Temp(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return full + ".tmp";
    }

    private static void WriteText(string path, string text)
    {
        var tmp = Temp(path);
        try
        {
            File.WriteAllText(tmp, text, Utf8);
            Move(tmp, path);
        }
        finally
        {
            File.Delete(tmp);
        }
    }

    private static void Move(string from, string to) => File.Move(from, Path.GetFullPath(to), overwrite: true);

    private static string Relative(string truthPath, string other)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(truthPath))!;
        return Path.GetRelativePath(dir, Path.GetFullPath(other)).Replace('\\', '/');
    }
}
