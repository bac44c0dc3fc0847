using System.CommandLine;
using System.Text.Json;
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
            var report = KafkaGroupStatus.Read(options, wait);
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
