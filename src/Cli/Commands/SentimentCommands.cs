using System.CommandLine;
using System.Globalization;
using Marketing.Analysis.Sentiment;
using Marketing.Core.Domain;

namespace Marketing.Cli.Commands;

/// <summary>Sentiment: train, eval, score, rescore, label.</summary>
public static class SentimentCommands
{
    public static IEnumerable<Command> Create() => [Train(), Eval()];

    private static Command Train()
    {
        var data = new Option<string>("--data") { Description = "Labelled data: TSV with a 'label<TAB>text' header, or CSV (RFC 4180) with named columns.", Required = true };
        var textCol = new Option<string>("--text-col") { Description = "Name of the text column.", DefaultValueFactory = _ => SentimentData.DefaultTextColumn };
        var labelCol = new Option<string>("--label-col") { Description = "Name of the label column (negative/neutral/positive, or -1/0/1).", DefaultValueFactory = _ => SentimentData.DefaultLabelColumn };
        var lexicon = new Option<string?>("--lexicon") { Description = "VADER-format lexicon (vader_lexicon.txt; emoji_utf8_lexicon.txt beside it is used too). Embedded in the model." };
        var seed = new Option<int>("--seed") { Description = "Random seed (split and trainer).", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "Model file to write. Default: Marketing:Model (models/sentiment.zip)." };
        var trainer = new Option<string>("--trainer") { Description = "lbfgs (default) or sdca.", DefaultValueFactory = _ => "lbfgs" };
        var l2 = new Option<float>("--l2") { Description = "L2 regularization.", DefaultValueFactory = _ => new SentimentTrainingOptions().L2 };
        var holdout = new Option<double>("--holdout") { Description = "Share of the data held out: half tunes the class offsets, half measures.", DefaultValueFactory = _ => 0.2 };
        var noRefit = new Option<bool>("--no-refit") { Description = "Save the model trained without the held-out part instead of refitting on all the data." };
        var json = JsonOption.Create();
        var cmd = new Command("train", "Train the sentiment model (negative/neutral/positive) and save it with its metrics (X.metrics.json beside X.zip).")
        {
            data, textCol, labelCol, lexicon, seed, output, trainer, l2, holdout, noRefit, json,
        };
        return cmd.WithAction((ctx, parse, ct) =>
        {
            var outPath = parse.GetValue(output) ?? ctx.Options.Model;
            var lexiconPath = parse.GetValue(lexicon);
            if (lexiconPath is not null && !File.Exists(lexiconPath))
            {
                throw new UsageException($"--lexicon '{lexiconPath}' does not exist.");
            }

            if (parse.GetValue(holdout) is < 0 or > 0.5)
            {
                throw new UsageException("--holdout must be between 0 and 0.5.");
            }

            var options = new SentimentTrainingOptions
            {
                Seed = parse.GetValue(seed),
                LexiconPath = lexiconPath,
                Trainer = parse.GetValue(trainer) ?? "lbfgs",
                L2 = parse.GetValue(l2),
                HoldoutFraction = parse.GetValue(holdout),
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
