using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Marketing.Core.Json;
using Marketing.Core.Storage;
using Marketing.Ingest;
using Marketing.Ingest.Kafka;
using Marketing.Llm;
using Marketing.TestSupport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using NUnit.Framework;

namespace Marketing.Web.Tests;

/// <summary>/metrics fed by a hosted Kafka consumer and the LLM clients, in Prometheus text.</summary>
[TestFixture]
[NonParallelizable]
public sealed class MetricsTests
{
    [Test]
    public async Task Metrics_report_ingest_rate_consumer_lag_llm_calls_cost_cache_hits_and_scoring_latency()
    {
        const int n = 300;
        using var mock = KafkaMockCluster.Start(brokers: 1);
        mock.CreateTopic("metrics", 2);
        var records = Enumerable.Range(0, n).Select(i => Encoding.UTF8.GetBytes(SnakeCaseJson.Serialize(Posts.Make("m" + i, $"metric post {i}", Posts.Epoch.AddMinutes(i))))).ToList();
        records.Add("{\"id\":\"broken\""u8.ToArray());
        var produced = await new KafkaFileProducer(new KafkaOptions(), NullLogger.Instance).ProduceAsync(records, mock.BootstrapServers, "metrics", null, null, CancellationToken.None);
        Assert.That(produced.Delivered, Is.EqualTo(n + 1));

        await using var store = await TestStores.OpenNewAsync(StoreKind.Sqlite);
        await using var chat = await FakeChatServer.StartAsync();
        chat.DefaultReply = FakeChatServerReply.Content("a drafted line", promptTokens: 1000, completionTokens: 500);
        var llmOptions = new LlmOptions { Provider = LlmOptions.OpenAiCompatibleProvider, Endpoint = chat.Endpoint, PricePer1kInputTokens = 1m, PricePer1kOutputTokens = 2m, PersistCache = false };
        using var ingestLlm = new LlmClient(LlmClientFactory.CreateChatClient(llmOptions), llmOptions, NullLogger<LlmClient>.Instance);
        await ingestLlm.CompleteAsync(new LlmRequest("sentiment", "sys", "user"));
        await ingestLlm.CompleteAsync(new LlmRequest("sentiment", "sys", "user")); // a cache hit

        var consumerOptions = new KafkaOptions { BootstrapServers = mock.BootstrapServers, Topic = "metrics", GroupId = "g-metrics", BatchSize = 100, BatchTimeout = TimeSpan.FromMilliseconds(100), LagLogInterval = TimeSpan.FromMilliseconds(300) };
        var consumer = new KafkaConsumerService(consumerOptions, RecordDecoders.Create(new IngestOptions(), null), [], store, NullLogger<KafkaConsumerService>.Instance);
        var services = new WebServices
        {
            Store = store,
            Llm = LlmClientFactory.Create(new LlmOptions { Provider = LlmOptions.OfflineProvider }),
            Sentiment = new Marketing.Analysis.Sentiment.SentimentScorer(WebFixture.Model()),
            HostedServices = [_ => consumer],
            MeteredLlms = [("ingest", ingestLlm)],
        };
        var options = new WebOptions { Urls = "http://127.0.0.1:0", ReportsDir = TestPaths.NewTempDir("metrics-reports") };
        await using var app = WebApp.Build(services, options);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(WebApp.Addresses(app).First()) };
        (await http.PostAsync("/api/sentiment", new StringContent("{\"text\":\"love it\"}", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        string metrics;
        do
        {
            await Task.Delay(100);
            metrics = await http.GetStringAsync("/metrics");
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the hosted consumer did not store the posts:\n" + metrics);
        }
        while (Value(metrics, "mkt_ingest_posts_stored_total") < n || Value(metrics, "mkt_ingest_rejected_total") < 1 || Value(metrics, "mkt_consumer_lag_messages") != 0 || Value(metrics, "mkt_consumer_assigned_partitions") != 2);

        await app.StopAsync();
        Assert.Multiple(() =>
        {
            Assert.That(Value(metrics, "mkt_ingest_posts_stored_total"), Is.EqualTo(n));
            Assert.That(Value(metrics, "mkt_ingest_rejected_total"), Is.EqualTo(1));
            Assert.That(metrics, Does.Contain("# TYPE mkt_ingest_posts_stored_total counter"));
            Assert.That(metrics, Does.Contain("# TYPE mkt_consumer_lag_messages gauge"));
            Assert.That(Value(metrics, "mkt_llm_calls_total{client=\"ingest\"}"), Is.EqualTo(1));
            Assert.That(Value(metrics, "mkt_llm_cache_hits_total{client=\"ingest\"}"), Is.EqualTo(1));
            Assert.That(Value(metrics, "mkt_llm_cost_usd_total{client=\"ingest\"}"), Is.EqualTo(2.0), "1000 in at $1/1k + 500 out at $2/1k");
            Assert.That(Value(metrics, "mkt_llm_breaker_open{client=\"ingest\"}"), Is.Zero);
            Assert.That(Value(metrics, "mkt_llm_calls_total{client=\"web\"}"), Is.Zero, "the offline web client makes no calls");
            Assert.That(Value(metrics, "mkt_scoring_latency_seconds_count"), Is.EqualTo(1), "the scoring latency is still there");
        });
    }

    /// <summary>The value of the sample line that starts with <paramref name="series"/> (name and labels), or -1.</summary>
    private static double Value(string metrics, string series)
    {
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? -1 : double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }
}
