using Confluent.Kafka;
using Marketing.Ingest.Kafka;

namespace Marketing.Bench;

/// <summary>The benches' <c>--set</c> / <c>--produce-set</c> options: librdkafka settings as key=value.</summary>
internal static class ClientSettings
{
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
    /// Options for the producer that fills the mock: the project's producer defaults with <see cref="KafkaMockCluster.FillLingerMs"/>,
    /// then <paramref name="settings"/>.
    /// </summary>
    public static KafkaOptions ProducerOptions(IEnumerable<string> settings)
    {
        var options = new KafkaOptions();
        options.Producer.LingerMs = KafkaMockCluster.FillLingerMs;
        Apply(options.Producer, settings, "--produce-set");
        return options;
    }
}
