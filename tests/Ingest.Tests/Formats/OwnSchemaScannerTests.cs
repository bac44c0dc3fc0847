using System.Text;
using Marketing.Core.Json;
using Marketing.Ingest.Formats;
using NUnit.Framework;
using static Marketing.Ingest.Tests.DecodeHelpers;

namespace Marketing.Ingest.Tests.Formats;

/// <summary>
/// The byte scan in front of the Utf8JsonReader pass: it may give up on anything, but a record it reads must be one
/// the reader pass reads, to the same post.
/// </summary>
public class OwnSchemaScannerTests
{
    private static readonly string[] Lines =
    [
        """{"platform":"x","post_id":"1000000000","author":{"id":"a8682","handle":"user38062","display_name":"User","followers":23458,"location":"Paris, FR","verified":false},"text":"Der Kundendienst von Acme ist leider nicht gut (72440)","language":"de","created_at":"2026-10-01T00:00:00+02:00","engagement":{"likes":128,"shares":25,"replies":6,"views":3809,"total":159},"url":"https://x.com/user/status/0","hashtags":[],"mentions":[],"links":[],"reply_to_id":null,"quote_of_id":null,"repost_of_id":null,"brands":[],"campaign":null,"near_duplicate_of":null,"sentiment":null,"brand_sentiments":[],"source":null}""",
        """ { "post_id" : 17 , "text" : "héllo wörld 😀" , "created_at" : "2026-10-01 11:35:52 -0800" , "lang" : "EN-gb" } """,
        """{"id":"9","platform":"reddit","text":"t","created_at":"Tue, 24 Feb 2015 11:35:52 -0800","author":{"username":"u","name":"N","followers":"12","verified":null},"engagement":{"likes":null,"views":""}}""",
        """{"post_id":"2","text":"x","created_at":"2026-10-01T08:00:00Z","hashtags":["a","","b"],"brands":["Acme"],"campaign":"spring","source":"s","url":null,"reply_to_id":5,"extra":{"a":[1,-2.5e+3,true,false,null,{"b":"c"}],"d":[]}}""",
        """{"post_id":"3","text":"x","created_at":"2026-10-01T08:00:00","author":null,"engagement":null,"hashtags":null,"sentiment":null,"brand_sentiments":[]}""",
        """{"post_id":"4","post_id":"5","text":"first","text":"second","language":"fr","language":"de","created_at":"2026-10-01T08:00:00.123+05:30","author":{"handle":"h","username":"u","display_name":"D","name":"N","id":"i","id":"j"}}""",
        """{"post_id":"6","text":"escaped \"quote\" and \u00e9","created_at":"2026-10-01T08:00:00Z","author":{"location":"Lyon\nFR","handle":"a\/b","display_name":"\ud83d\ude00"},"hashtags":["\"q\"","\u0000",""],"created_at":"2026-10-01 08:00:00 \u002b0200","x":"\t\\"}""",
        """{"post_id":"14","text":"bad escapes","created_at":"2026-10-01T08:00:00Z","source":"\ud800","url":"\x"}""",
        """{"post_id":"7","text":"numeric date","created_at":1727776800}""",
        """{"id":"8","text":"only id, no platform","created_at":"2026-10-01T08:00:00Z"}""",
        """{"post_id":"10","text":"deep","created_at":"2026-10-01T08:00:00Z","x":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}""",
        """{"post_id":"11","text":"scores","created_at":"2026-10-01T08:00:00Z","sentiment":{"label":"positive"}}""",
        """{"post_id":"12","text":"engagement as numbers","created_at":"2026-10-01T08:00:00Z","engagement":{"likes":1.5}}""",
        """{"post_id":"13","text":"big","created_at":"2026-10-01T08:00:00Z","engagement":{"likes":99999999999999999999}}""",
    ];

