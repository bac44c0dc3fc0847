using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Marketing.Analysis.Sentiment;
using Marketing.Core.Domain;
using Marketing.Core.Storage;
using Marketing.Embeddings;

namespace Marketing.Bench;

/// <summary>
/// <c>mkt-bench sentiment</c>: trains on SemEval-2017 4A train (or loads --model), scores the test set and reports
/// macro-recall etc., batch scoring texts/s, score → SQLite posts/s, and runs the peers (NLTK VADER, scikit-learn
/// TF-IDF + LinearSVC) in the same run for ratios. Peers and data are skipped cleanly when ../shared is absent.
/// </summary>
public static class SentimentBench
{
    public static IEnumerable<Command> Create()
    {
        var model = new Option<string?>("--model") { Description = "Use this model instead of training one." };
        var shared = new Option<string?>("--shared") { Description = "The shared folder (default $MKT_SHARED, then ../shared beside the repository)." };
        var texts = new Option<int>("--texts") { Description = "Texts scored for the throughput figure (the test set repeated).", DefaultValueFactory = _ => 200_000 };
        var posts = new Option<int>("--posts") { Description = "Posts for the score → SQLite figure.", DefaultValueFactory = _ => 100_000 };
        var noPeers = new Option<bool>("--no-peers") { Description = "Skip the Python peers." };
        var cmd = new Command("sentiment", "Sentiment accuracy (SemEval-2017 4A) and scoring speed, side by side with VADER and TF-IDF+LinearSVC.") { model, shared, texts, posts, noPeers };
        cmd.SetAction(async (parse, ct) =>
        {
            // Absolute: the peers run as child processes with their own working directory.
            var root = Path.GetFullPath(parse.GetValue(shared) ?? Environment.GetEnvironmentVariable("MKT_SHARED") ?? Path.Combine(RepoRoot(), "..", "shared"));
            var train = Path.Combine(root, "data", "semeval2017-4a", "train.tsv");
            var test = Path.Combine(root, "data", "semeval2017-4a", "test.tsv");
            var lexicon = Path.Combine(root, "data", "vader-lexicon", "vader_lexicon.txt");
            if (!File.Exists(test) || (parse.GetValue(model) is null && !File.Exists(train)))
            {
                Console.Error.WriteLine($"skipped: SemEval data not found under {root} (set --shared or MKT_SHARED).");
                return 0;
            }

            using var loggers = Microsoft.Extensions.Logging.LoggerFactory.Create(_ => { });
            double trainSeconds = 0;
            SentimentModel m;
            string? modelPath = parse.GetValue(model);
            if (modelPath is null)
            {
                modelPath = Path.Combine("bench", "results", "sentiment-semeval.zip");
                Console.Error.WriteLine($"training on {train} ...");
                var sw = Stopwatch.StartNew();
                using var embedder = new MiniLmWordEmbedder(); // the default recipe of mkt train
                SentimentModelFiles.TrainFile(train, modelPath, new SentimentTrainingOptions { LexiconPath = File.Exists(lexicon) ? lexicon : null, WordEmbedder = embedder }, loggers, ct: ct);
                trainSeconds = sw.Elapsed.TotalSeconds;
            }

            var loadClock = Stopwatch.StartNew();
            m = SentimentModel.Load(modelPath);
            var loadSeconds = loadClock.Elapsed.TotalSeconds;
            var testRows = SentimentData.ReadLabelled(test).ToList();
            var metrics = SentimentModelFiles.Evaluate(m, testRows);
            Console.Error.WriteLine($"ours: macro-recall {metrics.MacroRecall:0.0000}");

            var n = parse.GetValue(texts);
            var corpus = Enumerable.Range(0, n).Select(i => testRows[i % testRows.Count].Text).ToArray();
            m.PredictBatch(corpus.Take(5000).ToArray()); // warm-up (JIT)
            var batch = Throughput(corpus, c => m.PredictBatch(c));
            var single = Throughput(corpus[..Math.Min(n, 50_000)], c => c.Select(m.Predict).ToArray(), chunk: 50_000);

            // Where single-thread time goes: normalize+tokenize, then + hashing/TF-IDF (featurize), then + the dot product.
            var sample = corpus[..Math.Min(n, 50_000)];
            var tokenizeOnly = Stage(sample, t => m.Featurizer.Normalizer.Tokenize(t).Count);
            var featurizeOnly = Stage(sample, t => m.Featurizer.Featurize(t).Indices.Length);
            var endToEnd = await ScoreToSqlite(m, testRows, parse.GetValue(posts), ct);

            var peers = new List<object>();
            var ours = new { macro_recall = metrics.MacroRecall, texts_per_s = batch.TextsPerSecond };
            if (!parse.GetValue(noPeers))
            {
                foreach (var peer in RunPeers(root, train, test, n))
                {
                    peers.Add(new
                    {
                        peer.Name,
                        peer.MacroRecall,
                        peer.MacroF1,
                        peer.Accuracy,
                        peer.TextsPerSecond,
                        peer.Error,
                        macro_recall_ratio = peer.MacroRecall is > 0 ? Math.Round(metrics.MacroRecall / peer.MacroRecall.Value, 3) : (double?)null,
                        speed_ratio = peer.TextsPerSecond is > 0 ? Math.Round(batch.TextsPerSecond / peer.TextsPerSecond.Value, 1) : (double?)null,
                    });
                }
            }

            BenchResult.Write("sentiment", new
            {
                machine = BenchResult.Machine(),
                model = modelPath,
                model_version = m.Version,
                train_seconds = Math.Round(trainSeconds, 1),
                load_seconds = Math.Round(loadSeconds, 2),
                model_bytes = new FileInfo(modelPath).Length,
                test = new { metrics.N, metrics.MacroRecall, metrics.MacroF1, metrics.Accuracy, metrics.F1Pn, recall = metrics.PerClass.ToDictionary(c => c.Label, c => Math.Round(c.Recall, 4)) },
                batch_scoring = batch,
                single_thread_scoring = single,
                single_thread_stages = new { tokenize = tokenizeOnly, featurize = featurizeOnly, predict = single },
                score_to_sqlite = endToEnd,
                peers,
                ours,
                command = "dotnet run -c Release --project bench/Bench -- sentiment",
            });
            return 0;
        });
        return [cmd];
    }

