using System.Text;
using Marketing.Core.Domain;
using Marketing.TestSupport;
using NUnit.Framework;
using static Marketing.Ingest.Tests.DecodeHelpers;

namespace Marketing.Ingest.Tests;

/// <summary>Every reject reason, and fuzzed input: clear reasons, no crash.</summary>
public class RejectTests
{
    private static RejectedRecord RejectOf(byte[] raw, IngestOptions? options = null)
    {
        var r = RecordDecoders.Create(options ?? Options(), null).Decode(raw, "src:7");
        Assert.That(r.Posts, Is.Empty);
        Assert.That(r.Rejects, Has.Count.EqualTo(1));
        return r.Rejects[0];
    }

    [Test]
    public void Each_reject_reason_is_given_with_a_detail_and_the_source()
    {
        var cases = new (string Reason, byte[] Raw)[]
        {
            (RejectReasons.NoText, Encoding.UTF8.GetBytes("""{"post_id":"1","text":"","created_at":1727776800}""")),
            (RejectReasons.BadDate, Encoding.UTF8.GetBytes("""{"post_id":"1","text":"hi","created_at":"31/31/2026"}""")),
            (RejectReasons.BadDate, Encoding.UTF8.GetBytes("""{"post_id":"1","text":"hi"}""")),
            (RejectReasons.TooLarge, Encoding.UTF8.GetBytes("""{"post_id":"1","text":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","created_at":1727776800}""")),
            (RejectReasons.InvalidUtf8, [.. Encoding.UTF8.GetBytes("{\"post_id\":\"1\",\"text\":\"caf"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\",\"created_at\":1727776800}")]),
            (RejectReasons.BadJson, Encoding.UTF8.GetBytes("""{"post_id":"1","text":"hi",""")),
            (RejectReasons.WrongType, Encoding.UTF8.GetBytes("""{"post_id":"1","text":"hi","created_at":1727776800,"engagement":{"likes":"many"}}""")),
            (RejectReasons.WrongType, Encoding.UTF8.GetBytes("42")),
            (RejectReasons.MissingId, Encoding.UTF8.GetBytes("""{"platform":"x","text":"hi","created_at":1727776800}""")),
            (RejectReasons.UnknownFormat, Encoding.UTF8.GetBytes("""{"hello":"world"}""")),
            (RejectReasons.Empty, Encoding.UTF8.GetBytes("   ")),
        };
        var options = Options(o => o.MaxRecordBytes = 100);
        Assert.Multiple(() =>
        {
            foreach (var (reason, raw) in cases)
            {
                var r = RejectOf(raw, options);
                Assert.That(r.Reason, Is.EqualTo(reason), Encoding.UTF8.GetString(raw));
                Assert.That(r.Detail, Is.Not.Empty);
                Assert.That(r.Source, Is.EqualTo("src:7"));
            }
        });
    }

    [Test]
    public void The_invalid_UTF8_detail_names_the_byte_offset_and_the_raw_stays_valid_text()
    {
        var r = RejectOf([.. "{\"a\":\""u8, 0xFF, .. "\"}"u8]);
        Assert.Multiple(() =>
        {
            Assert.That(r.Detail, Does.Contain("offset 6"));
            Assert.That(r.Raw, Does.Contain("\uFFFD"));
        });
    }

    [Test]
    public void The_raw_record_of_a_reject_is_truncated()
    {
        var r = RejectOf(Encoding.UTF8.GetBytes("{" + new string('x', 10_000)), Options(o => o.MaxRejectRawChars = 100));
        Assert.That(r.Raw!, Has.Length.LessThanOrEqualTo(101));
    }

    [Test]
    public void Deeply_nested_JSON_is_rejected_as_bad_json_without_a_stack_overflow()
    {
        var raw = Encoding.ASCII.GetBytes(new string('[', 100_000) + new string(']', 100_000));
        var r = RejectOf(raw, Options(o => o.MaxRecordBytes = 1 << 20));
        Assert.Multiple(() =>
        {
            Assert.That(r.Reason, Is.EqualTo(RejectReasons.BadJson));
            Assert.That(r.Detail, Does.Contain("depth"));
        });
    }

    [Test]
    public void NUL_bytes_outside_strings_are_bad_json_and_escaped_NULs_inside_text_are_removed()
    {
        var outside = RejectOf([.. "{\"post_id\":\"1\","u8, 0, .. "\"text\":\"hi\",\"created_at\":1727776800}"u8]);
        var inside = Single("""{"post_id":"1","text":"h\u0000i","created_at":1727776800}""");
        Assert.Multiple(() =>
        {
            Assert.That(outside.Reason, Is.EqualTo(RejectReasons.BadJson));
            Assert.That(outside.Raw!.Contains('\0', StringComparison.Ordinal), Is.False);
            Assert.That(inside.Text, Is.EqualTo("hi"));
        });
    }

    [Test]
    public void Wrong_types_in_every_field_are_rejected_naming_the_field_never_thrown()
    {
        var fields = new[] { "post_id", "text", "created_at", "author", "engagement", "hashtags", "language" };
        var values = new[] { "{}", "[]", "true", "[1,[2]]", "{\"a\":{}}", "-1e400" };
        var decoder = RecordDecoders.Create(Options(), null);
        Assert.Multiple(() =>
        {
            foreach (var field in fields)
            {
                foreach (var value in values)
                {
                    var json = $$"""{"post_id":"1","text":"hello","created_at":1727776800,"{{field}}":{{value}}}""".Replace($"\"{field}\":\"1\",", "").Replace($"\"{field}\":\"hello\",", "").Replace($"\"{field}\":1727776800,", "");
                    var r = decoder.Decode(Encoding.UTF8.GetBytes(json), "f");
                    Assert.That(r.Posts.Count + r.Rejects.Count, Is.EqualTo(1), json);
                    foreach (var reject in r.Rejects)
                    {
                        Assert.That(reject.Reason, Is.AnyOf(RejectReasons.WrongType, RejectReasons.BadDate, RejectReasons.NoText, RejectReasons.MissingId, RejectReasons.BadJson), json);
                        Assert.That(reject.Detail, Is.Not.Empty);
                    }
                }
            }
        });
    }

