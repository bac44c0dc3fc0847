using System.Globalization;
using System.Text;
using Marketing.Ingest.Kafka;
using Marketing.Llm;

namespace Marketing.Web;

/// <summary>
/// Counters for <c>/metrics</c> (Prometheus text format 0.0.4): HTTP and scoring from the web app itself; ingest
/// (posts stored, rejected, consumer lag) from the Kafka consumers the process hosts; LLM calls, cost, cache hits and
/// breaker state from every LLM client it uses (label <c>client</c>).
/// </summary>
public sealed class WebMetrics
{
    private readonly List<(string Client, ILlmClient Llm)> _llms = [];
    private Func<IEnumerable<KafkaConsumerService>> _consumers = () => [];

    public Counter Requests { get; } = new();

    public Counter SentimentRequests { get; } = new();

    public Counter SentimentCacheHits { get; } = new();

    public Counter DraftJobs { get; } = new();

    public Counter DraftCacheHits { get; } = new();

    public Histogram ScoringSeconds { get; } = new([0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1]);

    /// <summary>Gauges from what the process hosts (consumer lag, posts stored...): name → (help, value).</summary>
    public List<Func<IEnumerable<(string Name, string Help, string Type, double Value)>>> Sources { get; } = [];

    /// <summary>Reports this client's usage under <c>client="<paramref name="name"/>"</c>.</summary>
    public void AddLlm(string name, ILlmClient llm)
    {
        lock (_llms)
        {
            _llms.Add((name, llm));
        }
    }

    /// <summary>The hosted consumers, asked at each scrape (they are created when the host starts).</summary>
    public void SetConsumers(Func<IEnumerable<KafkaConsumerService>> consumers) => _consumers = consumers;

    public string Render()
    {
        var sb = new StringBuilder();
        Write(sb, "mkt_http_requests_total", "HTTP requests served.", "counter", Requests.Value);
        Write(sb, "mkt_sentiment_requests_total", "POST /api/sentiment requests.", "counter", SentimentRequests.Value);
        Write(sb, "mkt_sentiment_cache_hits_total", "Sentiment requests answered from cache.", "counter", SentimentCacheHits.Value);
        Write(sb, "mkt_draft_jobs_total", "Draft jobs started.", "counter", DraftJobs.Value);
        Write(sb, "mkt_draft_cache_hits_total", "Draft requests answered from an existing job.", "counter", DraftCacheHits.Value);
        ScoringSeconds.Write(sb, "mkt_scoring_latency_seconds", "Sentiment scoring latency per request.");
        WriteIngest(sb);
        WriteLlm(sb);
        foreach (var source in Sources)
        {
            foreach (var (name, help, type, value) in source())
            {
                Write(sb, name, help, type, value);
            }
        }

        return sb.ToString();
    }

    private void WriteIngest(StringBuilder sb)
    {
        var consumers = _consumers().ToList();
        var snapshots = consumers.Select(c => c.Counters.Snapshot()).ToList();
        Write(sb, "mkt_ingest_posts_stored_total", "Posts stored (inserted) by the hosted Kafka consumers; rate() of it is the ingest rate.", "counter", snapshots.Sum(s => s.Stored));
        Write(sb, "mkt_ingest_posts_updated_total", "Posts that were already stored (redeliveries, updates).", "counter", snapshots.Sum(s => s.Duplicates));
        Write(sb, "mkt_ingest_rejected_total", "Records rejected to the dead-letter topic.", "counter", snapshots.Sum(s => s.Rejected));
        Write(sb, "mkt_ingest_messages_total", "Kafka messages taken (a redelivered message counts again).", "counter", snapshots.Sum(s => s.Messages));
        Write(sb, "mkt_ingest_failed_writes_total", "Batch writes that failed and were retried (store or dead-letter topic unavailable).", "counter", consumers.Sum(c => c.Counters.FailedWrites));
        Write(sb, "mkt_consumer_lag_messages", "Messages behind the high watermark over the assigned partitions, as last measured.", "gauge", consumers.Sum(c => Math.Max(0, c.Lag)));
        Write(sb, "mkt_consumer_assigned_partitions", "Partitions the hosted consumers own.", "gauge", consumers.Sum(c => c.AssignedPartitions));
    }

    private void WriteLlm(StringBuilder sb)
    {
        List<(string Client, LlmUsage Usage)> usages;
        lock (_llms)
        {
            usages = _llms.Select(l => (l.Client, l.Llm.Usage)).ToList();
        }

        WriteLabelled(sb, "mkt_llm_calls_total", "LLM HTTP requests sent (retries included).", "counter", usages.Select(u => (u.Client, (double)u.Usage.Calls)));
        WriteLabelled(sb, "mkt_llm_cache_hits_total", "LLM requests answered from the cache.", "counter", usages.Select(u => (u.Client, (double)u.Usage.CacheHits)));
        WriteLabelled(sb, "mkt_llm_failures_total", "LLM attempts that failed (HTTP error, timeout, malformed answer).", "counter", usages.Select(u => (u.Client, (double)u.Usage.Failures)));
        WriteLabelled(sb, "mkt_llm_refused_total", "LLM requests refused without a call (offline, breaker open, budget spent).", "counter", usages.Select(u => (u.Client, (double)u.Usage.Refused)));
        WriteLabelled(sb, "mkt_llm_tokens_total", "LLM input + output tokens.", "counter", usages.Select(u => (u.Client, (double)(u.Usage.InputTokens + u.Usage.OutputTokens))));
        WriteLabelled(sb, "mkt_llm_cost_usd_total", "LLM cost in USD at the configured prices.", "counter", usages.Select(u => (u.Client, (double)u.Usage.CostUsd)));
        WriteLabelled(sb, "mkt_llm_breaker_open", "1 while the LLM circuit breaker is open or half-open, else 0.", "gauge",
            usages.Select(u => (u.Client, u.Usage.BreakerState is CircuitBreaker.Open or CircuitBreaker.HalfOpen ? 1.0 : 0.0)));
    }

    private static void WriteLabelled(StringBuilder sb, string name, string help, string type, IEnumerable<(string Client, double Value)> values)
    {
        sb.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n').Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        foreach (var (client, value) in values)
        {
            var label = client.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
            sb.Append(name).Append("{client=\"").Append(label).Append("\"} ").Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
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