    public sealed record Speed(long Texts, double Seconds, double TextsPerSecond, double CpuSeconds, double TextsPerCpuSecond);

    public sealed record Peer(string Name, double? MacroRecall, double? MacroF1, double? Accuracy, double? TextsPerSecond, string? Error);

    private static Speed Stage(string[] corpus, Func<string, int> work)
    {
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        long sink = 0;
        foreach (var t in corpus)
        {
            sink += work(t);
        }

        var wall = sw.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
        GC.KeepAlive(sink);
        return new Speed(corpus.Length, Math.Round(wall, 3), Math.Round(corpus.Length / wall), Math.Round(cpu, 3), Math.Round(corpus.Length / Math.Max(cpu, 1e-9)));
    }

    private static Speed Throughput(string[] corpus, Func<string[], SentimentResult[]> score, int chunk = 4096)
    {
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        long done = 0;
        for (var i = 0; i < corpus.Length; i += chunk)
        {
            done += score(corpus[i..Math.Min(corpus.Length, i + chunk)]).Length;
        }

        var wall = sw.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
        return new Speed(done, Math.Round(wall, 3), Math.Round(done / wall), Math.Round(cpu, 3), Math.Round(done / Math.Max(cpu, 1e-9)));
    }

    /// <summary>Enrich (model + brand sentiment) then upsert into a fresh SQLite file, in batches of 5,000.</summary>
    private static async Task<object> ScoreToSqlite(SentimentModel model, List<SentimentExample> rows, int n, CancellationToken ct)
    {
        var path = Path.Combine("bench", "results", $"sentiment-bench-{Guid.NewGuid():N}.db");
        var scorer = new SentimentScorer(model);
        var posts = Enumerable.Range(0, n).Select(i => new SocialPost
        {
            Platform = "bench",
            PostId = i.ToString(CultureInfo.InvariantCulture),
            Text = rows[i % rows.Count].Text,
            Language = "en",
            CreatedAt = DateTimeOffset.UnixEpoch.AddSeconds(i),
        }).ToList();
        var sw = Stopwatch.StartNew();
        await using (var store = await StoreFactory.OpenAsync(path, null, ct))
        {
            for (var i = 0; i < posts.Count; i += 5000)
            {
                var batch = posts.GetRange(i, Math.Min(5000, posts.Count - i));
                await scorer.EnrichAsync(batch, ct);
                await store.UpsertPostsAsync(batch, ct);
            }
        }

        var seconds = sw.Elapsed.TotalSeconds;
        foreach (var f in Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*"))
        {
            File.Delete(f);
        }

        return new { posts = n, seconds = Math.Round(seconds, 2), posts_per_s = Math.Round(n / seconds) };
    }

    private static IEnumerable<Peer> RunPeers(string root, string train, string test, int n)
    {
        var peers = Path.Combine(root, "peers");
        const string python = "/usr/bin/python3";
        if (!Directory.Exists(peers) || !File.Exists(python))
        {
            Console.Error.WriteLine($"peers skipped: {peers} or {python} missing.");
            yield break;
        }

        // The peers repeat the test texts up to n for timing; eval.py reads the first len(gold) predictions.
        var sizeForPeers = Math.Min(n, 50_000).ToString(CultureInfo.InvariantCulture);
        yield return RunPeer("vader_nltk", peers, python, ["vader_nltk.py", test, sizeForPeers], test);
        yield return RunPeer("sklearn_tfidf_linearsvc", peers, python, ["sklearn_svm.py", train, test, sizeForPeers], test);
    }

    private static Peer RunPeer(string name, string dir, string python, string[] args, string test)
    {
        Console.Error.WriteLine($"peer {name} ...");
        var pred = Path.GetTempFileName();
        try
        {
            var (code, stdout, stderr) = Run(python, dir, args);
            if (code != 0)
            {
                return new Peer(name, null, null, null, null, Last(stderr));
            }

            File.WriteAllText(pred, stdout);
            var speed = stderr.Split(' ', '\n').FirstOrDefault(s => s.StartsWith("loop_texts_per_s=", StringComparison.Ordinal)) is { } kv
                ? double.Parse(kv["loop_texts_per_s=".Length..], CultureInfo.InvariantCulture)
                : (double?)null;
            var (evalCode, evalOut, evalErr) = Run(python, dir, ["eval.py", test, pred, "--json"]);
            if (evalCode != 0)
            {
                return new Peer(name, null, null, null, speed, Last(evalErr));
            }

            using var json = JsonDocument.Parse(evalOut);
            var r = json.RootElement;
            return new Peer(name, r.GetProperty("macro_recall").GetDouble(), r.GetProperty("macro_f1").GetDouble(), r.GetProperty("accuracy").GetDouble(), speed, null);
        }
        finally
        {
            File.Delete(pred);
        }
    }

    private static (int Code, string Stdout, string Stderr) Run(string exe, string dir, string[] args)
    {
        var psi = new ProcessStartInfo(exe) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, err.Result);
    }

    private static string Last(string s) => s.Trim().Split('\n').LastOrDefault() ?? "";

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Marketing.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
