using System.CommandLine;
using System.Globalization;
using Marketing.Analysis.Sentiment;
using System.Diagnostics;
using Marketing.Core.Brands;
using Marketing.Core.Domain;
using Marketing.Core.Json;
using Marketing.Core.Storage;
using Marketing.Embeddings;
using Marketing.Llm;
using Microsoft.Extensions.Logging;

namespace Marketing.Cli.Commands;

/// <summary>Sentiment: train, eval, score, rescore, label.</summary>
public static class SentimentCommands
{
    public static IEnumerable<Command> Create() => [Train(), Eval(), Score(), Rescore(), Label()];

    private static Command Train()
    {
        var data = new Option<string>("--data") { Description = "Labelled data: TSV with a 'label<TAB>text' header, or CSV (RFC 4180) with named columns.", Required = true };
        var textCol = new Option<string>("--text-col") { Description = "Name of the text column.", DefaultValueFactory = _ => SentimentData.DefaultTextColumn };
        var labelCol = new Option<string>("--label-col") { Description = "Name of the label column (negative/neutral/positive, or -1/0/1).", DefaultValueFactory = _ => SentimentData.DefaultLabelColumn };
        var lexicon = new Option<string?>("--lexicon") { Description = "VADER-format lexicon (vader_lexicon.txt; emoji_utf8_lexicon.txt beside it is used too). Embedded in the model." };
        var seed = new Option<int>("--seed") { Description = "Random seed (split and trainer).", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "Model file to write. Default: Marketing:Model (models/sentiment.zip)." };
        var trainer = new Option<string>("--trainer") { Description = "sdca (default) or lbfgs.", DefaultValueFactory = _ => "sdca" };
        var tune = new Option<bool>("--tune-offsets") { Description = "Tune per-class offsets on half of the held-out part to maximize macro-recall also on a random or newest split (by default they are tuned only when topic clusters are held out: on a random or newest split they did not carry over to SemEval test). --offset-scale 0 turns them off." };
        var l2 = new Option<float>("--l2") { Description = "L2 regularization.", DefaultValueFactory = _ => new SentimentTrainingOptions().L2 };
        var holdout = new Option<double>("--holdout") { Description = "Share of the data held out to measure the model (half of it tunes the offsets with --tune-offsets).", DefaultValueFactory = _ => 0.2 };
        var newest = new Option<bool>("--holdout-newest") { Description = "Hold out the newest rows (the end of the file) instead of a random share: for time-ordered data, so the offsets are tuned on the data closest to what comes next." };
        var topics = new Option<int>("--holdout-topics") { Description = "Hold out whole topic clusters (this many k-means clusters of the texts' mean word vectors) to measure the model and tune its class offsets; needs word vectors and 1,000 rows, else a random share is held out. 0 = a random share.", DefaultValueFactory = _ => new SentimentTrainingOptions().HoldoutTopics };
        var offsetScale = new Option<float>("--offset-scale") { Description = "Multiplies the tuned class offsets (0 = none, 1 = as tuned).", DefaultValueFactory = _ => new SentimentTrainingOptions().OffsetScale };
        var supervised = new Option<float>("--supervised") { Description = "α of the supervised term weight 1 + α·(1 − class entropy) on each n-gram's IDF (0 = plain IDF).", DefaultValueFactory = _ => new FeaturizerSettings().Supervised };
        var vectors = new Option<string>("--vectors") { Description = "Word vectors: minilm (default: embed the training vocabulary with all-MiniLM-L6-v2, shipped in the package), none, or a word-vector file.", DefaultValueFactory = _ => "minilm" };
        var noRefit = new Option<bool>("--no-refit") { Description = "Save the model trained without the held-out part instead of refitting on all the data." };
        var json = JsonOption.Create();
        var cmd = new Command("train", "Train the sentiment model (negative/neutral/positive) and save it with its metrics (X.metrics.json beside X.zip).")
        {
            data, textCol, labelCol, lexicon, seed, output, trainer, l2, holdout, newest, topics, supervised, vectors, noRefit, tune, offsetScale, json,
        };
        return cmd.WithAction((ctx, parse, ct) =>
        {
            var outPath = parse.GetValue(output) ?? ctx.Options.Model;
            var lexiconPath = parse.GetValue(lexicon);
            if (lexiconPath is not null && !File.Exists(lexiconPath))
            {
                throw new UsageException($"--lexicon '{lexiconPath}' does not exist.");
            }

            if (parse.GetValue(topics) < 0 || parse.GetValue(offsetScale) < 0)
            {
                throw new UsageException("--holdout-topics and --offset-scale must not be negative.");
            }

            if (parse.GetValue(holdout) is < 0 or > 0.5)
            {
                throw new UsageException("--holdout must be between 0 and 0.5.");
            }

            var vectorsArg = parse.GetValue(vectors) ?? "minilm";
            using var miniLm = vectorsArg == "minilm" ? new MiniLmWordEmbedder() : null;
            WordVectors? table = null;
            if (vectorsArg is not ("minilm" or "none"))
            {
                if (!File.Exists(vectorsArg))
                {
                    throw new UsageException($"--vectors '{vectorsArg}' is neither minilm, none, nor an existing word-vector file.");
                }

                table = WordVectors.Load(vectorsArg);
            }

            var options = new SentimentTrainingOptions
            {
                WordEmbedder = miniLm,
                WordVectors = table,
                Seed = parse.GetValue(seed),
                LexiconPath = lexiconPath,
                Trainer = parse.GetValue(trainer) ?? "sdca",
                TuneOffsets = parse.GetValue(tune) ? true : null,
                L2 = parse.GetValue(l2),
                HoldoutFraction = parse.GetValue(holdout),
                HoldoutNewest = parse.GetValue(newest),
                HoldoutTopics = parse.GetValue(topics),
                OffsetScale = parse.GetValue(offsetScale),
                Featurizer = new FeaturizerSettings { Supervised = parse.GetValue(supervised) },
                Refit = !parse.GetValue(noRefit),
            };
            var (result, metrics) = SentimentModelFiles.TrainFile(parse.GetValue(data)!, outPath, options, ctx.LoggerFactory, parse.GetValue(textCol)!, parse.GetValue(labelCol)!, ct);
            if (parse.GetValue(json))
            {
                ctx.WriteJson(metrics);
            }
            else
            {
                var m = result.Holdout;
                ctx.Out.WriteLine($"model     {outPath} (version {result.Model.Version})");
                ctx.Out.WriteLine($"metrics   {SentimentModelFiles.MetricsPath(outPath)}");
                WriteMetrics(ctx.Out, m);
                ctx.Out.WriteLine($"seconds   {result.Seconds:0.0}");
            }

            return Task.FromResult(ExitCodes.Ok);
        });
    }

