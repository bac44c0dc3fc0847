using System.IO.Compression;
using System.Text;
using Marketing.Ingest.Kafka;
using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Ingest.Tests.Kafka;

[TestFixture]
public sealed class RawRecordReaderTests
{
    [Test]
    public void Lines_become_records_byte_for_byte_including_invalid_utf8_and_blank_lines_are_skipped()
    {
        byte[] bad = [(byte)'{', 0xC3, 0x28, (byte)'}'];
        var file = Concat("{\"a\":1}\r\n"u8.ToArray(), "\n   \n"u8.ToArray(), bad, "\n{\"b\":2}"u8.ToArray());

        var records = RawRecordReader.Read(new MemoryStream(file)).ToList();

        Assert.That(records.Select(Convert.ToHexString), Is.EqualTo(new[] { Hex("{\"a\":1}"), Convert.ToHexString(bad), Hex("{\"b\":2}") }));
    }

    [Test]
    public void A_top_level_json_array_becomes_one_record_per_element()
    {
        var records = RawRecordReader.Read(new MemoryStream("  [ {\"id\": 1}, {\"id\": 2,\n \"x\": [3]} ]"u8.ToArray())).ToList();

        Assert.That(records.Select(Encoding.UTF8.GetString), Is.EqualTo(new[] { "{\"id\": 1}", "{\"id\": 2,\n \"x\": [3]}" }));
    }

    [Test]
    public void Gzip_files_are_read_through()
    {
        var path = Path.Combine(TestPaths.NewTempDir("gz"), "posts.jsonl.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gz.Write("{\"id\":\"1\"}\n{\"id\":\"2\"}\n"u8);
        }

        using var stream = RawRecordReader.Open(path);

        Assert.That(RawRecordReader.Read(stream).Count(), Is.EqualTo(2));
    }

    [TestCase("{\"author\":{\"id\":\"a7\",\"handle\":\"x\"},\"text\":\"hi\"}", "a7")]
    [TestCase("{\"data\":{\"id\":\"1\",\"author_id\":\"2244994945\",\"text\":\"hi\"}}", "2244994945")]
    [TestCase("{\"data\":[{\"id\":\"1\",\"author_id\":\"99\"}],\"includes\":{}}", "99")]
    [TestCase("{\"id_str\":\"5\",\"user\":{\"id\":6253282,\"id_str\":\"6253282\"}}", "6253282")]
    [TestCase("{\"kind\":\"t1\",\"author\":\"spez\",\"body\":\"hi\"}", "spez")]
    public void Message_key_is_the_author_id_in_each_known_shape(string record, string expected) =>
        Assert.That(Encoding.UTF8.GetString(AuthorKey.Extract(Encoding.UTF8.GetBytes(record))!), Is.EqualTo(expected));

    [TestCase("{\"text\":\"no author\"}")]
    [TestCase("{\"id\": \"cut off")]
    [TestCase("[1,2,3]")]
    public void Records_without_an_author_have_no_key_but_are_still_sent(string record) =>
        Assert.That(AuthorKey.Extract(Encoding.UTF8.GetBytes(record)), Is.Null);

    private static string Hex(string s) => Convert.ToHexString(Encoding.UTF8.GetBytes(s));

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
