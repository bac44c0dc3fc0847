using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Marketing.Core.Domain;
using Marketing.Ingest.Kafka;
using Marketing.Llm;
using Marketing.Web.Html;
using NUnit.Framework;

namespace Marketing.System.Tests;

/// <summary>
/// The bad-input corpus (Data/hostile-inputs.jsonl, written by Data/make_hostile_inputs.py) through Kafka into
/// PostgreSQL: every reject lands in the DLQ once, with its expected reason and its original bytes; every accepted
/// hostile value is stored verbatim as data, then escaped in HTML and fenced in an LLM prompt.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class HostileInputTests
{
    private static readonly string CorpusPath = Path.Combine(AppContext.BaseDirectory, "Data", "hostile-inputs.jsonl");

    [Test]
    public void The_corpus_has_at_least_50_hostile_inputs_covering_every_category()
    {
        var corpus = HostileInput.Load(CorpusPath);
        Assert.Multiple(() =>
        {
            Assert.That(corpus, Has.Count.GreaterThanOrEqualTo(50));
            Assert.That(corpus.Select(c => c.Category).Distinct(), Is.SupersetOf(new[] { "invalid_utf8", "json_bomb", "huge_field", "nul", "wrong_type", "sql", "html", "prompt_injection" }));
            Assert.That(corpus.Select(c => c.Name).Distinct().Count(), Is.EqualTo(corpus.Count), "names are unique");
            Assert.That(corpus.Where(c => c.Expect == "reject"), Has.All.Matches<HostileInput>(c => c?.Reason is { Length: > 0 }), "every reject names its reason");
            Assert.That(corpus.Where(c => c.Expect == "accept"), Has.All.Matches<HostileInput>(c => c?.Verbatim.Count > 0), "every accept names what must be stored verbatim");
        });
    }

    [Test]
    public async Task Every_hostile_input_through_Kafka_is_rejected_with_its_reason_or_stored_verbatim_and_escaped()
    {
        var corpus = HostileInput.Load(CorpusPath);
        await using var rig = await DrillRig.StartAsync("hostile", partitions: 4);
        using (var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
        {
            BootstrapServers = rig.Mock.BootstrapServers,
            // Big enough for the 10 MB records, and compressed as mkt produce does: the mock cluster keeps only ~5 MiB
            // of compressed data per partition and silently drops the oldest beyond that.
            MessageMaxBytes = 32 * 1024 * 1024,
            CompressionType = CompressionType.Lz4,
            Acks = Acks.All,
        }).Build())
        {
            foreach (var input in corpus)
            {
                // Keyed by the input's name, which the dead letter keeps: each reject is found by its key.
                await producer.ProduceAsync(rig.Topic, new Message<byte[]?, byte[]?> { Key = Encoding.UTF8.GetBytes(input.Name), Value = input.Bytes() });
            }
        }

        using var llm = rig.NewLlm();
        var consumer = await rig.ConsumerAsync(llm, tweak: o => o.BatchSize = 16);
        await DrillRig.RunAsync(consumer);

        var rejects = corpus.Where(c => c.Expect == "reject").ToList();
        var accepts = corpus.Where(c => c.Expect == "accept").ToList();
        var dlq = rig.ReadAll(rig.DeadLetterTopic, rejects.Count).ToLookup(m => Encoding.UTF8.GetString(m.Message.Key ?? []));
        var stored = (await rig.StoredPostsAsync()).ToDictionary(p => p.PostId);

        Assert.Multiple(() =>
        {
            foreach (var input in rejects)
            {
                var letters = dlq[input.Name].ToList();
                if (letters.Count != 1)
                {
                    Assert.Fail($"{input.Name}: expected one dead letter ({input.Reason}), found {letters.Count}");
                    continue;
                }

                var letter = letters[0];
                var bytes = input.Bytes();
                Assert.That(DrillRig.Header(letter, DeadLetterHeaders.Reason), Is.EqualTo(input.Reason), $"{input.Name}: reason ({DrillRig.Header(letter, DeadLetterHeaders.Detail)})");
                Assert.That(DrillRig.Header(letter, DeadLetterHeaders.Detail), Is.Not.Empty, $"{input.Name}: a detail a person can act on");
                if (bytes.Length > KafkaBatchProcessor.MaxDeadLetterBytes)
                {
                    Assert.That(DrillRig.Header(letter, DeadLetterHeaders.TruncatedFrom), Is.EqualTo(bytes.Length.ToString(global::System.Globalization.CultureInfo.InvariantCulture)), $"{input.Name}: says it was cut");
                    Assert.That(letter.Message.Value, Is.EqualTo(bytes[..KafkaBatchProcessor.MaxDeadLetterBytes]), $"{input.Name}: the head of the original bytes");
                }
                else
                {
                    Assert.That(letter.Message.Value ?? [], Is.EqualTo(bytes), $"{input.Name}: the original bytes, for replay");
                }
            }

            foreach (var input in accepts)
            {
                if (!stored.TryGetValue(input.Id!, out var post))
                {
                    Assert.Fail($"{input.Name}: not stored (dead letter: {string.Join("; ", dlq[input.Name].Select(m => DrillRig.Header(m, DeadLetterHeaders.Reason) + " " + DrillRig.Header(m, DeadLetterHeaders.Detail)))})");
                    continue;
                }

                foreach (var (field, expected) in input.Verbatim)
                {
                    var actual = HostileInput.Field(post, field);
                    Assert.That(actual, Is.EqualTo(expected), $"{input.Name}: {field} stored verbatim");
                    var html = Html.E(actual);
                    Assert.That(html, Does.Not.Contain("<").And.Not.Contain(">").And.Not.Contain("\""), $"{input.Name}: {field} escaped in HTML");
                    var fence = PromptFence.ForContent([expected]);
                    var prompt = fence.Wrap("1", expected);
                    Assert.That(prompt.Split(fence.EndTag).Length - 1, Is.EqualTo(1), $"{input.Name}: {field} cannot close its LLM fence");
                }
            }
        });

        await rig.AssertThreeCountsAsync(corpus.Count, rejects.Count, accepts.Select(a => a.Id!).ToHashSet(StringComparer.Ordinal));
    }
}

