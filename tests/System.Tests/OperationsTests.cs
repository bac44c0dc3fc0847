using System.Text.Json;
using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.System.Tests;

/// <summary>Operating the consumers: SIGTERM mid-stream, then <c>mkt status</c> on what is left.</summary>
[TestFixture]
[NonParallelizable]
public sealed class OperationsTests
{
    [Test]
    public async Task Sigterm_finishes_the_in_flight_batch_commits_its_offsets_and_mkt_status_shows_lag_offsets_dlq_and_breaker()
    {
        await using var rig = await DrillRig.StartAsync("sigterm");
        var (records, ids, poison) = DrillRecords.Make(12_000, poisonEvery: 100);
        var produced = await rig.ProduceAsync(records);

        using (var stopped = rig.StartConsumerProcess("--json"))
        {
            await rig.WaitForStoredAsync(2000, () => MktProcess.Tail(stopped.Stderr));
            stopped.Terminate();
            var code = await stopped.WaitForExitAsync(DrillRig.Patience);
            var summary = JsonDocument.Parse(stopped.Stdout).RootElement;
            var stored = (await rig.Store.GetStatsAsync()).Posts;
            Assert.Multiple(() =>
            {
                Assert.That(code, Is.Zero, "SIGTERM is a clean stop:\n" + MktProcess.Tail(stopped.Stderr));
                Assert.That(stopped.Stderr, Does.Contain("Consumer stopped"));
                Assert.That(stored, Is.LessThan(ids.Count), "stopped mid-stream");
                Assert.That(summary.GetProperty("stored").GetInt64(), Is.EqualTo(stored), "what it says it stored is in the store");
                Assert.That(rig.CommittedTotal(), Is.EqualTo(summary.GetProperty("messages").GetInt64()),
                    "every message it took was finished and its offset committed: no half batch, nothing committed unwritten");
            });
        }

        using (var rest = rig.StartConsumerProcess("--until-idle", "3"))
        {
            Assert.That(await rest.WaitForExitAsync(DrillRig.Patience), Is.Zero, MktProcess.Tail(rest.Stderr));
        }

        await rig.AssertThreeCountsAsync(produced, poison, ids);

        using var status = MktProcess.Start(rig.Dir, rig.ProcessEnvironment(), "status", "--bootstrap", rig.Mock.BootstrapServers, "--topic", rig.Topic, "--group", rig.Group, "--db", rig.Db, "--json");
        var statusCode = await status.WaitForExitAsync(DrillRig.Patience);
        var s = JsonDocument.Parse(status.Stdout).RootElement;
        var partitions = s.GetProperty("partitions").EnumerateArray().ToList();
        var members = s.GetProperty("members").EnumerateArray().ToList();
        using var text = MktProcess.Start(rig.Dir, rig.ProcessEnvironment(), "status", "--bootstrap", rig.Mock.BootstrapServers, "--topic", rig.Topic, "--group", rig.Group, "--db", rig.Db);
        var textCode = await text.WaitForExitAsync(DrillRig.Patience);
        Assert.Multiple(() =>
        {
            Assert.That(statusCode, Is.Zero, MktProcess.Tail(status.Stderr));
            Assert.That(partitions, Has.Count.EqualTo(rig.Partitions));
            Assert.That(partitions.Sum(p => p.GetProperty("committed").GetInt64()), Is.EqualTo(produced), "the last processed offset of every partition");
            Assert.That(partitions.Select(p => p.GetProperty("lag").GetInt64()), Is.All.Zero);
            Assert.That(s.GetProperty("lag_total").GetInt64(), Is.Zero);
            Assert.That(s.GetProperty("dead_letters").GetInt64(), Is.EqualTo(poison), "the DLQ size");
            Assert.That(s.GetProperty("llm_breaker").GetString(), Is.EqualTo("closed"), "the breaker state the consumer reported");
            Assert.That(members, Has.Count.EqualTo(2), "both consumer runs reported");
            Assert.That(members.Select(m => m.GetProperty("stopped").GetBoolean()), Is.All.True);
            Assert.That(textCode, Is.Zero);
            Assert.That(text.Stdout, Does.Contain("lag total").And.Contain("dead letters").And.Contain("LLM breaker  closed"));
        });
    }

    [Test]
    public async Task Status_has_help_and_a_clear_error_when_kafka_does_not_answer()
    {
        var dir = TestPaths.NewTempDir("status");
        using var help = MktProcess.Start(dir, "status", "--help");
        var helpCode = await help.WaitForExitAsync(DrillRig.Patience);
        using var down = MktProcess.Start(dir, "status", "--bootstrap", "127.0.0.1:1", "--timeout", "2", "--db", Path.Combine(dir, "m.db"));
        var downCode = await down.WaitForExitAsync(DrillRig.Patience);
        Assert.Multiple(() =>
        {
            Assert.That(helpCode, Is.Zero);
            Assert.That(help.Stdout, Does.Contain("--json").And.Contain("--group").And.Contain("lag"));
            Assert.That(downCode, Is.EqualTo(1));
            Assert.That(down.Stderr, Does.Contain("did not answer").And.Contain("--bootstrap"));
        });
    }
}
