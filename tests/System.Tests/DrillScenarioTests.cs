using System.Collections.Concurrent;
using System.Diagnostics;
using Marketing.Core.Domain;
using Marketing.Core.Storage;
using Marketing.Ingest.Kafka;
using Marketing.Llm;
using Marketing.TestSupport;
using Npgsql;
using NUnit.Framework;

namespace Marketing.System.Tests;

/// <summary>
/// The reliability drill (issue 9): each scenario runs the scale-out configuration (mock Kafka with several
/// partitions, several consumers, PostgreSQL, LLM help on) through one fault, then asserts the three counts.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DrillScenarioTests
{
    private const int N = 12_000;

    [Test]
    public async Task Hard_kill_of_a_consumer_process_mid_batch_then_restart_keeps_the_three_counts()
    {
        await using var rig = await DrillRig.StartAsync("kill");
        var (records, ids, poison) = DrillRecords.Make(N, poisonEvery: 100);
        var produced = await rig.ProduceAsync(records);

        using var victim = rig.StartConsumerProcess();
        // Idle longer than the session timeout (10 s): the killed member's partitions reach a live one only then.
        using var survivor = rig.StartConsumerProcess("--until-idle", "12");
        await rig.WaitForStoredAsync(2000, () => MktProcess.Tail(victim.Stderr));
        victim.KillHard();
        var storedAtKill = (await rig.Store.GetStatsAsync()).Posts;

        using var restarted = rig.StartConsumerProcess("--until-idle", "12");
        var codes = await Task.WhenAll(survivor.WaitForExitAsync(DrillRig.Patience), restarted.WaitForExitAsync(DrillRig.Patience));

        // Members that stop while the group rebalances may leave their last offsets uncommitted (the broker refuses
        // the commit). The next member re-reads that tail: upserted again, no new row, and then committed.
        using var llm = rig.NewLlm();
        var next = await rig.ConsumerAsync(llm);
        await DrillRig.RunAsync(next);

        Assert.Multiple(() =>
        {
            Assert.That(codes, Is.All.Zero, MktProcess.Tail(restarted.Stderr));
            Assert.That(storedAtKill, Is.LessThan(ids.Count), "the victim was killed before the stream was done");
            Assert.That(next.Counters.Stored, Is.Zero, "a re-read tail adds no row");
            Assert.That(rig.CommittedTotal(), Is.EqualTo(produced), $"every offset committed in the end.\nsurvivor:\n{MktProcess.Tail(survivor.Stderr)}\nrestarted:\n{MktProcess.Tail(restarted.Stderr)}");
        });
        await rig.AssertThreeCountsAsync(produced, poison, ids);
    }

    [Test]
    public async Task A_consumer_joining_and_one_leaving_during_consumption_keeps_the_three_counts()
    {
        await using var rig = await DrillRig.StartAsync("rebalance");
        var (records, ids, poison) = DrillRecords.Make(N, poisonEvery: 100);
        using var llm = rig.NewLlm();

        void Steady(KafkaOptions o)
        {
            o.IdleExit = null;
            o.BatchSize = 200;
        }

        var first = await rig.ConsumerAsync(llm, tweak: Steady);
        await first.StartAsync(CancellationToken.None);
        // A live stream (about 40 s), so that the join and the leave both happen while posts arrive.
        var producing = rig.ProduceAsync(records, rate: 300);
        await rig.WaitForStoredAsync(1500);
        var joiner = await rig.ConsumerAsync(llm, tweak: Steady);
        await joiner.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => joiner.AssignedPartitions > 0 && first.AssignedPartitions + joiner.AssignedPartitions == rig.Partitions, "the joiner got partitions");
        await first.StopAsync(CancellationToken.None); // leaves the group: its partitions move to the joiner
        Assert.That((await rig.Store.GetStatsAsync()).Posts, Is.LessThan(ids.Count), "the leaver left mid-stream");
        await WaitUntilAsync(() => joiner.AssignedPartitions == rig.Partitions, "the joiner took over every partition");
        var produced = await producing;
        await rig.WaitForStoredAsync(ids.Count);
        await WaitUntilAsync(() => rig.CommittedTotal() == produced, "every offset committed");
        await joiner.StopAsync(CancellationToken.None);

        var inserted = first.Counters.Stored + joiner.Counters.Stored;
        Assert.Multiple(() =>
        {
            Assert.That(first.AssignedPartitions, Is.Zero);
            Assert.That(first.Counters.Stored, Is.GreaterThan(0).And.LessThan(ids.Count), "the leaver did part of the work");
            Assert.That(joiner.Counters.Stored, Is.GreaterThan(0), "the joiner did part of the work");
            Assert.That(inserted, Is.EqualTo(ids.Count), "each post inserted once; a re-read after a rebalance is an update");
            Assert.That(rig.CommittedTotal(), Is.EqualTo(produced));
        });
        await rig.AssertThreeCountsAsync(produced, poison, ids);
    }

    [Test]
    public async Task PostgreSQL_down_for_20_s_mid_stream_consumers_pause_retry_with_backoff_and_resume_without_loss()
    {
        await using var rig = await DrillRig.StartAsync("pgdown");
        var (records, ids, poison) = DrillRecords.Make(N, poisonEvery: 100);
        var produced = await rig.ProduceAsync(records);
        var pg = new NpgsqlConnectionStringBuilder(rig.Db);
        await using var proxy = new TcpOutageProxy(pg.Host!, pg.Port);
        var viaProxy = new NpgsqlConnectionStringBuilder(rig.Db) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 3 }.ConnectionString;
        await using var storeA = await StoreFactory.OpenAsync(viaProxy);
        await using var storeB = await StoreFactory.OpenAsync(viaProxy);
        using var llm = rig.NewLlm();
        var a = await rig.ConsumerAsync(llm, storeA, o => o.BatchSize = 200);
        var b = await rig.ConsumerAsync(llm, storeB, o => o.BatchSize = 200);
        await a.StartAsync(CancellationToken.None);
        await b.StartAsync(CancellationToken.None);
        await rig.WaitForStoredAsync(1500);

        proxy.GoDown();
        var outage = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var storedEarly = (await rig.Store.GetStatsAsync()).Posts;
        var committedEarly = rig.CommittedTotal();
        await Task.Delay(TimeSpan.FromSeconds(20) - outage.Elapsed);
        var storedLate = (await rig.Store.GetStatsAsync()).Posts;
        var committedLate = rig.CommittedTotal();
        var problems = new[] { a.StoreProblem, b.StoreProblem };
        var failedDuring = a.Counters.FailedWrites + b.Counters.FailedWrites;
        // Written (or dead-lettered) messages: a batch counts only once its write succeeded.
        var processedLate = new[] { a, b }.Select(c => c.Counters.Snapshot()).Sum(s => s.Stored + s.Duplicates + s.Rejected);
        // The member that has been stuck longest (the other one may have got its partitions only during the outage).
        var stuck = new[] { a.Activity, b.Activity }.MaxBy(x => x.Elapsed)!;
        var (doingDuring, doingFor) = (stuck.What, stuck.Elapsed);
        proxy.ComeBack();

        await DrillRig.WaitAsync(a, b);
        Assert.Multiple(() =>
        {
            Assert.That(storedEarly, Is.LessThan(ids.Count), "the outage began mid-stream");
            Assert.That(storedLate, Is.EqualTo(storedEarly), "nothing is written while PostgreSQL is down");
            // Offsets stored before the outage may still be auto-committed during it; an unwritten batch's never are.
            Assert.That(committedLate, Is.LessThanOrEqualTo(processedLate), "no offset of an unwritten batch is committed while PostgreSQL is down");
            Assert.That(committedEarly, Is.LessThanOrEqualTo(committedLate));
            Assert.That(failedDuring, Is.InRange(2, 200), "the consumers retried with backoff (20 s at 100 ms doubling to 2 s is about 10-15 tries each, not thousands)");
            Assert.That(problems, Has.Some.Contains("unreachable"), "the failure is explained");
            Assert.That(proxy.Refused, Is.GreaterThan(0), "the consumers did try to reconnect");
            Assert.That(a.StoreProblem, Is.Null, "cleared once the writes succeed again");
            Assert.That(doingDuring, Does.StartWith("writing a batch"), "the progress line can say what a stuck consumer waits on");
            Assert.That(doingFor, Is.GreaterThan(TimeSpan.FromSeconds(10)), "the same batch is being written for most of the outage");
            Assert.That(new[] { a.Activity.What, b.Activity.What }, Is.All.EqualTo("stopped"));
            // A write whose commit reached PostgreSQL just before the connection broke is retried and then counts as
            // an update, not an insert: the counters may see fewer inserts, the table never more rows (three counts below).
            Assert.That(a.Counters.Snapshot().Stored + a.Counters.Snapshot().Duplicates + b.Counters.Snapshot().Stored + b.Counters.Snapshot().Duplicates,
                Is.GreaterThanOrEqualTo(ids.Count), "every valid post was written at least once");
            Assert.That(rig.CommittedTotal(), Is.EqualTo(produced));
        });
        await rig.AssertThreeCountsAsync(produced, poison, ids);
    }

    [Test]
    public async Task LLM_returning_429_500_hangs_and_garbage_posts_keep_flowing_with_model_labels_and_the_breaker_opens_then_closes()
    {
        await using var rig = await DrillRig.StartAsync("llm");
        var (records, ids, poison) = DrillRecords.Make(4000, poisonEvery: 100);
        // The first requests get every kind of fault in turn, then the endpoint heals.
        var faults = new[] { FakeChatServerReply.RateLimited("0"), FakeChatServerReply.Error(500), FakeChatServerReply.Hanging(), FakeChatServerReply.Garbage() };
        var served = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var i = -1;
        rig.Chat.Responder = request =>
        {
            if (Interlocked.Increment(ref i) is var k && k < faults.Length)
            {
                var fault = faults[k % faults.Length];
                served.AddOrUpdate(fault.Hang ? "hang" : fault.Status.ToString(global::System.Globalization.CultureInfo.InvariantCulture) + (fault.ContentType == "text/html" ? "-garbage" : ""), 1, (_, n) => n + 1);
                return fault;
            }

            return DrillRig.LabelAll(request);
        };
        using var llm = rig.NewLlm();
        var states = new ConcurrentQueue<string>();
        using var watching = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            var last = "";
            while (!watching.IsCancellationRequested)
            {
                if (llm.BreakerState != last)
                {
                    last = llm.BreakerState;
                    states.Enqueue(last);
                }

                await Task.Delay(5);
            }
        });

        var a = await rig.ConsumerAsync(llm, llmMaxCalls: 100_000, llmThreshold: 1f, tweak: o => o.BatchSize = 100);
        var b = await rig.ConsumerAsync(llm, llmMaxCalls: 100_000, llmThreshold: 1f, tweak: o => o.BatchSize = 100);
        await a.StartAsync(CancellationToken.None);
        await b.StartAsync(CancellationToken.None);
        // A stream over ~10 s: faults first, a healthy endpoint after.
        var produced = await rig.ProduceAsync(records, rate: 300);
        await DrillRig.WaitAsync(a, b);
        await watching.CancelAsync();
        await watcher;

        var posts = await rig.StoredPostsAsync();
        var seen = states.ToList();
        var usage = llm.Usage;
        TestContext.Out.WriteLine($"breaker states: {string.Join(" -> ", seen)}; faults served: {string.Join(", ", served.Select(kv => $"{kv.Key}={kv.Value}"))}; usage {usage}");
        var opened = seen.IndexOf(CircuitBreaker.Open);
        Assert.Multiple(() =>
        {
            Assert.That(served.Keys, Is.SupersetOf(new[] { "429", "500", "hang", "200-garbage" }), "every kind of fault was served");
            Assert.That(opened, Is.GreaterThanOrEqualTo(0), "the breaker opened");
            Assert.That(seen.Skip(opened + 1), Does.Contain(CircuitBreaker.Closed), "and closed again once the endpoint healed");
            Assert.That(llm.BreakerState, Is.EqualTo(CircuitBreaker.Closed));
            Assert.That(usage.Failures, Is.GreaterThan(0));
            Assert.That(usage.Refused, Is.GreaterThan(0), "while open, calls were refused without being sent");
            Assert.That(posts, Has.All.Matches<SocialPost>(p => p?.Sentiment is { Label: not SentimentLabel.Unscored }), "every post kept flowing with a label");
            Assert.That(posts.Count(p => p.Sentiment?.Scorer == "model"), Is.GreaterThan(0), "posts scored during the faults keep the model's label");
            Assert.That(posts.Count(p => p.Sentiment?.Scorer == "llm"), Is.GreaterThan(0), "the LLM helped again once healed");
        });
        await rig.AssertThreeCountsAsync(produced, poison, ids);
    }

    [Test]
    public async Task A_read_only_store_gives_a_clear_error_stores_no_offset_and_after_the_fix_a_restart_stores_everything()
    {
        await using var rig = await DrillRig.StartAsync("readonly");
        var (records, ids, poison) = DrillRecords.Make(3000, poisonEvery: 100);
        var produced = await rig.ProduceAsync(records);
        await GrantAsync(rig.Db, grant: false);

        using (var refused = rig.StartConsumerProcess())
        {
            var deadline = DateTime.UtcNow + DrillRig.Patience;
            while (!refused.Stderr.Contains("read-only", StringComparison.Ordinal) || !refused.Stderr.Contains("attempt 2", StringComparison.Ordinal))
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "no clear error:\n" + MktProcess.Tail(refused.Stderr));
                await Task.Delay(50);
            }

            refused.Terminate();
            var code = await refused.WaitForExitAsync(DrillRig.Patience);
            Assert.Multiple(() =>
            {
                Assert.That(refused.Stderr, Does.Contain("the store is read-only"), "the error says what is wrong");
                Assert.That(refused.Stderr, Does.Contain("permission denied for table"), "and shows the database's own error");
                Assert.That(refused.Stderr, Does.Contain("offsets not stored"));
                Assert.That(code, Is.Zero, "SIGTERM still stops it cleanly:\n" + MktProcess.Tail(refused.Stderr));
            });
        }

        Assert.Multiple(async () =>
        {
            Assert.That(rig.CommittedTotal(), Is.Zero, "no offset stored for unwritten posts");
            Assert.That((await rig.Store.GetStatsAsync()).Posts, Is.Zero);
        });

        await GrantAsync(rig.Db, grant: true);
        using var fixedRun = rig.StartConsumerProcess("--until-idle", "3");
        Assert.That(await fixedRun.WaitForExitAsync(DrillRig.Patience), Is.Zero, MktProcess.Tail(fixedRun.Stderr));
        Assert.That(rig.CommittedTotal(), Is.EqualTo(produced));
        await rig.AssertThreeCountsAsync(produced, poison, ids);
    }

    [Test]
    public async Task Poison_messages_at_one_percent_go_to_the_DLQ_with_their_reasons_across_three_consumers()
    {
        await using var rig = await DrillRig.StartAsync("poison");
        var (records, ids, poison) = DrillRecords.Make(N, poisonEvery: 100);
        var produced = await rig.ProduceAsync(records);
        using var llm = rig.NewLlm();
        var consumers = new[] { await rig.ConsumerAsync(llm), await rig.ConsumerAsync(llm), await rig.ConsumerAsync(llm) };
        await DrillRig.RunAsync(consumers);

        var reasons = rig.ReadAll(rig.DeadLetterTopic, poison).GroupBy(m => DrillRig.Header(m, DeadLetterHeaders.Reason)).ToDictionary(g => g.Key ?? "", g => g.Count());
        Assert.Multiple(() =>
        {
            Assert.That(poison, Is.EqualTo(N / 100));
            // A batch re-read after a rebalance rejects (and dead-letters) its poison again: counted per delivery.
            Assert.That(consumers.Sum(c => c.Counters.Snapshot().Rejected), Is.GreaterThanOrEqualTo(poison));
            Assert.That(consumers.Sum(c => c.Counters.Stored), Is.EqualTo(ids.Count));
            Assert.That(reasons.Keys, Is.EquivalentTo(new[] { "bad_json", "no_text", "invalid_utf8" }));
        });
        await rig.AssertThreeCountsAsync(produced, poison, ids);
    }

    private static async Task GrantAsync(string db, bool grant)
    {
        await using var conn = new NpgsqlConnection(db);
        await conn.OpenAsync();
        var sql = grant
            ? "GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + new NpgsqlConnectionStringBuilder(db).SearchPath + " TO CURRENT_USER"
            : "REVOKE INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + new NpgsqlConnectionStringBuilder(db).SearchPath + " FROM CURRENT_USER";
#pragma warning disable CA2100 // The schema name is the test's generated hex id.
        await using var cmd = new NpgsqlCommand(sql, conn);
#pragma warning restore CA2100
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + DrillRig.Patience;
        while (!condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), what);
            await Task.Delay(25);
        }
    }
}
