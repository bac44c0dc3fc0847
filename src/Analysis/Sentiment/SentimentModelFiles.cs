using Marketing.Core.Json;
using Microsoft.Extensions.Logging;

namespace Marketing.Analysis.Sentiment;

/// <summary>Train from a file and save the model with its metrics beside it (<c>X.zip</c> → <c>X.metrics.json</c>).</summary>
public static class SentimentModelFiles
{
    public static string MetricsPath(string modelPath) =>
        Path.Combine(Path.GetDirectoryName(modelPath) ?? "", Path.GetFileNameWithoutExtension(modelPath) + ".metrics.json");

    public static (SentimentTrainingResult Result, object Metrics) TrainFile(
        string dataPath,
        string outPath,
        SentimentTrainingOptions options,
        ILoggerFactory loggers,
        string textColumn = SentimentData.DefaultTextColumn,
        string labelColumn = SentimentData.DefaultLabelColumn,
        CancellationToken ct = default)
    {
        var log = loggers.CreateLogger("Marketing.Analysis.Sentiment.Train");
        var data = SentimentData.ReadLabelled(dataPath, textColumn, labelColumn).ToList();
        var hash = SentimentData.HashFile(dataPath);
        log.LogInformation("Read {Count} labelled texts from {Path}", data.Count, dataPath);
        var result = new SentimentTrainer(loggers.CreateLogger<SentimentTrainer>()).Train(data, options, hash, ct);
        result.Model.Save(outPath);
        var metrics = Describe(result, data.Count, hash, options);
        File.WriteAllText(MetricsPath(outPath), SnakeCaseJson.Serialize(metrics, indented: true));
        log.LogInformation("Saved {Model} (version {Version}) and {Metrics}", outPath, result.Model.Version, MetricsPath(outPath));
        return (result, metrics);
    }

    public static object Describe(SentimentTrainingResult r, int n, string? dataSha256, SentimentTrainingOptions options)
    {
        var m = r.Holdout;
        return new
        {
            macro_recall = m.MacroRecall,
            macro_f1 = m.MacroF1,
            accuracy = m.Accuracy,
            f1_pn = m.F1Pn,
            per_class = m.PerClass.ToDictionary(c => c.Label, c => new { precision = c.Precision, recall = c.Recall, f1 = c.F1, support = c.Support }),
            confusion = new { rows = "gold", columns = "predicted", order = new[] { "negative", "neutral", "positive" }, matrix = m.Confusion },
            measured_on = $"held-out {r.HoldoutCount} of {n} texts (model trained on {r.TrainCount}, offsets tuned on {r.TuneCount}); the saved model was {(options.Refit ? "then refit on all of them" : "not refit")}",
            data_sha256 = dataSha256,
            seed = options.Seed,
            n,
            model_version = r.Model.Version,
            train_seconds = Math.Round(r.Seconds, 2),
            trainer = options.Trainer,
            l2 = options.L2,
            log_prior_offsets = r.Model.Info.LogPriorOffsets,
            featurizer = r.Model.Info.Featurizer,
            second_stage = r.Model.Info.SecondStage,
            lexicon = options.LexiconPath is null ? null : Path.GetFileName(options.LexiconPath),
        };
    }

    /// <summary>Scores labelled examples in batches (streaming) and returns the metrics.</summary>
    public static SentimentMetrics Evaluate(SentimentModel model, IEnumerable<SentimentExample> examples, int batchSize = 4096)
    {
        var pairs = new List<(Core.Domain.SentimentLabel, Core.Domain.SentimentLabel)>();
        foreach (var batch in examples.Chunk(batchSize))
        {
            var predicted = model.PredictBatch(batch.Select(e => e.Text).ToArray());
            for (var i = 0; i < batch.Length; i++)
            {
                pairs.Add((batch[i].Label, predicted[i].Label));
            }
        }

        return SentimentMetrics.Compute(pairs);
    }
}