    [Test]
    public void Random_bytes_never_crash_the_decoder_and_always_get_a_reason()
    {
        var random = new Random(20261128);
        var decoder = RecordDecoders.Create(Options(), null);
        var seeds = new[] { """{"post_id":"1","text":"hello","created_at":1727776800}"""u8.ToArray(), "{\"data\":[{\"id\":\"1\",\"text\":\"x\"}]}"u8.ToArray() };
        Assert.Multiple(() =>
        {
            for (var i = 0; i < 3000; i++)
            {
                byte[] raw;
                if (i % 2 == 0)
                {
                    raw = new byte[random.Next(0, 300)];
                    random.NextBytes(raw);
                }
                else
                {
                    // Mutate a valid record: flip, drop or insert bytes.
                    raw = (byte[])seeds[i % seeds.Length].Clone();
                    for (var k = 0; k < 1 + random.Next(4); k++)
                    {
                        raw[random.Next(raw.Length)] = (byte)random.Next(256);
                    }
                }

                var r = decoder.Decode(raw, "fuzz");
                Assert.That(r.Posts.Count + r.Rejects.Count, Is.GreaterThan(0), Convert.ToHexString(raw));
                Assert.That(r.Rejects.All(x => x.Reason.Length > 0 && x.Detail.Length > 0), Is.True);
            }
        });
    }

    [Test]
    public async Task A_10_MB_line_is_rejected_as_too_large_and_the_next_line_is_still_read()
    {
        var dir = TestPaths.NewTempDir("fuzz");
        var path = Path.Combine(dir, "big.jsonl");
        await using (var w = new StreamWriter(path))
        {
            await w.WriteLineAsync("""{"post_id":"1","text":"before","created_at":1727776800}""");
            await w.WriteLineAsync("""{"post_id":"2","text":" """ + new string('a', 10 * 1024 * 1024) + "\",\"created_at\":1727776800}");
            await w.WriteLineAsync("""{"post_id":"3","text":"after","created_at":1727776800}""");
        }

        var (posts, rejects) = await ReadFileAsync(path);
        Assert.Multiple(() =>
        {
            Assert.That(posts.Select(p => p.PostId), Is.EqualTo(new[] { "1", "3" }));
            Assert.That(rejects.Single().Reason, Is.EqualTo(RejectReasons.TooLarge));
            Assert.That(rejects.Single().Source, Does.EndWith("big.jsonl:2"));
            Assert.That(rejects.Single().Detail, Does.Contain("10,485,"));
            Assert.That(rejects.Single().Raw!, Has.Length.LessThan(10_000));
        });
    }

    [Test]
    public async Task A_file_of_random_bytes_gives_rejects_with_reasons_and_no_crash()
    {
        var dir = TestPaths.NewTempDir("fuzz");
        var path = Path.Combine(dir, "noise.bin");
        var bytes = new byte[200_000];
        new Random(7).NextBytes(bytes);
        await File.WriteAllBytesAsync(path, bytes);

        var (posts, rejects) = await ReadFileAsync(path);
        Assert.Multiple(() =>
        {
            Assert.That(posts, Is.Empty);
            Assert.That(rejects, Is.Not.Empty);
            Assert.That(rejects.Select(r => r.Reason).Distinct(), Is.SubsetOf(new[] { RejectReasons.InvalidUtf8, RejectReasons.BadJson, RejectReasons.Empty, RejectReasons.TooLarge }));
        });
    }

    [Test]
    public async Task A_CSV_row_with_the_wrong_number_of_fields_or_an_unclosed_quote_is_rejected_as_bad_csv()
    {
        var dir = TestPaths.NewTempDir("csv");
        var path = Path.Combine(dir, "bad.csv");
        await File.WriteAllTextAsync(path, "id,text,created_at\n1,ok,1727776800\n2,too,many,1727776800\n3,fine,1727776800\n4,\"open,1727776800\n");

        var (posts, rejects) = await ReadFileAsync(path);
        Assert.Multiple(() =>
        {
            Assert.That(posts.Select(p => p.PostId), Is.EqualTo(new[] { "1", "3" }));
            Assert.That(rejects.Select(r => r.Reason), Is.EqualTo(new[] { RejectReasons.BadCsv, RejectReasons.BadCsv }));
            Assert.That(rejects[0].Source, Does.EndWith("bad.csv:3"));
            Assert.That(rejects[0].Detail, Does.Contain("4 fields").And.Contain("header has 3"));
        });
    }

    [Test]
    public async Task A_single_JSON_document_over_the_size_limit_is_rejected_as_too_large()
    {
        var dir = TestPaths.NewTempDir("doc");
        var path = Path.Combine(dir, "big.json");
        await File.WriteAllTextAsync(path, "[\n" + string.Join(",\n", Enumerable.Range(0, 1000).Select(i => $$"""{"post_id":"{{i}}","text":"t","created_at":1727776800}""")) + "\n]");

        var (posts, rejects) = await ReadFileAsync(path, options: Options(o => o.MaxDocumentBytes = 10_000));
        Assert.Multiple(() =>
        {
            Assert.That(posts, Is.Empty);
            Assert.That(rejects.Single().Reason, Is.EqualTo(RejectReasons.TooLarge));
            Assert.That(rejects.Single().Detail, Does.Contain("MaxDocumentBytes"));
        });
    }
}