    private static Command Eval()
    {
        var model = ModelOption();
        var data = new Option<string>("--data") { Description = "Labelled data (same formats as train).", Required = true };
        var textCol = new Option<string>("--text-col") { Description = "Name of the text column.", DefaultValueFactory = _ => SentimentData.DefaultTextColumn };
        var labelCol = new Option<string>("--label-col") { Description = "Name of the label column.", DefaultValueFactory = _ => SentimentData.DefaultLabelColumn };
        var json = JsonOption.Create();
        var cmd = new Command("eval", "Measure a model on labelled data: macro-recall (SemEval-2017 metric), macro-F1, accuracy, F1 of positive and negative.")
        {
            model, data, textCol, labelCol, json,
        };
        return cmd.WithAction((ctx, parse, ct) =>
        {
            var m = LoadModel(ctx, parse.GetValue(model));
            var metrics = SentimentModelFiles.Evaluate(m, SentimentData.ReadLabelled(parse.GetValue(data)!, parse.GetValue(textCol)!, parse.GetValue(labelCol)!));
            if (parse.GetValue(json))
            {
                ctx.WriteJson(metrics.Summary());
            }
            else
            {
                WriteMetrics(ctx.Out, metrics);
            }

            return Task.FromResult(ExitCodes.Ok);
        });
    }