    // Bytes a mutation inserts or writes: JSON structure, number and literal pieces, escapes, whitespace, a control
    // character, non-ASCII and invalid UTF-8.
    private static readonly byte[] Alphabet = Encoding.UTF8.GetBytes("{}[]\",:0123456789-+.eEtrfalsnu\\ \t\n\rax/é").Concat(new byte[] { 0x01, 0x00, 0xFF, 0xC3 }).ToArray();

    private static IEnumerable<string> AllLines() =>
        Lines.Concat(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.json*").SelectMany(File.ReadLines)).Where(l => l.Length > 0);

    [Test]
    public void The_scan_reads_the_common_shape_and_escaped_values_and_gives_up_on_escaped_names_and_numeric_dates()
    {
        var escapedName = """{"post\u005fid":"7","text":"hi there","created_at":"2026-10-01T08:00:00Z"}""";
        Assert.Multiple(() =>
        {
            Assert.That(OwnSchemaReader.TryScan(Encoding.UTF8.GetBytes(Lines[0]), true, 64, null, out var post), Is.True);
            Assert.That(post!.Author.Handle, Is.EqualTo("user38062"));
            Assert.That(post.Engagement.Views, Is.EqualTo(3809));
            Assert.That(OwnSchemaReader.TryScan(Encoding.UTF8.GetBytes(Lines[6]), true, 64, null, out var escaped), Is.True);
            Assert.That(escaped!.Text, Is.EqualTo("escaped \"quote\" and é"));
            Assert.That(escaped.Author.Location, Is.EqualTo("Lyon\nFR"));
            Assert.That(escaped.Hashtags, Is.EqualTo(new[] { "\"q\"", "\0" }), "empty items dropped after unescaping, as the reader pass does");
            Assert.That(OwnSchemaReader.TryScan(Encoding.UTF8.GetBytes(Lines[7]), true, 64, null, out _), Is.False);
            Assert.That(OwnSchemaReader.TryScan(Encoding.UTF8.GetBytes(escapedName), true, 64, null, out _), Is.False);
            Assert.That(OwnSchemaReader.TryRead(Encoding.UTF8.GetBytes(escapedName), true, 64, null, out var named), Is.True, "the reader pass still reads it");
            Assert.That(named!.PostId, Is.EqualTo("7"));
        });
    }

    [Test]
    public void What_the_scan_reads_the_reader_pass_reads_the_same_way_including_mutated_records()
    {
        var random = new Random(17);
        var scanned = 0;
        var checkedRecords = 0;
        foreach (var line in AllLines())
        {
            var original = Encoding.UTF8.GetBytes(line);
            for (var m = 0; m < 400; m++)
            {
                var bytes = m == 0 ? original : Mutate(original, random);
                foreach (var (autoDetect, maxDepth) in new[] { (true, 64), (false, 64), (true, 8) })
                {
                    checkedRecords++;
                    var byScan = OwnSchemaReader.TryScan(bytes, autoDetect, maxDepth, "dflt", out var scan);
                    if (!byScan)
                    {
                        continue;
                    }

                    scanned++;
                    var byReader = OwnSchemaReader.TryReadWithReader(bytes, autoDetect, maxDepth, "dflt", out var read);
                    var what = $"{Encoding.UTF8.GetString(bytes)} (auto {autoDetect}, depth {maxDepth})";
                    Assert.That(byReader, Is.True, "the scan read a record the reader pass refuses: " + what);
                    Assert.That(SnakeCaseJson.Serialize(scan!), Is.EqualTo(SnakeCaseJson.Serialize(read!)), what);
                }
            }
        }

        Assert.That(scanned, Is.GreaterThan(1000), $"enough of the {checkedRecords} records stay readable to compare");
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = original.ToList();
        for (var edits = random.Next(1, 3); edits > 0 && bytes.Count > 0; edits--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0: bytes.RemoveAt(at); break;
                case 1: bytes.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                case 2: bytes[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                default: bytes.RemoveRange(at, bytes.Count - at); break;
            }
        }

        return bytes.ToArray();
    }
}
