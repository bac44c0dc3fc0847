using System.Diagnostics;
using Marketing.Core.Domain;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace Marketing.Analysis.Sentiment;

/// <summary>
/// Trains a sentiment model: normalize → featurize (hashed word and character n-grams, TF-IDF, lexicon) → ML.NET
/// multiclass maximum entropy with class-balanced weights → tune per-class offsets on a dev split → measure on a
/// held-out split → refit on everything. Seeded: the same data, options and seed give the same model.
/// </summary>
public sealed class SentimentTrainer(ILogger<SentimentTrainer>? logger = null)
{
    /// <summary>Lexicon words with vectors the word-valence regression needs; with fewer, training turns it off.</summary>
    public const int MinValenceWords = 10;

    private readonly ILogger _log = logger ?? (ILogger)NullLogger.Instance;

    public SentimentTrainingResult Train(IReadOnlyList<SentimentExample> data, SentimentTrainingOptions options, string? dataSha256 = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        if (data.Count < 6)
        {
            throw new InvalidOperationException($"Training needs at least 6 labelled texts; got {data.Count}.");
        }

        var present = data.Select(e => e.Label).Distinct().Count();
        if (present < 3)
        {
            throw new InvalidOperationException($"Training needs examples of all three labels (negative, neutral, positive); the data has {present}.");
        }

        var lexicon = options.LexiconPath is null ? SentimentLexicon.Empty : SentimentLexicon.Load(options.LexiconPath);
        var normalizer = new SocialTextNormalizer(lexicon);
        _log.LogInformation("Normalizing {Count} texts (lexicon: {Lexicon} entries)", data.Count, lexicon.Count);
        var tokens = new List<SocialToken>[data.Count];
        Parallel.For(0, data.Count, new ParallelOptions { CancellationToken = ct }, i => tokens[i] = normalizer.Tokenize(data[i].Text));

        if (options.WordVectors is null && options.WordEmbedder is { } embedder)
        {
            options = options with { WordVectors = EmbedVocabulary(tokens, embedder, options.VectorMinCount, ct) };
        }

        if (options.WordVectors is { } table && (options.Featurizer.ValenceScale != 0 || options.Featurizer.EmbeddingFocus != 0))
        {
            // The valence regression learns from the lexicon words that have vectors; without enough of them (no
            // lexicon given) its predictions are all 0, which would empty the focused mean: train without both instead.
            var known = table.Words.Count(w => lexicon.TryGetValence(w, out _));
            if (known < MinValenceWords)
            {
                _log.LogWarning("Only {Known} lexicon words have word vectors (need {Min}): training without word valences (give --lexicon)", known, MinValenceWords);
                options = options with { Featurizer = options.Featurizer with { ValenceScale = 0, EmbeddingFocus = 0 } };
            }
        }

        // Shuffle once with the seed, then split: [holdout: tune half | test half] [train].
        var order = Enumerable.Range(0, data.Count).ToArray();
        var holdout = (int)Math.Round(data.Count * Math.Clamp(options.HoldoutFraction, 0, 0.5));
        var topicSplit = false;
        if (options.HoldoutNewest)
        {
            // The newest rows (the file's end) are held out, shuffled among themselves; training keeps file order
            // shuffled too. Mirrors deployment: train on the past, score what comes next.
            var rng = new Random(options.Seed);
            var newest = order[(data.Count - holdout)..];
            var older = order[..(data.Count - holdout)];
            rng.Shuffle(newest);
            rng.Shuffle(older);
            order = [.. newest, .. older];
        }
        else if (options.HoldoutTopics > 0 && options.WordVectors is { } topicVectors && holdout > 0 && data.Count >= MinTopicRows
            && TopicOrder(tokens, topicVectors, options, data.Count) is { } topicOrder)
        {
            (order, holdout) = topicOrder;
            topicSplit = true;
        }
        else
        {
            new Random(options.Seed).Shuffle(order);
        }

        var tuneOffsets = options.TuneOffsets ?? topicSplit;
        var tuneCount = tuneOffsets ? holdout / 2 : 0;
        var tune = order[..tuneCount];
        var test = order[tuneCount..holdout];
        var train = holdout > 0 ? order[holdout..] : order;

        var info = new SentimentModelInfo
        {
            Featurizer = options.Featurizer with { EmbeddingDim = options.WordVectors?.Dimension ?? 0 },
            Languages = options.Languages,
            Trainer = options.Trainer,
            SecondStage = options.WordVectors is null ? null : options.SecondStage,
            DataSha256 = dataSha256,
            Seed = options.Seed,
            TrainedOn = train.Length,
            CreatedAt = DateTimeOffset.UtcNow,
        };

        // Predicted word valences (lexicon regressed onto the word vectors): unsupervised with respect to the labels.
        WordValence? valence = null;
        if (info.Featurizer.UsesValence)
        {
            valence = WordValence.Fit(options.WordVectors!, lexicon, info.Featurizer.ValenceRidge, info.Featurizer.ValenceOtherWeight, options.LexiconVectors);
            _log.LogInformation("Fitted word valences for {Words} words", valence.Values.Length);
        }

        _log.LogInformation("Training on {Train} texts ({Trainer}); {Tune} tune the class offsets, {Test} measure", train.Length, options.Trainer, tune.Length, test.Length);
        var model = Fit(train, data, tokens, normalizer, options, info, valence, ct);

        var offsets = new float[3];
        var offsetSweep = new Dictionary<float, SentimentMetrics>();
        if (tuneOffsets && tune.Length >= 3)
        {
            offsets = TuneOffsets(model, tune.Select(i => (data[i].Label, tokens[i])).ToList());
            if (options.SweepOffsets)
            {
                var tuned = offsets;
                foreach (var scale in (float[])[0f, 0.25f, 0.5f, 0.75f, 1f])
                {
                    var scaled = new SentimentModel(model.Ml, model.Transformer, model.InputSchema, model.Featurizer, info with { LogPriorOffsets = [.. tuned.Select(o => o * scale)] }, "unsaved", model.SecondStage);
                    offsetSweep[scale] = SentimentMetrics.Compute(test.Select(i => (data[i].Label, scaled.FromTokens(tokens[i]).Label)));
                }
            }

            offsets = [.. offsets.Select(o => o * options.OffsetScale)];
            _log.LogInformation("Class offsets (log-prior) negative {Neg:0.00} neutral 0 positive {Pos:0.00}", offsets[0], offsets[2]);
        }

        info = info with { LogPriorOffsets = offsets };
        model = new SentimentModel(model.Ml, model.Transformer, model.InputSchema, model.Featurizer, info, "unsaved", model.SecondStage);
        var measured = test.Length > 0 ? test : train;
        var metrics = SentimentMetrics.Compute(measured.Select(i => (data[i].Label, model.FromTokens(tokens[i]).Label)));
        _log.LogInformation("Held-out ({N} texts): macro-recall {MacroRecall:0.000} macro-F1 {MacroF1:0.000} accuracy {Accuracy:0.000}", metrics.N, metrics.MacroRecall, metrics.MacroF1, metrics.Accuracy);
        var sweep = new Dictionary<float, SentimentMetrics>();
        if (model.SecondStage is not null && options.SweepSecondStage)
        {
            foreach (var w in (float[])[0f, 0.25f, 0.5f, 0.75f, 1f, 1.5f, 2f, 3f, 100f])
            {
                sweep[w] = SentimentMetrics.Compute(measured.Select(i => (data[i].Label, model.FromTokens(tokens[i], w).Label)));
            }
        }

        if (options.Refit && holdout > 0)
        {
            _log.LogInformation("Refitting on all {Count} texts", data.Count);
            info = info with { TrainedOn = data.Count };
            model = Fit(order, data, tokens, normalizer, options, info, valence, ct);
        }

        return new SentimentTrainingResult(model, metrics, train.Length, tune.Length, test.Length, clock.Elapsed.TotalSeconds) { SecondStageSweep = sweep, OffsetSweep = offsetSweep };
    }