    private static Command Score()
    {
        var model = ModelOption();
        var text = new Option<string[]>("--text") { Description = "A text to score (repeatable). Without it, one text per line is read from stdin.", AllowMultipleArgumentsPerToken = false };
        var batch = new Option<int>("--batch") { Description = "Texts scored together (memory stays bounded by this).", DefaultValueFactory = _ => 2048 };
        var json = new Option<bool>("--json") { Description = "One JSON object per line (JSON Lines), snake_case keys." };
        var cmd = new Command("score", "Score texts: one output line per input line with the label and the probabilities (negative, neutral, positive). Streams stdin in batches.")
        {
            model, text, batch, json,
        };
        return cmd.WithAction(async (ctx, parse, ct) =>
        {
            if (parse.GetValue(batch) is < 1 or > 1_000_000)
            {
                throw new UsageException("--batch must be between 1 and 1000000.");
            }

            var m = LoadModel(ctx, parse.GetValue(model));
            var asJson = parse.GetValue(json);
            var texts = parse.GetValue(text) is { Length: > 0 } given ? given.ToAsyncEnumerable() : ReadLines(Console.In, ct);
            var pending = new List<string>(parse.GetValue(batch));
            var count = 0L;
            await foreach (var line in texts.WithCancellation(ct))
            {
                pending.Add(line);
                if (pending.Count == pending.Capacity)
                {
                    count += Flush(ctx.Out, m, pending, asJson);
                }
            }

            count += Flush(ctx.Out, m, pending, asJson);
            await ctx.Out.FlushAsync(ct);
            ctx.Error.WriteLine($"scored {count} text(s) with model {m.Version}");
            return ExitCodes.Ok;
        });
    }

    private static int Flush(TextWriter w, SentimentModel m, List<string> pending, bool asJson)
    {
        var results = m.PredictBatch(pending);
        var c = CultureInfo.InvariantCulture;
        for (var i = 0; i < results.Length; i++)
        {
            var r = results[i];
            if (asJson)
            {
                w.WriteLine(SnakeCaseJson.Serialize(new
                {
                    label = r.Label.ToWire(),
                    negative = Math.Round(r.Negative, 4),
                    neutral = Math.Round(r.Neutral, 4),
                    positive = Math.Round(r.Positive, 4),
                    confidence = Math.Round(r.Confidence, 4),
                    scorer = r.Scorer,
                    model_version = r.ModelVersion,
                    text = pending[i],
                }));
            }
            else
            {
                w.WriteLine(string.Create(c, $"{r.Label.ToWire()}\t{r.Negative:0.000}\t{r.Neutral:0.000}\t{r.Positive:0.000}\t{OneLine(pending[i])}"));
            }
        }

        var n = pending.Count;
        pending.Clear();
        return n;
    }

