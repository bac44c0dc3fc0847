using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Marketing.Core.Domain;
using Marketing.Core.Storage;
using Marketing.Ingest.Pipeline;
using Marketing.TestSupport;
using NUnit.Framework;
using static Marketing.Ingest.Tests.DecodeHelpers;

namespace Marketing.Ingest.Tests.Pipeline;

[TestFixture(StoreKind.Sqlite)]
[TestFixture(StoreKind.Postgres)]
public class IngestPipelineTests(StoreKind kind)
{
    private IPostStore _store = null!;
    private string _dir = null!;

    [SetUp]
    public async Task SetUp()
    {
        _store = await TestStores.OpenNewAsync(kind);
        _dir = TestPaths.NewTempDir("pipeline");
    }

    [TearDown]
    public async Task TearDown()
    {
        // SetUp may have skipped (no PostgreSQL configured) before a store was opened.
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    private static string Line(string id, string text = "a perfectly normal post", string date = "2026-10-01T08:00:00Z") =>
        $$"""{"platform":"x","post_id":"{{id}}","text":"{{text}}","created_at":"{{date}}"}""";

    private async Task<string> WriteAsync(string name, params string[] lines)
    {
        var path = Path.Combine(_dir, name);
        await File.WriteAllTextAsync(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private IngestPipeline Pipeline(IEnumerable<IPostEnricher>? enrichers = null, Func<Stream>? stdin = null, int batch = 5000) =>
        new(_store, RecordDecoders.Create(Options(o => o.BatchSize = batch), null), enrichers)
        {
            RejectsPath = Path.Combine(_dir, "rejects.jsonl"),
            Stdin = stdin,
        };

    [Test]
    public async Task Ingesting_the_same_file_twice_stores_nothing_twice()
    {
        var path = await WriteAsync("posts.jsonl", Line("1"), Line("2"), Line("3"));

        var first = await Pipeline().IngestFilesAsync([path]);
        var second = await Pipeline().IngestFilesAsync([path]);
        var stats = await _store.GetStatsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(first.Stored, Is.EqualTo(3));
            Assert.That(first.Duplicates, Is.Zero);
            Assert.That(second.Stored, Is.Zero);
            Assert.That(second.Duplicates, Is.EqualTo(3));
            Assert.That(stats.Posts, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task Summary_counts_add_up_read_equals_stored_plus_duplicates_plus_rejected()
    {
        var path = await WriteAsync("mixed.jsonl",
            Line("1"), Line("2"), Line("1"), "not json", Line("3", date: "never"), Line("4", text: ""), Line("5"), Line("2"));

        // Small batches so duplicates fall both within a batch and across batches.
        var s = await Pipeline(batch: 3).IngestFilesAsync([path]);

        Assert.Multiple(() =>
        {
            Assert.That(s.Read, Is.EqualTo(8));
            Assert.That(s.Stored, Is.EqualTo(3));
            Assert.That(s.Duplicates, Is.EqualTo(2));
            Assert.That(s.Rejected, Is.EqualTo(3));
            Assert.That(s.Read, Is.EqualTo(s.Stored + s.Duplicates + s.Rejected));
            Assert.That(s.RejectedByReason, Is.EquivalentTo(new Dictionary<string, long> { ["bad_json"] = 1, ["bad_date"] = 1, ["no_text"] = 1 }));
            Assert.That(s.Files, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Rejects_go_to_the_rejects_file_with_reason_source_line_and_raw_and_to_the_store()
    {
        var path = await WriteAsync("bad.jsonl", Line("1"), "{oops", Line("2", date: "soon"));

        await Pipeline().IngestFilesAsync([path]);
        var lines = await File.ReadAllLinesAsync(Path.Combine(_dir, "rejects.jsonl"));
        var stored = await _store.GetRejectsAsync(10);

        Assert.That(lines, Has.Length.EqualTo(2));
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Multiple(() =>
        {
            Assert.That(first.RootElement.GetProperty("reason").GetString(), Is.EqualTo("bad_json"));
            Assert.That(first.RootElement.GetProperty("source").GetString(), Is.EqualTo(path + ":2"));
            Assert.That(first.RootElement.GetProperty("raw").GetString(), Is.EqualTo("{oops"));
            Assert.That(first.RootElement.GetProperty("detail").GetString(), Is.Not.Empty);
            Assert.That(stored.Select(r => r.Reason), Is.EquivalentTo(new[] { "bad_json", "bad_date" }));
        });
    }

    [Test]
    public async Task A_bad_record_mid_file_with_writes_overlapping_decoding_stores_every_good_record_and_reports_the_bad_one()
    {
        // Batches of 7: each batch is decoded while the one before is written, and its records share one reused buffer.
        var lines = Enumerable.Range(0, 100).Select(i => Line("p" + i, text: $"post number {i} " + new string((char)('a' + (i % 26)), (i * 37 % 400) + 1))).ToArray();
        lines[50] = """{"platform":"x","post_id":"cut","text":"the line ends here""";
        var path = await WriteAsync("mid.jsonl", lines);

        var summary = await Pipeline(batch: 7).IngestFilesAsync([path]);
        var rejects = await File.ReadAllLinesAsync(Path.Combine(_dir, "rejects.jsonl"));
        var texts = new List<string?>();
        for (var i = 0; i < 100; i++)
        {
            texts.Add((await _store.GetPostAsync("x", "p" + i))?.Text);
        }

        using var reject = JsonDocument.Parse(rejects.Single());
        Assert.Multiple(() =>
        {
            Assert.That(summary.Stored, Is.EqualTo(99));
            Assert.That(summary.Rejected, Is.EqualTo(1));
            Assert.That(reject.RootElement.GetProperty("reason").GetString(), Is.EqualTo("bad_json"));
            Assert.That(reject.RootElement.GetProperty("source").GetString(), Is.EqualTo(path + ":51"));
            for (var i = 0; i < 100; i++)
            {
                var expected = i == 50 ? null : $"post number {i} " + new string((char)('a' + (i % 26)), (i * 37 % 400) + 1);
                Assert.That(texts[i], Is.EqualTo(expected), $"post p{i}");
            }
        });
    }

    [Test]
    public async Task A_clean_run_leaves_no_rejects_file()
    {
        var path = await WriteAsync("clean.jsonl", Line("1"));
        await Pipeline().IngestFilesAsync([path]);
        Assert.That(File.Exists(Path.Combine(_dir, "rejects.jsonl")), Is.False);
    }

    [Test]
    public async Task Gzip_files_are_read_by_their_magic_bytes_whatever_their_name()
    {
        var path = Path.Combine(_dir, "posts.data");
        await using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            await gz.WriteAsync(Encoding.UTF8.GetBytes(Line("1") + "\n" + Line("2") + "\n"));
        }

        var s = await Pipeline().IngestFilesAsync([path]);

        Assert.Multiple(async () =>
        {
            Assert.That(s.Stored, Is.EqualTo(2));
            Assert.That(await _store.GetPostAsync("x", "2"), Is.Not.Null);
        });
    }

    [Test]
    public async Task Gzipped_CSV_is_read_by_its_extension_under_gz()
    {
        var path = Path.Combine(_dir, "export.csv.gz");
        await using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            await gz.WriteAsync(Encoding.UTF8.GetBytes("id,text,created_at\n1,\"hello, csv\",2015-02-24 11:35:52 -0800\n"));
        }

        var s = await Pipeline().IngestFilesAsync([path]);
        var post = await _store.GetPostAsync("csv", "1");
        Assert.Multiple(() =>
        {
            Assert.That(s.Stored, Is.EqualTo(1));
            Assert.That(post?.Text, Is.EqualTo("hello, csv"));
        });
    }

    [Test]
    public async Task Dash_reads_stdin()
    {
        var bytes = Encoding.UTF8.GetBytes(Line("s1") + "\n" + Line("s2") + "\n");
        var s = await Pipeline(stdin: () => new MemoryStream(bytes)).IngestFilesAsync(["-"]);
        var post = await _store.GetPostAsync("x", "s1");
        Assert.Multiple(() =>
        {
            Assert.That(s.Stored, Is.EqualTo(2));
            Assert.That(post?.Source, Is.EqualTo("stdin:1"));
        });
    }

    [Test]
    public async Task Every_batch_passes_through_the_enrichers_before_it_is_written()
    {
        var path = await WriteAsync("posts.jsonl", Enumerable.Range(0, 7).Select(i => Line("e" + i)).ToArray());
        var enricher = new MarkingEnricher(_store);

        await Pipeline([enricher], batch: 3).IngestFilesAsync([path]);
        var stored = await _store.GetPostAsync("x", "e6");

        Assert.Multiple(() =>
        {
            Assert.That(enricher.BatchSizes, Is.EqualTo(new[] { 3, 3, 1 }));
            Assert.That(enricher.SawStoredPostBeforeWrite, Is.False);
            Assert.That(stored?.Sentiment?.Scorer, Is.EqualTo("test-enricher"));
        });
    }

    [Test]
    public async Task Near_duplicates_are_flagged_against_the_earliest_post_in_file_order_across_files()
    {
        const string text = "Big sale at Acme this weekend only, get yours before it ends";
        var a = await WriteAsync("a.jsonl", Line("n1", text));
        var b = await WriteAsync("b.jsonl", Line("n2", "RT @acme: " + text), Line("n3", text.ToUpperInvariant() + "!!!"));

        var s = await Pipeline().IngestFilesAsync([a, b]);
        var n3 = await _store.GetPostAsync("x", "n3");

        Assert.Multiple(() =>
        {
            Assert.That(s.NearDuplicates, Is.EqualTo(2));
            Assert.That(s.Files, Is.EqualTo(2));
            Assert.That(n3?.NearDuplicateOf, Is.EqualTo("n1"));
        });
    }

    [Test]
    public async Task A_missing_file_fails_before_anything_is_ingested()
    {
        var good = await WriteAsync("good.jsonl", Line("1"));
        var missing = Path.Combine(_dir, "nope.jsonl");

        var ex = await Assert.ThrowsAsync<FileNotFoundException>(async () => await Pipeline().IngestFilesAsync([good, missing]));
        var stats = await _store.GetStatsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain("nope.jsonl"));
            Assert.That(stats.Posts, Is.Zero);
        });
    }

    [Test]
    public async Task Posts_of_every_fixture_format_are_stored()
    {
        var files = new[] { "own.jsonl", "x-v2-search.json", "twitter-v1.jsonl", "reddit-listing.json", "reddit-comments.jsonl", "export.tsv" }.Select(Fixture).ToList();

        var s = await Pipeline().IngestFilesAsync(files);
        var stats = await _store.GetStatsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(s.Stored, Is.EqualTo(2 + 2 + 3 + 3 + 2 + 2));
            Assert.That(s.RejectedByReason, Is.EquivalentTo(new Dictionary<string, long> { ["no_text"] = 1 }));
            Assert.That(stats.Posts, Is.EqualTo(s.Stored));
        });
    }

    /// <summary>Marks each post as scored and records batch sizes; checks that nothing of the batch is stored yet.</summary>
    private sealed class MarkingEnricher(IPostStore store) : IPostEnricher
    {
        public List<int> BatchSizes { get; } = [];

        public bool SawStoredPostBeforeWrite { get; private set; }

        public async ValueTask EnrichAsync(IReadOnlyList<SocialPost> batch, CancellationToken ct)
        {
            BatchSizes.Add(batch.Count);
            foreach (var p in batch)
            {
                SawStoredPostBeforeWrite |= await store.GetPostAsync(p.Platform, p.PostId, ct) is not null;
                p.Sentiment = new SentimentResult(SentimentLabel.Neutral, 0.1f, 0.8f, 0.1f, "test-enricher", "v0");
            }
        }
    }
}
