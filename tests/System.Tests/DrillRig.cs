using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using Marketing.Analysis.Sentiment;
using Marketing.Core.Domain;
using Marketing.Core.Json;
using Marketing.Core.Storage;
using Marketing.Ingest;
using Marketing.Ingest.Kafka;
using Marketing.Llm;
using Marketing.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NUnit.Framework;

namespace Marketing.System.Tests;

/// <summary>
/// The scale-out configuration of the drill: librdkafka's mock cluster (3 brokers) with a topic of several
/// partitions, PostgreSQL (a fresh schema of the <c>MKT_TEST_PG</c> database; skipped with a how-to when unset), a
/// sentiment model, and LLM help against a loopback chat-completions server. Consumers run in this process
/// (<see cref="Consumer"/>) or as <c>mkt consume</c> children (<see cref="StartConsumerProcess"/>) against the same
/// cluster, store and LLM. <see cref="AssertThreeCountsAsync"/> checks the drill's three counts.
/// </summary>
internal sealed partial class DrillRig : IAsyncDisposable
{
    // A hang guard, not a speed assertion.
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private static readonly Lock ModelGate = new();
    private static string? _modelPath;

    private readonly List<IAsyncDisposable> _owned = [];
    private readonly List<KafkaConsumerService> _consumers = [];

    private DrillRig(string name, KafkaMockCluster mock, string db, IPostStore store, FakeChatServer chat, int partitions, string dir)
    {
        Mock = mock;
        Db = db;
        Store = store;
        Chat = chat;
        Partitions = partitions;
        Dir = dir;
        Topic = "drill-" + name;
        Group = "g-" + name;
    }

    public KafkaMockCluster Mock { get; }

    public string Topic { get; }

    public string DeadLetterTopic => Topic + ".dlq";

    public string Group { get; }

    public int Partitions { get; }

    /// <summary>PostgreSQL connection string with its own schema.</summary>
    public string Db { get; }

    /// <summary>The rig's own view of the store (for counting); consumers open their own.</summary>
    public IPostStore Store { get; }

    public FakeChatServer Chat { get; }

    public string Dir { get; }

    public static string ModelPath
    {
        get
        {
            lock (ModelGate)
            {
                return _modelPath ??= TrainModel();
            }
        }
    }

    /// <summary>Starts the configuration; skips the test (with how to run it) when <c>MKT_TEST_PG</c> is unset.</summary>
    public static async Task<DrillRig> StartAsync(string name, int partitions = 6)
    {
        var db = await TestStores.NewDatabaseAsync(StoreKind.Postgres);
        var store = await StoreFactory.OpenAsync(db);
        var mock = KafkaMockCluster.Start(brokers: 3);
        mock.CreateTopic("drill-" + name, partitions);
        var chat = await FakeChatServer.StartAsync();
        chat.Responder = LabelAll;
        return new DrillRig(name, mock, db, store, chat, partitions, TestPaths.NewTempDir("drill-" + name));
    }

    /// <summary>A healthy LLM: labels every post of the request positive.</summary>
    public static FakeChatServerReply LabelAll(FakeChatServerRequest request)
    {
        var n = CountPattern().Match(request.Body) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 1;
        return FakeChatServerReply.Json(new { labels = Enumerable.Range(1, n).Select(i => new { id = i, label = "positive", confidence = 0.93 }).ToArray() });
    }

    public KafkaOptions Options(int batch = 500, double idleSeconds = 3) => new()
    {
        BootstrapServers = Mock.BootstrapServers,
        Topic = Topic,
        GroupId = Group,
        BatchSize = batch,
        BatchTimeout = TimeSpan.FromMilliseconds(200),
        IdleExit = idleSeconds > 0 ? TimeSpan.FromSeconds(idleSeconds) : null,
        RetryBackoff = TimeSpan.FromMilliseconds(100),
        MaxRetryBackoff = TimeSpan.FromSeconds(2),
        LagLogInterval = TimeSpan.FromSeconds(2),
    };