    /// <summary>Fewer rows than this are split at random even when <see cref="SentimentTrainingOptions.HoldoutTopics"/> is set.</summary>
    public const int MinTopicRows = 1000;

    /// <summary>
    /// Whole topic clusters held out (k-means of the texts' mean word vectors), shuffled among themselves, then the rest,
    /// shuffled: a dev split that imitates new topics, as in the SemEval-2017 test set. Null when the clusters taken
    /// would hold out more than half the rows.
    /// </summary>
    private (int[] Order, int Holdout)? TopicOrder(List<SocialToken>[] tokens, WordVectors vectors, SentimentTrainingOptions options, int count)
    {
        var k = options.HoldoutTopics;
        var assign = TopicClusters.Assign(tokens, vectors, k);
        var held = TopicClusters.HoldOut(assign, k, Math.Clamp(options.HoldoutFraction, 0, 0.5));
        var heldRows = Enumerable.Range(0, count).Where(i => held.Contains(assign[i])).ToArray();
        if (heldRows.Length > count / 2)
        {
            _log.LogInformation("Topic clusters would hold out {Rows} of {Count} texts: holding out a random share instead", heldRows.Length, count);
            return null;
        }

        var rest = Enumerable.Range(0, count).Where(i => !held.Contains(assign[i])).ToArray();
        var rng = new Random(options.Seed);
        rng.Shuffle(heldRows);
        rng.Shuffle(rest);
        _log.LogInformation("Holding out {Clusters} of {K} topic clusters ({Rows} texts)", held.Count, k, heldRows.Length);
        return ([.. heldRows, .. rest], heldRows.Length);
    }

