using Marketing.Analysis.Trends;
using Marketing.Core.Domain;
using Marketing.Core.Json;
using Marketing.Core.Storage;
using Marketing.Llm;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketing.Analysis.Topics;

/// <summary>
/// Runs topic modelling over the store: loads the saved model (artifact <c>topic-model</c> / <c>latest</c>), assigns the
/// window's posts to its topics and makes new topics only from posts that fit none, labels topics (LLM or template),
/// tracks each topic's volume per bucket, and saves the model and the report (<c>topic-report</c> / <c>latest</c>).
/// </summary>
public sealed class TopicAnalyzer(IPostStore store, ILlmClient? llm = null, ILogger<TopicAnalyzer>? logger = null)
{
    public const string ModelKind = "topic-model";
    public const string ReportKind = "topic-report";
    public const string LatestKey = "latest";

    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    public static async Task<TopicModel?> LoadModelAsync(IPostStore store, CancellationToken ct = default) =>
        await store.GetArtifactAsync(ModelKind, LatestKey, ct) is { } json ? SnakeCaseJson.Deserialize<TopicModel>(json) : null;

    public static async Task<TopicReport?> LoadLatestAsync(IPostStore store, CancellationToken ct = default) =>
        await store.GetArtifactAsync(ReportKind, LatestKey, ct) is { } json ? SnakeCaseJson.Deserialize<TopicReport>(json) : null;

    public async Task<TopicReport> RunAsync(TopicQuery query, CancellationToken ct = default)
    {
        var zone = TimeBuckets.ParseZone(query.TimeZone);
        var range = await new TrendAnalyzer(store).ResolveRangeAsync(new TrendQuery { Since = query.Since, Until = query.Until }, ct);
        if (range is null)
        {
            return new TopicReport { GeneratedAt = DateTimeOffset.UtcNow, Bucket = query.Bucket, TimeZone = zone.Id };
        }

        var buckets = new TimeBuckets(range.Value, query.Bucket, zone);
        var (posts, sampled) = await PostSampler.SampleAsync(store, buckets.Range, new PostQuery { Brand = query.Brand }, query.SamplePosts, Math.Clamp(buckets.Count, 1, 60), ct);
        var now = DateTimeOffset.UtcNow;
        var modeler = new TopicModeler(query.Options);
        var model = query.Refit ? null : await LoadModelAsync(store, ct);
        TopicAssignment assignment;
        var mode = "update";
        if (model is null || model.Topics.Count == 0)
        {
            (model, assignment) = modeler.Fit(posts, now);
            mode = "fit";
        }
        else
        {
            assignment = modeler.Update(model, posts, now);
        }

        _logger.LogInformation("Topics: {Mode} on {Posts} posts, {Topics} topics ({New} new), {Unassigned} unassigned", mode, posts.Count, model.Topics.Count, assignment.NewTopicIds.Count, assignment.Unassigned);
        var explainer = new TrendExplainer(llm, logger: _logger);
        var byTopic = posts.Where(p => assignment.TopicOf.ContainsKey(TopicModeler.PostKey(p))).GroupBy(p => assignment.TopicOf[TopicModeler.PostKey(p)]).ToDictionary(g => g.Key, g => g.ToList());
        var summaries = new List<TopicSummary>();
        foreach (var topic in model.Topics)
        {
            var members = byTopic.GetValueOrDefault(topic.Id) ?? [];
            var samples = members.OrderByDescending(p => p.Engagement.Total).ThenBy(p => p.PostId, StringComparer.Ordinal).Take(5).ToList();
            if (topic.ExplanationSource is null || topic.ExplanationSource == TrendExplainer.OfflineSource)
            {
                (topic.Label, topic.Explanation, topic.ExplanationSource) = await explainer.ExplainTopicAsync(topic.Terms, members.Count, samples.Select(p => p.Text).ToList(), ct);
            }

            if (members.Count == 0)
            {
                continue;
            }

            var scored = members.Where(p => p.Sentiment is { Label: not SentimentLabel.Unscored }).ToList();
            var net = scored.Count == 0 ? 0 : (scored.Count(p => p.Sentiment!.Label == SentimentLabel.Positive) - scored.Count(p => p.Sentiment!.Label == SentimentLabel.Negative)) / (double)scored.Count;
            summaries.Add(new TopicSummary(topic.Id, topic.Label, topic.Explanation, topic.ExplanationSource, topic.Terms, members.Count,
                Math.Round(members.Count / (double)Math.Max(1, posts.Count), 4), Math.Round(net, 3), assignment.NewTopicIds.Contains(topic.Id),
                samples.Select(TopicModeler.PostKey).ToList()));
        }

        var report = new TopicReport
        {
            GeneratedAt = now,
            Since = buckets.Range.Start,
            Until = buckets.Range.End,
            Bucket = query.Bucket,
            TimeZone = zone.Id,
            Mode = mode,
            ModelCreatedAt = model.CreatedAt,
            Topics = summaries.OrderByDescending(s => s.Posts).ThenBy(s => s.Id, StringComparer.Ordinal).ToList(),
            Series = SeriesBuilder.FromPosts("topic", posts, p => assignment.TopicOf.TryGetValue(TopicModeler.PostKey(p), out var t) ? [t] : [], buckets),
            PostsRead = posts.Count,
            Sampled = sampled,
            Unassigned = assignment.Unassigned,
        };
        await store.PutArtifactAsync(ModelKind, LatestKey, SnakeCaseJson.Serialize(model), ct);
        await store.PutArtifactAsync(ReportKind, LatestKey, SnakeCaseJson.Serialize(report), ct);
        return report;
    }
}
