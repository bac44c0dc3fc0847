using Marketing.Analysis.Sentiment;
using Marketing.Core.Brands;
using Marketing.Core.Storage;
using Marketing.Llm;
using Microsoft.Extensions.Hosting;

namespace Marketing.Web;

/// <summary>What the web host serves from: the store, the LLM door, the sentiment model (if trained) and the watchlist.</summary>
public sealed class WebServices
{
    public required IPostStore Store { get; init; }

    public required ILlmClient Llm { get; init; }

    /// <summary>Null when no model has been trained: /api/sentiment then answers 503 with how to train one.</summary>
    public SentimentScorer? Sentiment { get; init; }

    public BrandWatchlist? Watchlist { get; init; }

    /// <summary>Settings shown on the settings page (never secrets): name → value.</summary>
    public IReadOnlyDictionary<string, string> DisplaySettings { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra services to host in the same process: Kafka consumers, the report scheduler.</summary>
    public IReadOnlyList<Func<IServiceProvider, IHostedService>> HostedServices { get; init; } = [];

    /// <summary>Other LLM clients the process uses (the hosted consumer's sentiment help), reported on /metrics by name.</summary>
    public IReadOnlyList<(string Name, ILlmClient Client)> MeteredLlms { get; init; } = [];
}