    /// <summary>
    /// The word-vector table for the data's vocabulary: words, hashtag words and emoji-description words seen at least
    /// <paramref name="minCount"/> times. The table is unsupervised (labels are not read), so building it from all
    /// rows, held-out ones included, does not leak labels into the measurement.
    /// </summary>
    private WordVectors EmbedVocabulary(List<SocialToken>[] tokens, IWordEmbedder embedder, int minCount, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var doc in tokens)
        {
            foreach (var t in doc)
            {
                if (t.Kind is TokenKind.Word or TokenKind.Hashtag or TokenKind.Emoji)
                {
                    counts[t.Text] = counts.GetValueOrDefault(t.Text) + 1;
                }
            }
        }

        var words = counts.Where(kv => kv.Value >= Math.Max(1, minCount)).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToArray();
        _log.LogInformation("Embedding {Words} words with {Embedder}", words.Length, embedder.Name);
        var table = WordVectors.FromEmbeddings(words, embedder.Embed(words, ct), embedder.Dimension);
        _log.LogInformation("Embedded {Words} words in {Seconds:0.0} s", words.Length, clock.Elapsed.TotalSeconds);
        return table;
    }

    private SentimentModel Fit(int[] rows, IReadOnlyList<SentimentExample> data, List<SocialToken>[] tokens, SocialTextNormalizer normalizer, SentimentTrainingOptions options, SentimentModelInfo info, WordValence? valence, CancellationToken ct)
    {
        var linear = FitLinear(rows, data, tokens, normalizer, options, info with { SecondStage = null }, valence, ct);
        if (info.SecondStage is not { } stageSettings || options.WordVectors is not { } vectors)
        {
            return linear;
        }

        float[]? oof = null;
        if (stageSettings.Folds >= 2)
        {
            // Out-of-fold linear log-probabilities: each row scored by a linear model that did not train on it.
            oof = new float[rows.Length * 3];
            var order = Enumerable.Range(0, rows.Length).ToArray();
            new Random(options.Seed + 7).Shuffle(order);
            for (var fold = 0; fold < stageSettings.Folds; fold++)
            {
                var held = order.Where((_, k) => k % stageSettings.Folds == fold).ToArray();
                var rest = order.Where((_, k) => k % stageSettings.Folds != fold).Select(k => rows[k]).ToArray();
                var foldModel = FitLinear(rest, data, tokens, normalizer, options, info with { SecondStage = null }, valence, ct);
                Parallel.ForEach(held, new ParallelOptions { CancellationToken = ct }, k =>
                {
                    var r = foldModel.FromTokens(tokens[rows[k]], 0f);
                    oof[k * 3] = MathF.Log(MathF.Max(r.Negative, 1e-30f));
                    oof[(k * 3) + 1] = MathF.Log(MathF.Max(r.Neutral, 1e-30f));
                    oof[(k * 3) + 2] = MathF.Log(MathF.Max(r.Positive, 1e-30f));
                });
                _log.LogInformation("Stacking fold {Fold} of {Folds} done", fold + 1, stageSettings.Folds);
            }
        }

        var clock = Stopwatch.StartNew();
        var stage = SecondStage.Train(rows.Select(i => tokens[i]).ToList(), rows.Select(i => data[i].Label).ToList(), vectors, normalizer.Lexicon, stageSettings, options.Seed, oof, ct);
        _log.LogInformation("Second stage ({Hidden} hidden units, {Epochs} epochs) trained in {Seconds:0.0} s", stageSettings.Hidden, stageSettings.Epochs, clock.Elapsed.TotalSeconds);
        return new SentimentModel(linear.Ml, linear.Transformer, linear.InputSchema, linear.Featurizer, info, "unsaved", stage);
    }

    private SentimentModel FitLinear(int[] rows, IReadOnlyList<SentimentExample> data, List<SocialToken>[] tokens, SocialTextNormalizer normalizer, SentimentTrainingOptions options, SentimentModelInfo info, WordValence? valence, CancellationToken ct)
    {
        var settings = options.Featurizer with { EmbeddingDim = options.WordVectors?.Dimension ?? 0 };
        var idf = TextFeaturizer.ComputeIdf(settings, normalizer, rows.Select(i => tokens[i]).ToList(), rows.Select(i => (int)data[i].Label).ToList());
        var featurizer = new TextFeaturizer(settings, normalizer, idf, options.WordVectors, valence);

        var counts = new int[3];
        foreach (var i in rows)
        {
            counts[(int)data[i].Label]++;
        }

        var weights = counts.Select(c => options.BalanceClasses && c > 0 ? rows.Length / (3f * c) : 1f).ToArray();
        var featureRows = new SentimentFeatureRow[rows.Length];
        Parallel.For(0, rows.Length, new ParallelOptions { CancellationToken = ct }, k =>
        {
            var i = rows[k];
            featureRows[k] = new SentimentFeatureRow
            {
                Label = (uint)data[i].Label,
                Features = SentimentModel.ToVBuffer(featurizer.Featurize(tokens[i]), settings.Dimension),
                Weight = weights[(int)data[i].Label] * (options.RecencyBoost == 0 ? 1f : 1f + (options.RecencyBoost * i / Math.Max(1f, data.Count - 1))),
            };
        });

        var ml = new MLContext(options.Seed);
        var view = ml.Data.LoadFromEnumerable(featureRows, SentimentModel.RowSchema(settings.Dimension));
        ct.ThrowIfCancellationRequested();
        ITransformer transformer = options.Trainer switch
        {
            "lbfgs" => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = nameof(SentimentFeatureRow.Label),
                FeatureColumnName = nameof(SentimentFeatureRow.Features),
                ExampleWeightColumnName = nameof(SentimentFeatureRow.Weight),
                L2Regularization = options.L2,
                L1Regularization = options.L1,
                MaximumNumberOfIterations = options.MaxIterations,
                OptimizationTolerance = 1e-5f,
                HistorySize = 30,
            }).Fit(view),
            "sdca" => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = nameof(SentimentFeatureRow.Label),
                FeatureColumnName = nameof(SentimentFeatureRow.Features),
                ExampleWeightColumnName = nameof(SentimentFeatureRow.Weight),
                L2Regularization = options.L2,
                L1Regularization = options.L1,
                MaximumNumberOfIterations = options.MaxIterations,
                ConvergenceTolerance = options.ConvergenceTolerance,
            }).Fit(view),
            _ => throw new ArgumentException($"Unknown trainer '{options.Trainer}'; use lbfgs or sdca."),
        };

        return new SentimentModel(ml, transformer, view.Schema, featurizer, info, "unsaved");
    }

    /// <summary>
    /// Grid-searches offsets for the negative and positive log-probabilities (neutral fixed at 0) that maximize
    /// macro-recall on the tuning rows. Macro-recall does not depend on the class mix, so offsets that balance
    /// recall on the train distribution carry over to data with another mix (SemEval test: 32% negative vs 16%).
    /// </summary>
    internal static float[] TuneOffsets(SentimentModel model, IReadOnlyList<(SentimentLabel Gold, List<SocialToken> Tokens)> rows) =>
        TuneOffsets(rows.Select(r => (r.Gold, model.FromTokens(r.Tokens))).ToList());

    /// <summary>The same grid search over already scored rows (gold label and the model's probabilities).</summary>
    public static float[] TuneOffsets(IReadOnlyList<(SentimentLabel Gold, SentimentResult Scores)> rows)
    {
        var logp = rows.Select(r =>
        {
            var s = r.Scores;
            return new[] { MathF.Log(MathF.Max(s.Negative, 1e-9f)), MathF.Log(MathF.Max(s.Neutral, 1e-9f)), MathF.Log(MathF.Max(s.Positive, 1e-9f)) };
        }).ToArray();
        var gold = rows.Select(r => (int)r.Gold).ToArray();
        var support = new int[3];
        foreach (var g in gold)
        {
            support[g]++;
        }

        var best = (Score: double.MinValue, Neg: 0f, Pos: 0f);
        var hit = new int[3];
        for (var a = -30; a <= 40; a++)
        {
            for (var b = -30; b <= 40; b++)
            {
                float neg = a * 0.05f, pos = b * 0.05f;
                Array.Clear(hit);
                for (var i = 0; i < logp.Length; i++)
                {
                    var p = logp[i];
                    float sn = p[0] + neg, su = p[1], sp = p[2] + pos;
                    var label = sn >= su && sn >= sp ? 0 : (sp > su ? 2 : 1);
                    if (label == gold[i])
                    {
                        hit[label]++;
                    }
                }

                double score = 0;
                for (var c = 0; c < 3; c++)
                {
                    score += support[c] == 0 ? 0 : (double)hit[c] / support[c];
                }

                // Ties go to the smaller shift: stay close to the trained model.
                score -= 1e-6 * (Math.Abs(neg) + Math.Abs(pos));
                if (score > best.Score)
                {
                    best = (score, neg, pos);
                }
            }
        }

        return [best.Neg, 0f, best.Pos];
    }
}
