using Confluent.Kafka;
using Marketing.Ingest.Kafka;
using NUnit.Framework;

namespace Marketing.Ingest.Tests.Kafka;

[TestFixture]
public sealed class KafkaMockClusterTests
{
    [Test]
    public async Task Mock_cluster_serves_real_clients_and_creates_topics_with_more_partitions_than_auto_create()
    {
        using var mock = KafkaMockCluster.Start(brokers: 3);
        mock.CreateTopic("wide", 12);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = mock.BootstrapServers }).Build();
        var wide = admin.GetMetadata("wide", TimeSpan.FromSeconds(10)).Topics.Single();
        var auto = admin.GetMetadata("auto-created", TimeSpan.FromSeconds(10)).Topics.Single();
        var isMock = await KafkaMockCluster.IsMockAsync(mock.BootstrapServers, TimeSpan.FromSeconds(5));

        Assert.Multiple(() =>
        {
            Assert.That(mock.BootstrapServers.Split(','), Has.Length.EqualTo(3));
            Assert.That(wide.Partitions, Has.Count.EqualTo(12));
            Assert.That(auto.Partitions, Has.Count.EqualTo(KafkaMockCluster.AutoCreatePartitions));
            Assert.That(isMock, Is.True, "the cluster id tells a mock from a real cluster");
        });
    }

    [Test]
    public void Recreating_a_topic_with_no_more_partitions_is_a_no_op()
    {
        using var mock = KafkaMockCluster.Start(brokers: 1);
        mock.CreateTopic("t", 6);

        Assert.DoesNotThrow(() => mock.CreateTopic("t", 6));
    }

    [Test]
    public void Partitions_keep_a_file_under_half_the_mock_partition_cap()
    {
        Assert.Multiple(() =>
        {
            Assert.That(KafkaMockCluster.PartitionsFor(0), Is.EqualTo(4), "never fewer than auto-create gives");
            Assert.That(KafkaMockCluster.PartitionsFor(100L << 20), Is.EqualTo(40), "100 MiB at 2.5 MiB per partition");
            Assert.That(KafkaMockCluster.PartitionsFor(1, minimum: 1), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_closed_port_is_not_reported_as_a_mock_cluster() =>
        Assert.That(await KafkaMockCluster.IsMockAsync("127.0.0.1:1", TimeSpan.FromSeconds(2)), Is.False);
}