    private static async IAsyncEnumerable<string> ReadLines(TextReader reader, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            yield return line;
        }
    }

    private static Command Rescore()
    {
        var model = ModelOption();
        var since = new Option<string?>("--since") { Description = "Only posts from this time (ISO-8601, or a date)." };
        var until = new Option<string?>("--until") { Description = "Only posts before this time." };
        var brand = new Option<string?>("--brand") { Description = "Only posts that mention this brand id." };
        var batch = new Option<int>("--batch") { Description = "Posts per batch.", DefaultValueFactory = _ => 2000 };
        var llm = new Option<bool>("--llm") { Description = "Send low-confidence and other-language posts to the configured LLM (Llm settings; offline makes no calls)." };
        var threshold = new Option<float>("--llm-threshold") { Description = "Model confidence under which a post goes to the LLM.", DefaultValueFactory = _ => new LlmSentimentOptions().ConfidenceThreshold };
        var maxCalls = new Option<int>("--llm-max-calls") { Description = "At most this many LLM calls in this run.", DefaultValueFactory = _ => new LlmSentimentOptions().MaxCalls };
        var json = JsonOption.Create();
        var cmd = new Command("rescore", "Re-score stored posts with the (re)trained model, in batches, with progress on stderr.")
        {
            model, since, until, brand, batch, llm, threshold, maxCalls, json,
        };
        return cmd.WithAction(async (ctx, parse, ct) =>
        {
            if (parse.GetValue(batch) is < 1 or > 100_000)
            {
                throw new UsageException("--batch must be between 1 and 100000.");
            }

            var query = new PostQuery
            {
                Brand = parse.GetValue(brand),
                Since = TimeArgument.Parse(parse.GetValue(since), "--since"),
                Until = TimeArgument.Parse(parse.GetValue(until), "--until"),
            };
            var m = LoadModel(ctx, parse.GetValue(model));
            var store = await ctx.StoreAsync(ct);
            var brands = ctx.TryLoadBrands() is { } list ? new BrandMatcher(list) : null;
            LlmSentimentHelper? helper = null;
            if (parse.GetValue(llm))
            {
                var client = LlmClientFactory.Create(ctx.Configuration, ctx.LoggerFactory, store);
                helper = new LlmSentimentHelper(client, new LlmSentimentOptions { ConfidenceThreshold = parse.GetValue(threshold), MaxCalls = parse.GetValue(maxCalls) }, store, ctx.Logger<LlmSentimentHelper>());
            }

            var scorer = new SentimentScorer(m, brands, helper, ctx.Logger<SentimentScorer>());
            var log = ctx.Logger<SentimentScorer>();
            var clock = Stopwatch.StartNew();
            var counts = new long[4];
            long total = 0;
            var pending = new List<SocialPost>(parse.GetValue(batch));
            async Task FlushAsync()
            {
                if (pending.Count == 0)
                {
                    return;
                }

                await scorer.EnrichAsync(pending, ct);
                await store.UpdateSentimentAsync(pending, ct);
                foreach (var p in pending)
                {
                    counts[(int)(p.Sentiment?.Label ?? SentimentLabel.Unscored)]++;
                }

                total += pending.Count;
                pending.Clear();
                log.LogInformation("Rescored {Total} posts ({Rate:0} posts/s)", total, total / Math.Max(clock.Elapsed.TotalSeconds, 1e-3));
            }

            await foreach (var post in store.StreamPostsAsync(query, ct))
            {
                pending.Add(post);
                if (pending.Count == pending.Capacity)
                {
                    await FlushAsync();
                }
            }

            await FlushAsync();
            var llmStats = helper?.Stats;
            if (parse.GetValue(json))
            {
                ctx.WriteJson(new
                {
                    rescored = total,
                    model_version = m.Version,
                    negative = counts[0],
                    neutral = counts[1],
                    positive = counts[2],
                    unscored = counts[3],
                    seconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
                    llm = llmStats,
                });
            }
            else
            {
                ctx.Out.WriteLine($"rescored  {total:N0} posts with model {m.Version} in {clock.Elapsed.TotalSeconds:0.0} s");
                ctx.Out.WriteLine($"negative  {counts[0]:N0}\nneutral   {counts[1]:N0}\npositive  {counts[2]:N0}\nunscored  {counts[3]:N0}");
                if (llmStats is not null)
                {
                    ctx.Out.WriteLine(llmStats.OffReason ?? $"llm       {llmStats.Labelled:N0} labelled, {llmStats.Calls} calls, {llmStats.CacheHits} cache hits, {llmStats.Failures} failures, {llmStats.Malformed} malformed{(llmStats.BudgetExhausted ? ", budget reached" : "")}");
                }
            }

            return ExitCodes.Ok;
        });
    }

    private static Command Label()
    {
        var useLlm = new Option<bool>("--llm") { Description = "Label with the configured LLM (required: the only labeller so far)." };
        var sample = new Option<int>("--sample") { Description = "Label a random sample of this many texts.", DefaultValueFactory = _ => 500 };
        var data = new Option<string>("--data") { Description = "Unlabelled texts: a TSV/CSV with a text column, or one text per line.", Required = true };
        var textCol = new Option<string>("--text-col") { Description = "Name of the text column.", DefaultValueFactory = _ => SentimentData.DefaultTextColumn };
        var output = new Option<string>("--out") { Description = "Where to write label<TAB>text (trainable with mkt train).", Required = true };
        var seed = new Option<int>("--seed") { Description = "Sampling seed.", DefaultValueFactory = _ => 1 };
        var maxCalls = new Option<int>("--llm-max-calls") { Description = "At most this many LLM calls.", DefaultValueFactory = _ => 200 };
        var json = JsonOption.Create();
        var cmd = new Command("label", "Teacher to student: label unlabelled texts with the LLM and write a TSV that mkt train accepts.")
        {
            useLlm, sample, data, textCol, output, seed, maxCalls, json,
        };
        return cmd.WithAction(async (ctx, parse, ct) =>
        {
            if (!parse.GetValue(useLlm))
            {
                throw new UsageException("mkt label needs --llm (the LLM is the teacher).");
            }

            var n = parse.GetValue(sample);
            if (n < 1)
            {
                throw new UsageException("--sample must be at least 1.");
            }

            var client = LlmClientFactory.Create(ctx.Configuration, ctx.LoggerFactory);
            if (client.Provider.IsOffline)
            {
                ctx.Error.WriteLine("mkt: the LLM provider is offline, so nothing can be labelled. Set MKT_LLM_ENDPOINT / MKT_LLM_API_KEY (see the Llm settings) and run again.");
                return ExitCodes.Failure;
            }

            // Reservoir sampling: one pass, n texts in memory, whatever the file size.
            var rng = new Random(parse.GetValue(seed));
            var reservoir = new List<string>(Math.Min(n, 100_000));
            long seen = 0;
            foreach (var t in SentimentData.ReadTexts(parse.GetValue(data)!, parse.GetValue(textCol)!))
            {
                if (string.IsNullOrWhiteSpace(t))
                {
                    continue;
                }

                seen++;
                if (reservoir.Count < n)
                {
                    reservoir.Add(t);
                }
                else if (rng.NextInt64(seen) is var j && j < n)
                {
                    reservoir[(int)j] = t;
                }
            }

            var helper = new LlmSentimentHelper(client, new LlmSentimentOptions { MaxCalls = parse.GetValue(maxCalls), MaxTokens = long.MaxValue }, logger: ctx.Logger<LlmSentimentHelper>());
            var labels = await helper.LabelTextsAsync(reservoir, ct);
            var outPath = parse.GetValue(output)!;
            var written = 0;
            await using (var w = new StreamWriter(outPath))
            {
                await w.WriteLineAsync("label\ttext");
                for (var i = 0; i < reservoir.Count; i++)
                {
                    if (labels[i] is { } r)
                    {
                        await w.WriteLineAsync($"{r.Label.ToWire()}\t{OneLine(reservoir[i])}");
                        written++;
                    }
                }
            }

            var stats = helper.Stats;
            if (parse.GetValue(json))
            {
                ctx.WriteJson(new { sampled = reservoir.Count, labelled = written, out_path = outPath, llm = stats });
            }
            else
            {
                ctx.Out.WriteLine($"labelled  {written} of {reservoir.Count} sampled texts -> {outPath}");
                ctx.Out.WriteLine($"llm       {stats.Calls} calls, {stats.Failures} failures, {stats.Malformed} malformed{(stats.BudgetExhausted ? ", budget reached" : "")}");
            }

            return written > 0 ? ExitCodes.Ok : ExitCodes.Failure;
        });
    }

    private static string OneLine(string s) => s.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');

    private static Option<string?> ModelOption() => new("--model") { Description = "Model file. Default: Marketing:Model (models/sentiment.zip)." };

    private static SentimentModel LoadModel(CliContext ctx, string? path)
    {
        path ??= ctx.Options.Model;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No sentiment model at '{path}'. Train one with: mkt train --data labelled.tsv --out {path}");
        }

        try
        {
            return SentimentModel.Load(path);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidOperationException(ex.Message, ex);
        }
    }

    private static void WriteMetrics(TextWriter w, SentimentMetrics m)
    {
        var c = CultureInfo.InvariantCulture;
        w.WriteLine(string.Create(c, $"n         {m.N}"));
        w.WriteLine(string.Create(c, $"macro_recall {m.MacroRecall:0.0000}  macro_f1 {m.MacroF1:0.0000}  accuracy {m.Accuracy:0.0000}  f1_pn {m.F1Pn:0.0000}"));
        w.WriteLine("class      precision  recall   f1       support");
        foreach (var k in m.PerClass)
        {
            w.WriteLine(string.Create(c, $"{k.Label,-10} {k.Precision,9:0.0000}  {k.Recall:0.0000}   {k.F1:0.0000}   {k.Support}"));
        }

        w.WriteLine("confusion (rows gold, columns predicted: negative neutral positive)");
        for (var r = 0; r < 3; r++)
        {
            w.WriteLine(string.Create(c, $"{SentimentMetrics.Classes[r].ToWire(),-10} {m.Confusion[r][0],8} {m.Confusion[r][1],8} {m.Confusion[r][2],8}"));
        }
    }
}
