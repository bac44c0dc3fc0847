using System.Text.Json;
using Marketing.Cli;
using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Synth.Tests.Cli;

[NonParallelizable]
public class SynthCommandTests
{
    [TestCase("--posts", "10")]
    [TestCase("--posts", "abc")]
    [TestCase("--days", "0")]
    [TestCase("--days", "400")]
    [TestCase("--non-english", "0.9")]
    [TestCase("--start", "yesterday-ish")]
    public async Task Synth_with_a_bad_argument_exits_2_and_writes_nothing(string option, string value)
    {
        var dir = TestPaths.NewTempDir("synth-cli");
        var (code, _, error) = await Run("synth", option, value, "--out", Path.Combine(dir, "p.jsonl"), "--truth", Path.Combine(dir, "t.json"), "--brands-out", Path.Combine(dir, "b.json"));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2), error);
            Assert.That(error, Does.Contain(option).Or.Contain("mkt:"));
            Assert.That(Directory.GetFiles(dir), Is.Empty);
        });
    }

    [Test]
    public async Task Synth_with_the_same_file_for_posts_and_truth_exits_2()
    {
        var dir = TestPaths.NewTempDir("synth-cli");
        var same = Path.Combine(dir, "x.json");
        var (code, _, error) = await Run("synth", "--posts", "2000", "--out", same, "--truth", same, "--brands-out", Path.Combine(dir, "b.json"));
        Assert.That(code, Is.EqualTo(2), error);
    }

    [Test]
    public async Task Synth_writes_posts_truth_labels_and_watchlist_and_prints_a_json_summary()
    {
        var dir = TestPaths.NewTempDir("synth-cli");
        var (code, output, error) = await Run("synth", "--posts", "3000", "--days", "7", "--seed", "4", "--out", Path.Combine(dir, "p.jsonl"), "--truth", Path.Combine(dir, "t.json"), "--brands-out", Path.Combine(dir, "b.json"), "--json");
        Assert.That(code, Is.EqualTo(0), error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(json.GetProperty("posts").GetInt32(), Is.EqualTo(3000));
            Assert.That(json.GetProperty("events").GetInt32(), Is.EqualTo(5));
            Assert.That(json.GetProperty("segments").GetInt32(), Is.EqualTo(8));
            Assert.That(json.GetProperty("seconds").GetDouble(), Is.GreaterThan(0));
            Assert.That(json.GetProperty("files").GetProperty("labels").GetString(), Is.EqualTo(Path.Combine(dir, "t.json") + ".labels.tsv"));
            Assert.That(File.ReadLines(Path.Combine(dir, "p.jsonl")).Count(), Is.EqualTo(3000));
            Assert.That(File.Exists(Path.Combine(dir, "b.json")), Is.True);
            Assert.That(error, Does.Contain("3,000/3,000 posts"), "progress on stderr");
        });
    }

    [Test]
    public async Task Synth_does_not_replace_a_different_configured_watchlist()
    {
        var dir = TestPaths.NewTempDir("synth-cli");
        var mine = Path.Combine(dir, "brands.json");
        const string curated = """{"brands":[{"id":"acme","aliases":["acme"]}]}""";
        await File.WriteAllTextAsync(mine, curated);
        var (code, _, error) = await Run("synth", "--posts", "2000", "--days", "3", "--out", Path.Combine(dir, "p.jsonl"), "--truth", Path.Combine(dir, "t.json"), "--brands", mine);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(error, Does.Contain("--brands-out"));
            Assert.That(File.ReadAllText(mine), Is.EqualTo(curated));
        });
    }

    [Test]
    public async Task Synth_writes_the_configured_watchlist_when_there_is_none_yet()
    {
        var dir = TestPaths.NewTempDir("synth-cli");
        var target = Path.Combine(dir, "brands.json");
        var (code, _, error) = await Run("synth", "--posts", "2000", "--days", "3", "--out", Path.Combine(dir, "p.jsonl"), "--truth", Path.Combine(dir, "t.json"), "--brands", target);
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(Marketing.Core.Brands.BrandWatchlist.Load(target).Brands, Has.Count.EqualTo(6));
    }

    [Test]
    public async Task Synth_help_describes_every_option()
    {
        var (code, output, _) = await Run("synth", "--help");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Does.Contain("--posts").And.Contain("--days").And.Contain("--seed").And.Contain("--out").And.Contain("--truth").And.Contain("--brands-out").And.Contain("--json"));
    }

    private static async Task<(int Code, string Out, string Error)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var oldOut = Console.Out;
        var oldErr = Console.Error;
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var code = await CliApp.RunAsync(args);
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }
}
