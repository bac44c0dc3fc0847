using System.CommandLine;
using System.Text.Json;
using Confluent.Kafka;
using Marketing.Core.Storage;
using Marketing.Ingest.Kafka;

namespace Marketing.Cli.Commands;

/// <summary>
/// <c>mkt status</c>: what an operator asks of a running ingest. From Kafka: the group's committed offset (the last
/// processed message + 1), the high watermark and the lag of every partition, and the dead-letter topic's size. From
/// the store: what each consumer process last reported (it writes a <see cref="KafkaConsumerService.StatusArtifactKind"/>
/// artifact every few seconds and when it stops), including the LLM circuit breaker, which lives in that process only.
/// </summary>
public static class StatusCommands
{
    public static IEnumerable<Command> Create() => [Status()];

    private static Command Status()
    {
        var bootstrap = new Option<string?>("--bootstrap") { Description = "Kafka bootstrap servers host:port,... Default: Kafka:BootstrapServers (localhost:9092)." };
        var topic = new Option<string?>("--topic") { Description = "Topic. Default: Kafka:Topic (posts)." };
        var group = new Option<string?>("--group") { Description = "Consumer group. Default: Kafka:GroupId (mkt-ingest)." };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for Kafka's answers.", DefaultValueFactory = _ => 10 };
        var json = JsonOption.Create();
        var cmd = new Command("status", "Show the ingest state: consumer lag and last committed offset per partition, the DLQ size, and each consumer's last report (LLM breaker state, store problems).")
        {
            bootstrap, topic, group, timeout, json,
        };
        return cmd.WithAction(async (ctx, parse, ct) =>
        {
            var options = KafkaOptions.FromConfiguration(ctx.Configuration);
            options.BootstrapServers = parse.GetValue(bootstrap) ?? options.BootstrapServers;
            options.Topic = parse.GetValue(topic) ?? options.Topic;
            options.GroupId = parse.GetValue(group) ?? options.GroupId;
            if (options.IsEmbedded)
            {
                throw new UsageException("--bootstrap embedded has no state to show: point it at the cluster the consumers use ('mkt kafka dev' prints its address).");
            }

            var wait = TimeSpan.FromSeconds(parse.GetValue(timeout) is > 0 and var t ? t : throw new UsageException("--timeout must be positive."));
            var report = ReadKafka(options, wait);
            var (members, storeNote) = await ReadMembersAsync(ctx, options.GroupId, ct);
            var live = members.Where(m => !m.Stopped).OrderByDescending(m => m.UpdatedAt).FirstOrDefault() ?? members.OrderByDescending(m => m.UpdatedAt).FirstOrDefault();
            var status = report with
            {
                Members = members,
                LlmBreaker = live?.LlmBreaker ?? "unknown",
                Notes = storeNote is null ? report.Notes : [.. report.Notes, storeNote],
            };

            if (parse.GetValue(json))
            {
                ctx.WriteJson(status);
                return ExitCodes.Ok;
            }

            var o = ctx.Out;
            await o.WriteLineAsync($"topic {status.Topic}, group {status.Group} at {status.Bootstrap}");
            await o.WriteLineAsync($"{"partition",9}  {"committed",12}  {"high",12}  {"lag",10}");
            foreach (var p in status.Partitions)
            {
                await o.WriteLineAsync($"{p.Partition,9}  {(p.Committed < 0 ? "-" : p.Committed.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)),12}  {p.High,12:N0}  {p.Lag,10:N0}");
            }

            await o.WriteLineAsync($"lag total    {status.LagTotal:N0}");
            await o.WriteLineAsync($"dead letters {status.DeadLetters:N0} in {status.DeadLetterTopic}");
            await o.WriteLineAsync($"LLM breaker  {status.LlmBreaker}");
            foreach (var m in status.Members)
            {
                await o.WriteLineAsync($"member {m.Member}: {(m.Stopped ? "stopped" : "running")}, reported {m.UpdatedAt:u}, stored {m.Stored:N0}, rejected {m.Rejected:N0}, lag {m.Lag:N0}, breaker {m.LlmBreaker ?? "-"}{(m.StoreProblem is null ? "" : ", store problem: " + m.StoreProblem)}");
            }

            foreach (var note in status.Notes)
            {
                await o.WriteLineAsync("note: " + note);
            }

            return ExitCodes.Ok;
        });
    }