    /// <summary>An LLM client against the rig's chat server, with short timeouts so a hang costs a second.</summary>
    public LlmClient NewLlm(Action<LlmOptions>? tweak = null)
    {
        var options = new LlmOptions
        {
            Provider = LlmOptions.OpenAiCompatibleProvider,
            Endpoint = Chat.Endpoint,
            Model = "fake-model",
            AttemptTimeoutSeconds = 1,
            MaxRetries = 1,
            RetryBaseDelaySeconds = 0.05,
            RetryMaxDelaySeconds = 0.2,
            MaxRetryAfterSeconds = 0.2,
            BreakerFailureThreshold = 3,
            BreakerCooldownSeconds = 1,
            MaxCalls = 0,
            MaxTokens = 0,
            PricePer1kInputTokens = 0.15m,
            PricePer1kOutputTokens = 0.6m,
        };
        tweak?.Invoke(options);
        return new LlmClient(LlmClientFactory.CreateChatClient(options), options, NullLogger<LlmClient>.Instance, Store);
    }

    /// <summary>An in-process consumer with the real decoder, the model and LLM help, writing to <paramref name="store"/> (default: a store of its own on <see cref="Db"/>).</summary>
    /// <param name="llmThreshold">Posts the model scores below this confidence are sent to the LLM (1 = all of them).</param>
    public async Task<KafkaConsumerService> ConsumerAsync(LlmClient llm, IPostStore? store = null, Action<KafkaOptions>? tweak = null, int llmMaxCalls = 200, float llmThreshold = 0.6f)
    {
        if (store is null)
        {
            store = await StoreFactory.OpenAsync(Db);
            _owned.Add(store);
        }

        var options = Options();
        tweak?.Invoke(options);
        var help = new LlmSentimentHelper(llm, new LlmSentimentOptions { MaxCalls = llmMaxCalls, ConfidenceThreshold = llmThreshold }, store);
        var scorer = new SentimentScorer(SentimentModel.Load(ModelPath), null, help);
        var decoder = RecordDecoders.Create(new IngestOptions(), null);
        var consumer = new KafkaConsumerService(options, decoder, [scorer], store, DrillLogger<KafkaConsumerService>.Instance);
        _consumers.Add(consumer);
        return consumer;
    }

    /// <summary>What a <c>mkt consume</c> child needs to join: the model and the LLM endpoint, through its configuration.</summary>
    public Dictionary<string, string> ProcessEnvironment() => new(StringComparer.Ordinal)
    {
        ["MKT__Marketing__Model"] = ModelPath,
        ["MKT_LLM_PROVIDER"] = LlmOptions.OpenAiCompatibleProvider,
        ["MKT_LLM_ENDPOINT"] = Chat.Endpoint,
        ["MKT_LLM_MODEL"] = "fake-model",
        ["MKT__Llm__AttemptTimeoutSeconds"] = "1",
        ["MKT__Llm__MaxRetries"] = "1",
        ["MKT__Llm__PersistCache"] = "false",
        ["MKT__Kafka__LagLogInterval"] = "00:00:02",
        ["MKT__Kafka__RetryBackoff"] = "00:00:00.100",
        ["MKT__Kafka__MaxRetryBackoff"] = "00:00:01",
        ["MKT__Kafka__BatchTimeout"] = "00:00:00.200",
        ["Logging__LogLevel__Default"] = "Information",
    };

    public MktProcess StartConsumerProcess(params string[] extra) =>
        MktProcess.Start(Dir, ProcessEnvironment(), [.. ConsumeArgs(), .. extra]);

    public string[] ConsumeArgs(string? db = null) =>
        ["consume", "--bootstrap", Mock.BootstrapServers, "--topic", Topic, "--group", Group, "--db", db ?? Db, "--batch", "500"];

    /// <summary>Produces the records (every one must be delivered) and returns how many were.</summary>
    public async Task<long> ProduceAsync(IEnumerable<byte[]> records, double? rate = null, Action<KafkaOptions>? tweak = null)
    {
        var options = new KafkaOptions();
        tweak?.Invoke(options);
        var summary = await new KafkaFileProducer(options, NullLogger.Instance).ProduceAsync(records, Mock.BootstrapServers, Topic, rate, null, CancellationToken.None);
        Assert.That(summary.Failed, Is.Zero, "every record must be delivered to the mock cluster");
        return summary.Delivered;
    }

    public static async Task RunAsync(params KafkaConsumerService[] consumers) =>
        Assert.That(await ConsumerRuns.RunAsync(Patience, consumers), Is.True, $"The consumers did not finish within {Patience.TotalSeconds} s.");

    public static async Task WaitAsync(params KafkaConsumerService[] consumers) =>
        Assert.That(await ConsumerRuns.WaitAsync(Patience, consumers), Is.True, $"The consumers did not finish within {Patience.TotalSeconds} s.");