/// <summary>One line of the corpus.</summary>
internal sealed record HostileInput(string Name, string Category, string Expect, string? Reason, string? Id, IReadOnlyDictionary<string, string> Verbatim, string? Payload, string? PayloadBase64, JsonElement? Generate)
{
    public static List<HostileInput> Load(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0).Select(line =>
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            string? S(string name) => r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var verbatim = r.TryGetProperty("verbatim", out var vb) ? vb.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!) : new Dictionary<string, string>();
            return new HostileInput(S("name")!, S("category")!, S("expect")!, S("reason"), S("id"), verbatim, S("payload"), S("payload_b64"),
                r.TryGetProperty("generate", out var g) ? g.Clone() : null);
        }).ToList();

    public byte[] Bytes()
    {
        if (PayloadBase64 is not null)
        {
            return Convert.FromBase64String(PayloadBase64);
        }

        if (Payload is not null)
        {
            return Encoding.UTF8.GetBytes(Payload);
        }

        var g = Generate!.Value;
        var kind = g.GetProperty("kind").GetString();
        int Int(string name) => g.GetProperty(name).GetInt32();
        var sb = new StringBuilder();
        switch (kind)
        {
            case "nested_arrays":
                sb.Append('[', Int("depth")).Append(']', Int("depth"));
                break;
            case "nested_objects":
                sb.Insert(0, "{\"a\":", Int("depth")).Append("1").Append('}', Int("depth"));
                break;
            case "nested_field":
                sb.Append("{\"id\":\"nf\",\"text\":\"t\",\"created_at\":\"2026-11-01T10:00:00Z\",\"extra\":").Append('[', Int("depth")).Append(']', Int("depth")).Append('}');
                break;
            case "number_array":
                sb.Append('[').AppendJoin(',', Enumerable.Repeat("1", Int("count"))).Append(']');
                break;
            case "empty_objects":
                sb.Append('[').AppendJoin(',', Enumerable.Repeat("{}", Int("count"))).Append(']');
                break;
            case "big_field":
                var big = new string('A', Int("bytes"));
                var field = g.GetProperty("field").GetString();
                sb.Append("{\"id\":\"big\",\"created_at\":\"2026-11-01T10:00:00Z\",");
                sb.Append(field == "text" ? $"\"text\":\"{big}\"" : $"\"text\":\"t\",\"author\":{{\"id\":\"a\",\"display_name\":\"{big}\"}}");
                sb.Append('}');
                break;
            default:
                throw new InvalidOperationException($"Unknown generator '{kind}' in {Name}.");
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>A stored field by its corpus path: text, author.handle, brands[0], hashtags[0], url, campaign...</summary>
    public static string? Field(SocialPost p, string path) => path switch
    {
        "text" => p.Text,
        "url" => p.Url,
        "campaign" => p.Campaign,
        "author.id" => p.Author.Id,
        "author.handle" => p.Author.Handle,
        "author.display_name" => p.Author.DisplayName,
        "author.location" => p.Author.Location,
        "brands[0]" => p.Brands.FirstOrDefault(),
        "hashtags[0]" => p.Hashtags.FirstOrDefault(),
        _ => throw new InvalidOperationException($"Unknown field path '{path}' in the corpus."),
    };
}
