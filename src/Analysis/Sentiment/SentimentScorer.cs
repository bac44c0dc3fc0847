using Marketing.Core.Brands;
using Marketing.Core.Domain;
using Marketing.Core.Threading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketing.Analysis.Sentiment;

/// <summary>
/// The ingest-path enricher: scores a batch of posts with the model (all cores, thread-safe), sets
/// <see cref="SocialPost.Sentiment"/> (label, probabilities, scorer "model", model version) and
/// <see cref="SocialPost.BrandSentiments"/>. A post in a language the model was not trained on is never scored as
/// English: it is marked unscored, or sent to the LLM when LLM help is configured. Low-confidence posts go to the LLM
/// too; whatever the LLM does, every post keeps at least the model's answer.
/// </summary>
public sealed class SentimentScorer : IPostEnricher
{
    private readonly ILogger _log;

    public SentimentScorer(SentimentModel model, BrandMatcher? brands = null, LlmSentimentHelper? llm = null, ILogger<SentimentScorer>? logger = null)
    {
        Model = model;
        Brands = brands is null ? null : new BrandSentimentAnalyzer(brands);
        Llm = llm;
        _log = logger ?? (ILogger)NullLogger.Instance;
    }

    public SentimentModel Model { get; }

    public BrandSentimentAnalyzer? Brands { get; }

    public LlmSentimentHelper? Llm { get; }

    /// <summary>Loads the model file and builds a scorer: the one call the ingest path needs.</summary>
    public static SentimentScorer Load(string modelPath, BrandMatcher? brands = null, LlmSentimentHelper? llm = null, ILoggerFactory? loggers = null)
    {
        var model = SentimentModel.Load(modelPath);
        loggers?.CreateLogger<SentimentScorer>().LogInformation("Sentiment model {Path} version {Version} ({Languages})", modelPath, model.Version, string.Join(",", model.Info.Languages));
        return new SentimentScorer(model, brands, llm, loggers?.CreateLogger<SentimentScorer>());
    }

    public async ValueTask EnrichAsync(IReadOnlyList<SocialPost> batch, CancellationToken ct)
    {
        Score(batch);
        if (Llm is not null)
        {
            var changed = await Llm.HelpAsync(batch, Model.SupportsLanguage, ct);
            foreach (var post in changed)
            {
                // A relabelled single-brand post (or one the model could not read) gives its brands the LLM's label;
                // a multi-brand post the model read keeps its clause-level brand sentiments.
                if (post.Brands.Count == 1 || !Model.SupportsLanguage(post.Language))
                {
                    post.BrandSentiments = Each(post.Brands, post.Sentiment!.Label, post.Sentiment.Polarity);
                }
            }
        }
    }

    /// <summary>Model scoring only (no LLM): synchronous, for batch jobs and benchmarks.</summary>
    public void Score(IReadOnlyList<SocialPost> batch)
    {
        var toScore = new List<int>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var post = batch[i];
            if (!Model.SupportsLanguage(post.Language))
            {
                post.Sentiment = SentimentResult.Unscored($"language {post.Language}");
                post.BrandSentiments = Each(post.Brands, SentimentLabel.Unscored, 0);
            }
            else if (string.IsNullOrWhiteSpace(post.Text))
            {
                post.Sentiment = SentimentResult.Unscored("empty text");
                post.BrandSentiments = Each(post.Brands, SentimentLabel.Unscored, 0);
            }
            else
            {
                toScore.Add(i);
            }
        }

        // At most one worker per core (an unbounded loop also takes a third pool thread on two cores): the
        // consumer's writer thread shares the cores.
        ParallelRanges.For(toScore.Count, k => Label(batch[toScore[k]]));

        if (toScore.Count < batch.Count)
        {
            _log.LogDebug("{Unscored} of {Count} posts left unscored (language or empty text)", batch.Count - toScore.Count, batch.Count);
        }
    }

    private void Label(SocialPost post)
    {
        var result = Model.Predict(post.Text);
        post.Sentiment = result;
        SetBrands(post, result);
    }

    /// <summary>One sentiment per brand, all the same (per post, so no LINQ).</summary>
    private static BrandSentiment[] Each(IReadOnlyList<string> brands, SentimentLabel label, float polarity)
    {
        var result = new BrandSentiment[brands.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new BrandSentiment(brands[i], label, polarity);
        }

        return result;
    }

    private void SetBrands(SocialPost post, SentimentResult overall)
    {
        if (post.Brands.Count == 0)
        {
            post.BrandSentiments = [];
        }
        else if (Brands is null || post.Brands.Count == 1)
        {
            post.BrandSentiments = Each(post.Brands, overall.Label, overall.Polarity);
        }
        else
        {
            post.BrandSentiments = Brands.Analyze(post, overall, Model.PredictBatch);
        }
    }
}