    public async Task WaitForStoredAsync(long atLeast, Func<string>? why = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        while ((await Store.GetStatsAsync()).Posts < atLeast)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"fewer than {atLeast} posts stored in time. " + why?.Invoke());
            await Task.Delay(25);
        }
    }

    /// <summary>Every stored post (a duplicate would show as a repeated id).</summary>
    public async Task<List<SocialPost>> StoredPostsAsync()
    {
        var posts = new List<SocialPost>();
        await foreach (var p in Store.StreamPostsAsync(new PostQuery { Limit = 0 }))
        {
            posts.Add(p);
        }

        return posts;
    }

    /// <summary>Rows of the posts table, counted by SQL without the primary key's help (GROUP BY id).</summary>
    public async Task<(long Rows, long Distinct)> CountRowsAsync()
    {
        await using var conn = new NpgsqlConnection(Db);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*), count(DISTINCT (platform, post_id)) FROM posts", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>
    /// The drill's three counts, asserted: stored = produced − rejected; rejected = the DLQ count; no post stored
    /// twice. The DLQ is read whole; a dead letter written twice (a consumer killed after the DLQ acknowledged but
    /// before its offset was committed) carries the same source headers, so the DLQ count is by source offset.
    /// </summary>
    public async Task<DrillCounts> AssertThreeCountsAsync(long produced, int expectedRejected, IReadOnlySet<string> expectedIds)
    {
        var posts = await StoredPostsAsync();
        var (rows, distinctRows) = await CountRowsAsync();
        var dlq = ReadAll(DeadLetterTopic, expectedRejected);
        var dlqSources = dlq.Select(SourceOf).ToList();
        var counts = new DrillCounts(produced, rows, dlqSources.Distinct(StringComparer.Ordinal).Count(), dlq.Count);
        TestContext.Out.WriteLine($"drill counts: produced {counts.Produced}, stored {counts.Stored}, rejected (DLQ by source) {counts.Rejected}, DLQ messages {counts.DeadLetterMessages}");
        Assert.Multiple(() =>
        {
            Assert.That(counts.Stored, Is.EqualTo(counts.Produced - counts.Rejected), "stored = produced − rejected");
            Assert.That(counts.Rejected, Is.EqualTo(expectedRejected), "rejected = the DLQ count (every reject is in the DLQ, nothing else is)");
            Assert.That(distinctRows, Is.EqualTo(rows), "no post stored twice (SQL count vs distinct keys)");
            Assert.That(posts.Select(p => p.PostId).Distinct().Count(), Is.EqualTo(posts.Count), "no post stored twice (ids)");
            Assert.That(posts.Select(p => p.PostId).ToHashSet().SetEquals(expectedIds), Is.True, "exactly the valid posts are stored");
        });
        return counts;
    }

    public static string SourceOf(ConsumeResult<byte[]?, byte[]?> m) =>
        $"{Header(m, DeadLetterHeaders.SourceTopic)}/{Header(m, DeadLetterHeaders.SourcePartition)}@{Header(m, DeadLetterHeaders.SourceOffset)}";

    public static string? Header(ConsumeResult<byte[]?, byte[]?> m, string name) =>
        m.Message.Headers?.TryGetLastBytes(name, out var v) == true ? Encoding.UTF8.GetString(v) : null;

    /// <summary>All messages of a topic, read from the start by a group-less reader.</summary>
    public List<ConsumeResult<byte[]?, byte[]?>> ReadAll(string topic, int expected)
    {
        using var c = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = Mock.BootstrapServers,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).SetLogHandler((_, _) => { }).Build();
        c.Subscribe(topic);
        var list = new List<ConsumeResult<byte[]?, byte[]?>>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var quietSince = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline && (list.Count < expected || DateTime.UtcNow - quietSince < TimeSpan.FromSeconds(1.5)))
        {
            try
            {
                if (c.Consume(TimeSpan.FromMilliseconds(200)) is { } m)
                {
                    list.Add(m);
                    quietSince = DateTime.UtcNow;
                }
            }
            catch (ConsumeException ex) when (ex.Error.Code == ErrorCode.UnknownTopicOrPart)
            {
                // Never produced to: an empty topic.
            }
        }

        c.Close();
        return list;
    }

    /// <summary>The group's committed offsets summed over the topic's partitions, read without joining the group.</summary>
    public long CommittedTotal()
    {
        using var c = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = Mock.BootstrapServers, GroupId = Group }).Build();
        var committed = c.Committed(Enumerable.Range(0, Partitions).Select(p => new TopicPartition(Topic, p)), TimeSpan.FromSeconds(10));
        return committed.Where(o => o.Offset.Value >= 0).Sum(o => o.Offset.Value);
    }

    public async ValueTask DisposeAsync()
    {
        // A failed test may leave consumers running: stop them before their cluster and store go away.
        foreach (var c in _consumers)
        {
            using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await c.StopAsync(giveUp.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        foreach (var d in _owned)
        {
            await d.DisposeAsync();
        }

        await Chat.DisposeAsync();
        await Store.DisposeAsync();
        Mock.Dispose();
    }

    private static string TrainModel()
    {
        var data = new List<SentimentExample>();
        string[] pos = ["love it", "great coffee", "amazing service", "so happy with this", "excellent taste", "best ever"];
        string[] neg = ["hate it", "terrible coffee", "awful service", "so angry with this", "burnt taste", "worst ever"];
        string[] neu = ["it is a cup", "the shop opens at nine", "new blend released", "shipping today", "price is listed", "available in large"];
        for (var i = 0; i < 5; i++)
        {
            data.AddRange(pos.Select(t => new SentimentExample(SentimentLabel.Positive, t + " " + i)));
            data.AddRange(neg.Select(t => new SentimentExample(SentimentLabel.Negative, t + " " + i)));
            data.AddRange(neu.Select(t => new SentimentExample(SentimentLabel.Neutral, t + " " + i)));
        }

        var model = new SentimentTrainer().Train(data, new SentimentTrainingOptions { MaxIterations = 50 }).Model;
        var path = Path.Combine(TestPaths.NewTempDir("drill-model"), "sentiment.zip");
        model.Save(path);
        return path;
    }

    [GeneratedRegex(@"these (\d+) posts")]
    private static partial Regex CountPattern();
}

internal sealed record DrillCounts(long Produced, long Stored, long Rejected, long DeadLetterMessages);

/// <summary>Drill records: posts in the project's own JSON schema, ids d0..d{n-1}, with poison mixed in on request.</summary>
internal static class DrillRecords
{
    private static readonly string[] Moods = ["love it, great coffee", "terrible coffee, awful service", "new blend released today", "the shop opens at nine", "so happy with this", "worst ever"];

    public static (List<byte[]> Records, HashSet<string> ValidIds, int Poison) Make(int n, int poisonEvery = 0, string prefix = "d")
    {
        var records = new List<byte[]>(n);
        var valid = new HashSet<string>(StringComparer.Ordinal);
        var poison = 0;
        for (var i = 0; i < n; i++)
        {
            if (poisonEvery > 0 && i % poisonEvery == poisonEvery - 1)
            {
                poison++;
                records.Add((i / poisonEvery % 3) switch
                {
                    0 => Encoding.UTF8.GetBytes("{\"id\": \"" + prefix + i + "\", \"text\": \"cut off"),
                    1 => Encoding.UTF8.GetBytes(SnakeCaseJson.Serialize(Post(prefix, i, text: ""))),
                    _ => [0xC3, 0x28, 0x7B, 0x7D],
                });
                continue;
            }

            records.Add(Encoding.UTF8.GetBytes(SnakeCaseJson.Serialize(Post(prefix, i))));
            valid.Add(prefix + i);
        }

        return (records, valid, poison);
    }

    private static SocialPost Post(string prefix, int i, string? text = null)
    {
        var post = Posts.Make(prefix + i, text ?? $"post {i}: {Moods[i % Moods.Length]} #coffee", Posts.Epoch.AddSeconds(i), author: "u" + (i % 997));
        post.Hashtags = ["coffee"];
        return post;
    }
}

/// <summary>Consumer logs into the test output (warnings and above), so a failing drill shows what the consumer saw.</summary>
internal sealed class DrillLogger<T> : ILogger<T>
{
    public static readonly DrillLogger<T> Instance = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    // DRILL_LOG=info shows assignments and lag too.
    private static readonly LogLevel Threshold = Environment.GetEnvironmentVariable("DRILL_LOG") == "info" ? LogLevel.Information : LogLevel.Warning;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= Threshold;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            TestContext.Progress.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {typeof(T).Name}: {formatter(state, exception)}");
        }
    }
}
