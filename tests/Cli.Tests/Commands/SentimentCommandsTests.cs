using System.Text;
using System.Text.Json;
using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Cli.Tests.Commands;

/// <summary>mkt train / eval / score on a small generated TSV: outputs, files and exit codes.</summary>
[NonParallelizable] // Commands write to Console; the tests swap it.
public sealed class SentimentCommandsTests
{
    private static string _dir = null!;
    private static string _data = null!;
    private static string _model = null!;

    [OneTimeSetUp]
    public static async Task TrainOnce()
    {
        _dir = TestPaths.NewTempDir("cli-sentiment");
        _data = Path.Combine(_dir, "train.tsv");
        var sb = new StringBuilder("label\ttext\n");
        string[] subjects = ["the phone", "the app", "my order", "the camera", "their support"];
        for (var i = 0; i < 150; i++)
        {
            var s = subjects[i % subjects.Length];
            sb.Append($"positive\t{s} is great and I love it {i}\n");
            sb.Append($"negative\t{s} is awful and I hate it {i}\n");
            sb.Append($"neutral\t{s} ships on day {i}\n");
        }

        await File.WriteAllTextAsync(_data, sb.ToString());
        _model = Path.Combine(_dir, "models", "sentiment.zip");
        var (code, stdout, stderr) = await Run(["train", "--data", _data, "--out", _model, "--seed", "3"]);
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), stderr);
        Assert.That(stdout, Does.Contain("macro_recall"));
    }

    [Test]
    public void Train_saves_the_model_and_its_metrics_beside_it()
    {
        var metrics = Path.Combine(_dir, "models", "sentiment.metrics.json");
        Assert.That(File.Exists(_model), Is.True);
        using var json = JsonDocument.Parse(File.ReadAllText(metrics));
        var r = json.RootElement;
        foreach (var key in new[] { "macro_recall", "macro_f1", "accuracy", "f1_pn", "per_class", "confusion", "data_sha256", "seed", "n", "model_version", "train_seconds" })
        {
            Assert.That(r.TryGetProperty(key, out _), Is.True, key);
        }

        Assert.That(r.GetProperty("n").GetInt32(), Is.EqualTo(450));
        Assert.That(r.GetProperty("seed").GetInt32(), Is.EqualTo(3));
        Assert.That(r.GetProperty("data_sha256").GetString(), Has.Length.EqualTo(64));
        Assert.That(r.GetProperty("per_class").GetProperty("negative").TryGetProperty("recall", out _), Is.True);
    }

    [Test]
    public async Task Eval_json_prints_the_summary_keys()
    {
        var (code, stdout, _) = await Run(["eval", "--model", _model, "--data", _data, "--json"]);
        Assert.That(code, Is.EqualTo(ExitCodes.Ok));
        using var json = JsonDocument.Parse(stdout);
        var names = json.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.That(names, Is.EquivalentTo(new[] { "macro_recall", "macro_f1", "accuracy", "f1_pn", "n" }));
        Assert.That(json.RootElement.GetProperty("n").GetInt32(), Is.EqualTo(450));
        Assert.That(json.RootElement.GetProperty("macro_recall").GetDouble(), Is.GreaterThan(0.9));
    }

    [Test]
    public async Task Score_json_prints_one_line_per_text_with_label_and_probabilities()
    {
        var (code, stdout, _) = await Run(["score", "--model", _model, "--text", "the app is great and I love it", "--text", "my order is awful and I hate it", "--json"]);
        Assert.That(code, Is.EqualTo(ExitCodes.Ok));
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(2));
        using var first = JsonDocument.Parse(lines[0]);
        using var second = JsonDocument.Parse(lines[1]);
        Assert.That(first.RootElement.GetProperty("label").GetString(), Is.EqualTo("positive"));
        Assert.That(second.RootElement.GetProperty("label").GetString(), Is.EqualTo("negative"));
        var p = first.RootElement;
        Assert.That(p.GetProperty("negative").GetDouble() + p.GetProperty("neutral").GetDouble() + p.GetProperty("positive").GetDouble(), Is.EqualTo(1).Within(1e-3));
        Assert.That(p.GetProperty("model_version").GetString(), Has.Length.EqualTo(16));
    }

    [Test]
    public async Task Score_reads_stdin_lines_when_no_text_is_given()
    {
        var oldIn = Console.In;
        Console.SetIn(new StringReader("the phone is great and I love it\nthe camera ships on day 3\n"));
        try
        {
            var (code, stdout, _) = await Run(["score", "--model", _model, "--batch", "1"]);
            Assert.That(code, Is.EqualTo(ExitCodes.Ok));
            var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(lines.Select(l => l.Split('\t')[0]), Is.EqualTo(new[] { "positive", "neutral" }));
        }
        finally
        {
            Console.SetIn(oldIn);
        }
    }

    [Test]
    public async Task A_missing_model_fails_with_a_message_saying_how_to_train_one()
    {
        var (code, _, stderr) = await Run(["score", "--model", Path.Combine(_dir, "none.zip"), "--text", "hi"]);
        Assert.That(code, Is.EqualTo(ExitCodes.Failure));
        Assert.That(stderr, Does.Contain("mkt train"));
    }

    [Test]
    public async Task Training_data_with_an_unknown_label_fails_with_the_line_number()
    {
        var bad = Path.Combine(_dir, "bad.tsv");
        await File.WriteAllTextAsync(bad, "label\ttext\npositive\tgood\nhappy\tyay\n");
        var (code, _, stderr) = await Run(["train", "--data", bad, "--out", Path.Combine(_dir, "bad.zip")]);
        Assert.That(code, Is.EqualTo(ExitCodes.Failure));
        Assert.That(stderr, Does.Contain("line 3").And.Contain("'happy'"));
    }

    [Test]
    public async Task A_missing_text_column_fails_naming_the_option()
    {
        var (code, _, stderr) = await Run(["train", "--data", _data, "--text-col", "tweet", "--out", Path.Combine(_dir, "x.zip")]);
        Assert.That(code, Is.EqualTo(ExitCodes.Failure));
        Assert.That(stderr, Does.Contain("--text-col"));
    }

    [Test]
    public async Task A_missing_lexicon_is_a_usage_error()
    {
        var (code, _, stderr) = await Run(["train", "--data", _data, "--lexicon", Path.Combine(_dir, "nope.txt")]);
        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(stderr, Does.Contain("--lexicon"));
    }

    [TestCase("--holdout-topics", "-1")]
    [TestCase("--offset-scale", "-0.5")]
    public async Task A_negative_topic_count_or_offset_scale_is_a_usage_error(string option, string value)
    {
        var (code, _, stderr) = await Run(["train", "--data", _data, option, value, "--out", Path.Combine(_dir, "n.zip")]);
        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(stderr, Does.Contain(option));
    }

    [Test]
    public async Task A_vectors_value_that_is_no_file_is_a_usage_error()
    {
        var (code, _, stderr) = await Run(["train", "--data", _data, "--vectors", Path.Combine(_dir, "nope.bin"), "--out", Path.Combine(_dir, "v.zip")]);
        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(stderr, Does.Contain("--vectors").And.Contain("minilm"));
    }

    [Test]
    public async Task Train_embeds_the_vocabulary_with_minilm_by_default_and_not_with_vectors_none()
    {
        static string[] Entries(string zip)
        {
            using var z = System.IO.Compression.ZipFile.OpenRead(zip);
            return [.. z.Entries.Select(e => e.FullName)];
        }

        Assert.That(Entries(_model), Does.Contain("vectors.bin"), "the default recipe stores its word vectors");
        var plain = Path.Combine(_dir, "plain.zip");
        var (code, _, stderr) = await Run(["train", "--data", _data, "--vectors", "none", "--out", plain, "--seed", "3"]);
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), stderr);
        Assert.That(Entries(plain), Does.Not.Contain("vectors.bin"));
    }

    [Test]
    public async Task Label_with_the_offline_provider_makes_no_calls_and_says_so()
    {
        var (code, _, stderr) = await Run(["label", "--llm", "--sample", "5", "--data", _data, "--out", Path.Combine(_dir, "labels.tsv")]);
        Assert.That(code, Is.EqualTo(ExitCodes.Failure));
        Assert.That(stderr, Does.Contain("offline"));
    }

    private static Task<(int Code, string Stdout, string Stderr)> Run(string[] args) => CliRunner.Run(args);
}
