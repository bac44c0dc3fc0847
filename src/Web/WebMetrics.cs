using System.Globalization;
using System.Text;

namespace Marketing.Web;

/// <summary>Counters for <c>/metrics</c> (Prometheus text format 0.0.4).</summary>
public sealed class WebMetrics
{
    public Counter Requests { get; } = new();

    public Counter SentimentRequests { get; } = new();

    public Counter SentimentCacheHits { get; } = new();

    public Counter DraftJobs { get; } = new();

    public Counter DraftCacheHits { get; } = new();

    public Histogram ScoringSeconds { get; } = new([0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1]);

    /// <summary>Gauges from what the process hosts (consumer lag, posts stored...): name → (help, value).</summary>
    public List<Func<IEnumerable<(string Name, string Help, string Type, double Value)>>> Sources { get; } = [];

    public string Render()
    {
        var sb = new StringBuilder();
        Write(sb, "mkt_http_requests_total", "HTTP requests served.", "counter", Requests.Value);
        Write(sb, "mkt_sentiment_requests_total", "POST /api/sentiment requests.", "counter", SentimentRequests.Value);
        Write(sb, "mkt_sentiment_cache_hits_total", "Sentiment requests answered from cache.", "counter", SentimentCacheHits.Value);
        Write(sb, "mkt_draft_jobs_total", "Draft jobs started.", "counter", DraftJobs.Value);
        Write(sb, "mkt_draft_cache_hits_total", "Draft requests answered from an existing job.", "counter", DraftCacheHits.Value);
        ScoringSeconds.Write(sb, "mkt_scoring_latency_seconds", "Sentiment scoring latency per request.");
        foreach (var source in Sources)
        {
            foreach (var (name, help, type, value) in source())
            {
                Write(sb, name, help, type, value);
            }
        }

        return sb.ToString();
    }

    private static void Write(StringBuilder sb, string name, string help, string type, double value) =>
        sb.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
          .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n')
          .Append(name).Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');

    public sealed class Counter
    {
        private long _value;

        public long Value => Interlocked.Read(ref _value);

        public void Increment() => Interlocked.Increment(ref _value);
    }

    public sealed class Histogram(double[] bounds)
    {
        private readonly long[] _counts = new long[bounds.Length + 1];
        private long _count;
        private double _sum;
        private readonly Lock _lock = new();

        public void Observe(double seconds)
        {
            lock (_lock)
            {
                var i = Array.FindIndex(bounds, b => seconds <= b);
                _counts[i < 0 ? bounds.Length : i]++;
                _count++;
                _sum += seconds;
            }
        }

        public void Write(StringBuilder sb, string name, string help)
        {
            lock (_lock)
            {
                sb.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n').Append("# TYPE ").Append(name).Append(" histogram\n");
                long cumulative = 0;
                for (var i = 0; i < bounds.Length; i++)
                {
                    cumulative += _counts[i];
                    sb.Append(name).Append("_bucket{le=\"").Append(bounds[i].ToString("R", CultureInfo.InvariantCulture)).Append("\"} ").Append(cumulative).Append('\n');
                }

                sb.Append(name).Append("_bucket{le=\"+Inf\"} ").Append(_count).Append('\n');
                sb.Append(name).Append("_sum ").Append(_sum.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
                sb.Append(name).Append("_count ").Append(_count).Append('\n');
            }
        }
    }
}
