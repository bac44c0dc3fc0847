using Confluent.Kafka;
using Marketing.Ingest.Kafka;
using Microsoft.Extensions.Configuration;
using NUnit.Framework;

namespace Marketing.Ingest.Tests.Kafka;

[TestFixture]
public sealed class KafkaOptionsTests
{
    [Test]
    public void Consumer_settings_bind_by_property_name_and_by_librdkafka_name()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:Topic"] = "social",
            ["Kafka:BatchSize"] = "750",
            ["Kafka:Consumer:FetchMinBytes"] = "4096",
            ["Kafka:Consumer:AutoOffsetReset"] = "Latest",
            ["Kafka:Consumer:fetch.wait.max.ms"] = "250",
            ["Kafka:Producer:linger.ms"] = "50",
            ["Kafka:Producer:CompressionType"] = "Zstd",
        }).Build();

        var options = KafkaOptions.FromConfiguration(configuration);
        var consumer = options.BuildConsumerConfig("b:9092", "g");
        var producer = options.BuildProducerConfig("b:9092");

        Assert.Multiple(() =>
        {
            Assert.That(options.Topic, Is.EqualTo("social"));
            Assert.That(options.BatchSize, Is.EqualTo(750));
            Assert.That(consumer.FetchMinBytes, Is.EqualTo(4096));
            Assert.That(consumer.AutoOffsetReset, Is.EqualTo(AutoOffsetReset.Latest));
            Assert.That(consumer.Get("fetch.wait.max.ms"), Is.EqualTo("250"));
            Assert.That(producer.LingerMs, Is.EqualTo(50));
            Assert.That(producer.CompressionType, Is.EqualTo(CompressionType.Zstd));
            Assert.That(consumer.BootstrapServers, Is.EqualTo("b:9092"));
            Assert.That(consumer.GroupId, Is.EqualTo("g"));
        });
    }

    [Test]
    public void Any_librdkafka_setting_can_come_from_an_environment_variable()
    {
        var name = "MKT_T" + Guid.NewGuid().ToString("N")[..8] + "__";
        Environment.SetEnvironmentVariable(name + "Kafka__Consumer__queued.max.messages.kbytes", "2048");
        Environment.SetEnvironmentVariable(name + "Kafka__Consumer__MaxPollIntervalMs", "120000");
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables(name).Build();

            var consumer = KafkaOptions.FromConfiguration(configuration).BuildConsumerConfig("b:9092", "g");

            Assert.Multiple(() =>
            {
                Assert.That(consumer.Get("queued.max.messages.kbytes"), Is.EqualTo("2048"));
                Assert.That(consumer.MaxPollIntervalMs, Is.EqualTo(120_000));
            });
        }
        finally
        {
            Environment.SetEnvironmentVariable(name + "Kafka__Consumer__queued.max.messages.kbytes", null);
            Environment.SetEnvironmentVariable(name + "Kafka__Consumer__MaxPollIntervalMs", null);
        }
    }

    [Test]
    public void Consumer_always_stores_offsets_itself_and_uses_cooperative_sticky_assignment()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            // A setting that would break at-least-once: it is overridden, whatever the configuration says.
            ["Kafka:Consumer:enable.auto.offset.store"] = "true",
        }).Build();

        var consumer = KafkaOptions.FromConfiguration(configuration).BuildConsumerConfig("b:9092", "g");

        Assert.Multiple(() =>
        {
            Assert.That(consumer.EnableAutoOffsetStore, Is.False);
            Assert.That(consumer.EnableAutoCommit, Is.True);
            Assert.That(consumer.PartitionAssignmentStrategy, Is.EqualTo(PartitionAssignmentStrategy.CooperativeSticky));
        });
    }

    [Test]
    public void Dead_letter_topic_is_the_topic_with_the_dlq_suffix() =>
        Assert.That(new KafkaOptions().DeadLetterTopic("posts"), Is.EqualTo("posts.dlq"));
}