    private static IngestStatus ReadKafka(KafkaOptions options, TimeSpan wait)
    {
        var notes = new List<string>();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = options.BootstrapServers, SocketTimeoutMs = (int)wait.TotalMilliseconds })
            .SetLogHandler((_, _) => { })
            .Build();
        Metadata meta;
        try
        {
            meta = admin.GetMetadata(wait);
        }
        catch (KafkaException ex)
        {
            throw new InvalidOperationException($"Kafka at {options.BootstrapServers} did not answer within {wait.TotalSeconds:0.#} s ({ex.Error.Reason}). Check --bootstrap.", ex);
        }

        int Partitions(string name) => meta.Topics.FirstOrDefault(t => t.Topic == name && !t.Error.IsError)?.Partitions.Count ?? 0;
        var count = Partitions(options.Topic);
        if (count == 0)
        {
            notes.Add($"topic '{options.Topic}' does not exist (yet)");
        }

        // Reads committed offsets and watermarks without joining the group (no rebalance for the running members).
        using var reader = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = options.BootstrapServers, GroupId = options.GroupId, EnableAutoCommit = false })
            .SetLogHandler((_, _) => { })
            .Build();
        var parts = Enumerable.Range(0, count).Select(p => new TopicPartition(options.Topic, p)).ToList();
        var committed = count == 0 ? [] : reader.Committed(parts, wait).ToDictionary(c => c.Partition.Value, c => c.Offset.Value);
        var rows = new List<PartitionStatus>();
        foreach (var tp in parts)
        {
            var w = reader.QueryWatermarkOffsets(tp, wait);
            var c = committed.TryGetValue(tp.Partition.Value, out var v) && v >= 0 ? v : -1;
            rows.Add(new PartitionStatus(tp.Partition.Value, c, w.Low.Value, w.High.Value, w.High.Value - (c >= 0 ? c : w.Low.Value)));
        }

        var dlqTopic = options.DeadLetterTopic(options.Topic);
        long dlq = 0;
        for (var p = 0; p < Partitions(dlqTopic); p++)
        {
            var w = reader.QueryWatermarkOffsets(new TopicPartition(dlqTopic, p), wait);
            dlq += w.High.Value - w.Low.Value;
        }

        return new IngestStatus(options.Topic, options.GroupId, options.BootstrapServers, rows, rows.Sum(r => r.Lag), dlqTopic, dlq, [], "unknown", notes);
    }

    private static async Task<(List<MemberStatus> Members, string? Note)> ReadMembersAsync(CliContext ctx, string group, CancellationToken ct)
    {
        IPostStore store;
        try
        {
            store = await ctx.StoreAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return ([], $"the store is unreachable, so the consumers' reports (LLM breaker) are unknown: {ex.Message}");
        }

        var members = new List<MemberStatus>();
        foreach (var artifact in await store.ListArtifactsAsync(KafkaConsumerService.StatusArtifactKind, 1000, ct))
        {
            if (!artifact.Key.StartsWith(group + "/", StringComparison.Ordinal))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(artifact.Json);
            var r = doc.RootElement;
            string? S(string name) => r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            long L(string name) => r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
            members.Add(new MemberStatus(artifact.Key, r.TryGetProperty("updated_at", out var u) && u.TryGetDateTimeOffset(out var at) ? at : DateTimeOffset.MinValue,
                r.TryGetProperty("stopped", out var s) && s.ValueKind == JsonValueKind.True, L("stored"), L("rejected"), L("failed_writes"), L("lag"), S("store_problem"), S("llm_breaker")));
        }

        return (members.OrderBy(m => m.Member, StringComparer.Ordinal).ToList(), null);
    }
}

/// <param name="Committed">The group's committed offset (next message to process), or -1 when none is committed.</param>
public sealed record PartitionStatus(int Partition, long Committed, long Low, long High, long Lag);

public sealed record MemberStatus(string Member, DateTimeOffset UpdatedAt, bool Stopped, long Stored, long Rejected, long FailedWrites, long Lag, string? StoreProblem, string? LlmBreaker);

public sealed record IngestStatus(
    string Topic,
    string Group,
    string Bootstrap,
    IReadOnlyList<PartitionStatus> Partitions,
    long LagTotal,
    string DeadLetterTopic,
    long DeadLetters,
    IReadOnlyList<MemberStatus> Members,
    string LlmBreaker,
    IReadOnlyList<string> Notes);
