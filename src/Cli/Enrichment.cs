using Marketing.Analysis.Sentiment;
using Marketing.Core.Brands;
using Marketing.Core.Domain;
using Marketing.Llm;
using Microsoft.Extensions.Logging;

namespace Marketing.Cli;

/// <summary>
/// The analysis stage every ingest batch passes through before the durable write: the sentiment model when one has
/// been trained (with per-brand sentiment from the watchlist, and LLM help for hard cases when an LLM is configured).
/// Without a model the posts are stored unscored, and the log says how to score them later.
/// </summary>
public static class Enrichment
{
    public static Task<IReadOnlyList<IPostEnricher>> CreateAsync(CliContext ctx, CancellationToken ct) => CreateAsync(ctx, null, ct);

    /// <param name="llmCreated">Told the LLM client when LLM help is on (the consumer reports its breaker state).</param>
    public static async Task<IReadOnlyList<IPostEnricher>> CreateAsync(CliContext ctx, Action<ILlmClient>? llmCreated, CancellationToken ct)
    {
        var log = ctx.Logger<SentimentScorer>();
        if (!File.Exists(ctx.Options.Model))
        {
            log.LogWarning("No sentiment model at {Model}: posts are stored unscored. Train one with 'mkt train', then run 'mkt rescore'.", ctx.Options.Model);
            return [];
        }

        var brands = ctx.TryLoadBrands() is { } watchlist ? new BrandMatcher(watchlist) : null;
        var llm = LlmClientFactory.Create(ctx.Configuration, ctx.LoggerFactory, await ctx.StoreAsync(ct));
        if (!llm.Provider.IsOffline)
        {
            llmCreated?.Invoke(llm);
        }

        var help = llm.Provider.IsOffline
            ? null
            : new LlmSentimentHelper(llm, null, await ctx.StoreAsync(ct), ctx.Logger<LlmSentimentHelper>());
        return [SentimentScorer.Load(ctx.Options.Model, brands, help, ctx.LoggerFactory)];
    }
}
