using Confluent.Kafka;
using Marketing.Ingest.Kafka;

namespace Marketing.Bench;

/// <summary>The benches' <c>--set</c> / <c>--produce-set</c> options: librdkafka settings as key=value.</summary>
internal static class ClientSettings
{
    /// <summary>
    /// linger.ms of the producer that fills the mock before the consumer runs (the project's default is 20). The mock
    /// broker answers a fetch with one message set (producer batch) per partition, found by a linear scan of the
    /// partition's message sets (librdkafka's mock "FIXME: Maintain an index"): with 20 ms batches of a few messages
    /// each, its scans took ~5 µs CPU per post of the 1M-post pipeline bench (233 partitions), charged to the
    /// consumer's CPU per post. A real broker returns up to max.partition.fetch.bytes per partition per fetch,
    /// whatever the producer's batching; batches of a few hundred messages make the mock's cost per message
    /// as small. The consumer reads the same messages either way.
    /// </summary>
    public const int FillLingerMs = 500;

    /// <summary>Sets each key=value of <paramref name="settings"/> on <paramref name="config"/>.</summary>
    public static void Apply(ClientConfig config, IEnumerable<string> settings, string option)
    {
        foreach (var s in settings)
        {
            var eq = s.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ArgumentException($"{option} {s}: expected key=value.");
            }

            config.Set(s[..eq], s[(eq + 1)..]);
        }
    }

    /// <summary>
    /// Options for the producer that fills the mock: the project's producer defaults with <see cref="FillLingerMs"/>,
    /// then <paramref name="settings"/>.
    /// </summary>
    public static KafkaOptions ProducerOptions(IEnumerable<string> settings)
    {
        var options = new KafkaOptions();
        options.Producer.LingerMs = FillLingerMs;
        Apply(options.Producer, settings, "--produce-set");
        return options;
    }
}
