using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Marketing.Ingest.Kafka;

/// <summary>
/// Replays raw records into a topic, one message per record, keyed by author id (<see cref="AuthorKey"/>), at an
/// optional rate. Every delivery report is counted; the run ends only when all reports are in.
/// </summary>
public sealed class KafkaFileProducer
{
    private readonly KafkaOptions _options;
    private readonly ILogger _logger;

    public KafkaFileProducer(KafkaOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
    }

    /// <param name="rate">Messages per second, or null for as fast as the brokers take them.</param>
    /// <param name="progress">Called about once a second with the running totals.</param>
    public async Task<KafkaProduceSummary> ProduceAsync(
        IEnumerable<byte[]> records,
        string bootstrapServers,
        string topic,
        double? rate,
        Action<KafkaProduceSummary>? progress,
        CancellationToken ct)
    {
        long produced = 0, delivered = 0, failed = 0, bytes = 0;
        var failedBy = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(_options.BuildProducerConfig(bootstrapServers))
            .SetLogHandler((_, m) => _logger.LogDebug("librdkafka producer {Facility}: {Message}", m.Facility, m.Message))
            .SetErrorHandler((_, e) => _logger.LogWarning("Kafka producer error {Code}: {Reason}", e.Code, e.Reason))
            .Build();
        var clock = Stopwatch.StartNew();
        var lastProgress = TimeSpan.Zero;

        KafkaProduceSummary Snapshot()
        {
            var seconds = clock.Elapsed.TotalSeconds;
            var d = Interlocked.Read(ref delivered);
            return new(topic, produced, d, Interlocked.Read(ref failed), bytes, Math.Round(seconds, 3), seconds > 0 ? Math.Round(d / seconds) : 0,
                new SortedDictionary<string, long>(failedBy, StringComparer.Ordinal));
        }

        void OnReport(DeliveryReport<byte[]?, byte[]?> report)
        {
            if (report.Error.IsError)
            {
                Interlocked.Increment(ref failed);
                failedBy.AddOrUpdate(report.Error.Code.ToString(), 1, (_, n) => n + 1);
            }
            else
            {
                Interlocked.Increment(ref delivered);
            }
        }

        foreach (var record in records)
        {
            ct.ThrowIfCancellationRequested();
            var message = new Message<byte[]?, byte[]?> { Key = AuthorKey.Extract(record), Value = record };
            while (true)
            {
                try
                {
                    producer.Produce(topic, message, OnReport);
                    break;
                }
                catch (ProduceException<byte[]?, byte[]?> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
                {
                    // Back-pressure: let librdkafka send and serve delivery reports, then try again.
                    producer.Poll(TimeSpan.FromMilliseconds(50));
                }
                catch (ProduceException<byte[]?, byte[]?> ex)
                {
                    // Refused before sending (e.g. larger than message.max.bytes): counted, never silent.
                    OnReport(new DeliveryReport<byte[]?, byte[]?> { Error = ex.Error, Message = message, TopicPartitionOffset = new TopicPartitionOffset(topic, Partition.Any, Offset.Unset) });
                    _logger.LogWarning("Record {Index} ({Bytes} bytes) not produced: {Reason}", produced + 1, record.Length, ex.Error.Reason);
                    break;
                }
            }

            produced++;
            bytes += record.Length;
            if (rate is > 0 && produced / rate.Value is var due && clock.Elapsed.TotalSeconds < due)
            {
                await Task.Delay(TimeSpan.FromSeconds(due - clock.Elapsed.TotalSeconds), ct);
            }

            if (progress is not null && clock.Elapsed - lastProgress >= TimeSpan.FromSeconds(1))
            {
                lastProgress = clock.Elapsed;
                progress(Snapshot());
            }
        }

        while (producer.Flush(TimeSpan.FromMilliseconds(500)) > 0)
        {
            ct.ThrowIfCancellationRequested();
            if (progress is not null)
            {
                progress(Snapshot());
            }
        }

        var summary = Snapshot();
        _logger.LogInformation("Produced {Produced} record(s) to {Topic}: {Delivered} delivered, {Failed} failed", summary.Produced, topic, summary.Delivered, summary.Failed);
        return summary;
    }
}
