using System.CommandLine;
using System.Globalization;
using Marketing.Analysis.Sentiment;
using Marketing.Core.Domain;

namespace Marketing.Bench;

/// <summary>
/// <c>mkt-bench sentiment-tune</c>: how the recipe was chosen. Trains each variant on the training file alone and
/// reports macro-recall on a held-out part of it (random, or the newest rows with <c>--newest</c>); the test set is
/// never read, so choosing by these figures does not tune on test.
/// Variants: <c>name:key=value,key=value;name2:...</c> with keys l2, l1, iters, trainer, ngrams, charmin, charmax,
/// wordmindf, charmindf, lex, word, char, sup, supsmooth, bits, tune (also sweeps offset scales), offscale, balance, seed, tol (SDCA tolerance), and vec=1
/// (use the <c>--vectors</c> table), emb (block scale; 0 = no word-vector block), embneg (negated words' vector factor),
/// val (word-valence block scale), valridge, valother, focus, focusat, lexvec (see <see cref="FeaturizerSettings"/>).
/// </summary>
public static class SentimentTuneBench
{
    public static IEnumerable<Command> Create()
    {
        var data = new Option<string>("--data") { Description = "Labelled training TSV.", Required = true };
        var lexicon = new Option<string?>("--lexicon") { Description = "VADER lexicon." };
        var variants = new Option<string>("--variants") { Description = "name:key=value,...;name2:...", DefaultValueFactory = _ => "default:" };
        var newest = new Option<bool>("--newest") { Description = "Hold out the newest rows (end of file) instead of a random share." };
        var holdout = new Option<double>("--holdout") { DefaultValueFactory = _ => 0.2 };
        var vectorsPath = new Option<string?>("--vectors") { Description = "Word-vector table (WordVectors binary) for variants with vec=1." };
        var save = new Option<string?>("--save") { Description = "Directory: save each variant's model as NAME.zip (refit on all the data), to measure a chosen recipe once with mkt eval." };
        var lexVectors = new Option<string?>("--lexicon-vectors") { Description = "Word-vector table whose lexicon words also fit the word-valence regression (variants with lexvec=1)." };
        var topics = new Option<int>("--topic-holdout") { Description = "Hold out whole topic clusters instead: spherical k-means (this many clusters) of the texts' mean word vectors (--vectors), clusters held out until --holdout of the rows are.", DefaultValueFactory = _ => 0 };
        var clusterOffsets = new Option<bool>("--cluster-offsets") { Description = "With --topic-holdout (and without --save): also tune class offsets on all held-out clusters but one and measure them on that one, each in turn (leave one topic out), at several offset scales." };
        var cmd = new Command("sentiment-tune", "Compare training recipes on a held-out split of the training data (never the test set).") { data, lexicon, variants, newest, holdout, vectorsPath, save, topics, lexVectors, clusterOffsets };
        cmd.SetAction((parse, ct) =>
        {
            var rows = SentimentData.ReadLabelled(parse.GetValue(data)!).ToList();
            var vectors = parse.GetValue(vectorsPath) is { } vp ? WordVectors.Load(vp) : null;
            LexVectors = parse.GetValue(lexVectors) is { } lv ? WordVectors.Load(lv) : null;
            var topicHoldout = parse.GetValue(topics) > 0;
            if (topicHoldout)
            {
                // The trainer holds out the end of the file with HoldoutNewest: put the held-out clusters there.
                var lex = parse.GetValue(lexicon) is { } lp ? SentimentLexicon.Load(lp) : SentimentLexicon.Empty;
                rows = TopicSplit(rows, new SocialTextNormalizer(lex), vectors ?? throw new ArgumentException("--topic-holdout needs --vectors"), parse.GetValue(topics), parse.GetValue(holdout), out var share);
                Console.WriteLine(FormattableString.Invariant($"topic holdout: {share:0.000} of the rows held out ({parse.GetValue(topics)} clusters)"));
            }

            foreach (var spec in parse.GetValue(variants)!.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                var (name, options) = Parse(spec, new SentimentTrainingOptions
                {
                    LexiconPath = parse.GetValue(lexicon),
                    Refit = parse.GetValue(save) is not null,
                    HoldoutNewest = parse.GetValue(newest) || topicHoldout,
                    HoldoutTopics = 0, // the topic split is done here (the rows are reordered), so held-out clusters are known
                    TuneOffsets = false, // variants get class offsets only with tune=1 (the default recipe's: tune=1 with --topic-holdout 20)
                    HoldoutFraction = topicHoldout ? TopicShare : parse.GetValue(holdout),
                }, vectors);
                var r = new SentimentTrainer().Train(rows, options, ct: ct);
                if (parse.GetValue(save) is { } dir)
                {
                    Directory.CreateDirectory(dir);
                    r.Model.Save(Path.Combine(dir, name + ".zip"));
                }

                var m = r.Holdout;
                var recalls = string.Join(" ", m.PerClass.Select(c => $"{c.Label[..3]} {c.Recall:0.000}"));
                Console.WriteLine(FormattableString.Invariant(
                    $"{name,-24} macro-recall {m.MacroRecall:0.0000} macro-F1 {m.MacroF1:0.0000} acc {m.Accuracy:0.0000} ({recalls}) offsets [{string.Join(",", r.Model.Info.LogPriorOffsets.Select(o => o.ToString("0.00", CultureInfo.InvariantCulture)))}] n={m.N} {r.Seconds:0}s"));
                if (topicHoldout && parse.GetValue(clusterOffsets) && parse.GetValue(save) is null)
                {
                    LeaveOneTopicOut(r.Model, rows.Skip(rows.Count - HeldClusters.Length).ToList());
                }

                foreach (var (scale, om) in r.OffsetSweep)
                {
                    Console.WriteLine(FormattableString.Invariant(
                        $"{"  offsets x" + scale.ToString("0.##", CultureInfo.InvariantCulture),-24} macro-recall {om.MacroRecall:0.0000} macro-F1 {om.MacroF1:0.0000} acc {om.Accuracy:0.0000} ({string.Join(" ", om.PerClass.Select(c => $"{c.Label[..3]} {c.Recall:0.000}"))})"));
                }

                foreach (var (w, sm) in r.SecondStageSweep)
                {
                    Console.WriteLine(FormattableString.Invariant(
                        $"{"  stage2 x" + w.ToString("0.##", CultureInfo.InvariantCulture),-24} macro-recall {sm.MacroRecall:0.0000} macro-F1 {sm.MacroF1:0.0000} acc {sm.Accuracy:0.0000} ({string.Join(" ", sm.PerClass.Select(c => $"{c.Label[..3]} {c.Recall:0.000}"))})"));
                }
            }

            return Task.FromResult(0);
        });
        return [cmd, .. SentimentVectorsBench.Create()];
    }

    private static double TopicShare { get; set; }

    /// <summary>The topic cluster of each held-out row (the last rows after <see cref="TopicSplit"/>), in order.</summary>
    private static int[] HeldClusters { get; set; } = [];

    /// <summary>
    /// Class offsets judged on topics they were not tuned on: for each held-out cluster, offsets are tuned on the other
    /// held-out clusters and applied to it; macro-recall over all held-out rows, per offset scale.
    /// </summary>
    private static void LeaveOneTopicOut(SentimentModel model, IReadOnlyList<SentimentExample> held)
    {
        var scores = model.PredictBatch([.. held.Select(h => h.Text)]);
        var scales = new[] { 0f, 0.25f, 0.5f, 0.75f, 1f };
        var predicted = scales.Select(_ => new SentimentLabel[held.Count]).ToArray();
        foreach (var c in HeldClusters.Distinct().Order())
        {
            var others = Enumerable.Range(0, held.Count).Where(i => HeldClusters[i] != c).Select(i => (held[i].Label, scores[i])).ToList();
            var off = SentimentTrainer.TuneOffsets(others);
            Console.WriteLine(FormattableString.Invariant($"  cluster {c}: offsets tuned on the other held-out clusters [{off[0]:0.00},{off[2]:0.00}]"));
            for (var s = 0; s < scales.Length; s++)
            {
                for (var i = 0; i < held.Count; i++)
                {
                    if (HeldClusters[i] != c)
                    {
                        continue;
                    }

                    var p = scores[i];
                    float sn = MathF.Log(MathF.Max(p.Negative, 1e-9f)) + (scales[s] * off[0]), su = MathF.Log(MathF.Max(p.Neutral, 1e-9f)), sp = MathF.Log(MathF.Max(p.Positive, 1e-9f)) + (scales[s] * off[2]);
                    predicted[s][i] = sn >= su && sn >= sp ? SentimentLabel.Negative : (sp > su ? SentimentLabel.Positive : SentimentLabel.Neutral);
                }
            }
        }

        for (var s = 0; s < scales.Length; s++)
        {
            var m = SentimentMetrics.Compute(held.Select((h, i) => (h.Label, predicted[s][i])));
            Console.WriteLine(FormattableString.Invariant(
                $"{"  topic-out offsets x" + scales[s].ToString("0.##", CultureInfo.InvariantCulture),-24} macro-recall {m.MacroRecall:0.0000} macro-F1 {m.MacroF1:0.0000} acc {m.Accuracy:0.0000} ({string.Join(" ", m.PerClass.Select(pc => $"{pc.Label[..3]} {pc.Recall:0.000}"))})"));
        }
    }

    private static WordVectors? LexVectors { get; set; }

    /// <summary>
    /// Reorders the rows so that whole topic clusters come last: spherical k-means (seeded) of each text's mean word
    /// vector, then clusters in a seeded random order are held out until <paramref name="share"/> of the rows are.
    /// A dev split whose topics training never saw, as the 2017 test set's topics were not in train.
    /// </summary>
    private static List<SentimentExample> TopicSplit(List<SentimentExample> rows, SocialTextNormalizer normalizer, WordVectors vectors, int k, double share, out double actual)
    {
        var assign = TopicClusters.Assign([.. rows.Select(r => normalizer.Tokenize(r.Text))], vectors, k);
        var held = TopicClusters.HoldOut(assign, k, share);
        var sizes = new int[k];
        foreach (var a in assign)
        {
            sizes[a]++;
        }

        var count = held.Sum(c => sizes[c]);
        actual = count / (double)rows.Count;
        TopicShare = actual;
        var labelMix = string.Join(" ", Enumerable.Range(0, 3).Select(l => $"{rows.Where((_, i) => held.Contains(assign[i])).Count(r => (int)r.Label == l) / (double)count:0.00}"));
        Console.WriteLine($"held-out clusters: {string.Join(",", held.Order())} (sizes {string.Join(",", held.Order().Select(c => sizes[c]))}); label mix neg/neu/pos {labelMix}");
        HeldClusters = [.. assign.Where(held.Contains)];
        return [.. rows.Where((_, i) => !held.Contains(assign[i])), .. rows.Where((_, i) => held.Contains(assign[i]))];
    }

    private static (string Name, SentimentTrainingOptions Options) Parse(string spec, SentimentTrainingOptions o, WordVectors? vectors)
    {
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? spec : spec[..colon];
        var f = o.Featurizer;
        SecondStageSettings? st = null;
        SecondStageSettings S() => st ??= new SecondStageSettings();
        foreach (var kv in (colon < 0 ? "" : spec[(colon + 1)..]).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var (k, v) = (kv.Split('=')[0].Trim(), kv.Split('=')[1].Trim());
            float F() => float.Parse(v, CultureInfo.InvariantCulture);
            int I() => int.Parse(v, CultureInfo.InvariantCulture);
            switch (k)
            {
                case "l2": o = o with { L2 = F() }; break;
                case "l1": o = o with { L1 = F() }; break;
                case "iters": o = o with { MaxIterations = I() }; break;
                case "trainer": o = o with { Trainer = v }; break;
                case "tune": o = o with { TuneOffsets = v == "1", SweepOffsets = v == "1" }; break;
                case "offscale": o = o with { OffsetScale = F() }; break;
                case "balance": o = o with { BalanceClasses = v == "1" }; break;
                case "ngrams": f = f with { WordNgrams = I() }; break;
                case "charmin": f = f with { CharMin = I() }; break;
                case "charmax": f = f with { CharMax = I() }; break;
                case "wordmindf": f = f with { WordMinDf = I() }; break;
                case "charmindf": f = f with { CharMinDf = I() }; break;
                case "lex": f = f with { LexiconScale = F() }; break;
                case "word": f = f with { WordScale = F() }; break;
                case "char": f = f with { CharScale = F() }; break;
                case "sup": f = f with { Supervised = F() }; break;
                case "supsmooth": f = f with { SupervisedSmoothing = F() }; break;
                case "bits": f = f with { WordBits = I(), CharBits = I() }; break;
                case "vec": o = o with { WordVectors = v == "1" ? vectors ?? throw new ArgumentException("vec=1 needs --vectors") : null }; break;
                case "emb": f = f with { EmbeddingScale = F() }; break;
                case "embneg": f = f with { EmbeddingNegation = F() }; break;
                case "val": f = f with { ValenceScale = F() }; break;
                case "valridge": f = f with { ValenceRidge = F() }; break;
                case "valother": f = f with { ValenceOtherWeight = F() }; break;
                case "focus": f = f with { EmbeddingFocus = F() }; break;
                case "focusat": f = f with { EmbeddingFocusAt = F() }; break;
                case "lexvec": o = o with { LexiconVectors = v == "1" ? LexVectors ?? throw new ArgumentException("lexvec=1 needs --lexicon-vectors") : null }; break;
                case "seed": o = o with { Seed = I() }; break;
                case "mlp": st = S() with { Hidden = I() }; break;
                case "mlpw": st = S() with { Weight = F() }; break;
                case "mlpep": st = S() with { Epochs = I() }; break;
                case "mlplr": st = S() with { LearningRate = F() }; break;
                case "mlpwd": st = S() with { WeightDecay = F() }; break;
                case "mlpdrop": st = S() with { Dropout = F() }; break;
                case "mlpbatch": st = S() with { BatchSize = I() }; break;
                case "folds": st = S() with { Folds = I() }; break;
                case "recency": o = o with { RecencyBoost = F() }; break;
                case "tol": o = o with { ConvergenceTolerance = F() }; break;
                default: throw new ArgumentException($"unknown key {k}");
            }
        }

        return (name, o with { Featurizer = f, SecondStage = st, SweepSecondStage = st is not null });
    }
}
