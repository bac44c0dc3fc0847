using System.CommandLine;
using System.Text.Json;
using Marketing.Core.Domain;
using Marketing.Core.Storage;
using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Cli.Tests.Commands;

/// <summary>The command surface: help everywhere, exit codes, JSON output, configuration precedence.</summary>
[NonParallelizable] // Commands write to Console; the tests swap it.
public sealed class CliTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = TestPaths.NewTempDir("cli");

    private static IEnumerable<string[]> AllCommandPaths()
    {
        static IEnumerable<string[]> Walk(Command c, string[] path)
        {
            yield return path;
            foreach (var sub in c.Subcommands)
            {
                foreach (var p in Walk(sub, [.. path, sub.Name]))
                {
                    yield return p;
                }
            }
        }

        return Walk(CliApp.BuildRoot(), []);
    }

    [TestCaseSource(nameof(AllCommandPaths))]
    public async Task Every_command_has_help_and_a_description(string[] path)
    {
        var (code, stdout, _) = await Run([.. path, "--help"]);
        Assert.That(code, Is.EqualTo(ExitCodes.Ok));
        Assert.That(stdout, Does.Contain("Usage:"));
        Assert.That(stdout, Does.Contain("Description:"));
    }

    [Test]
    public async Task Unknown_commands_and_bad_options_exit_with_usage_code_2()
    {
        Assert.That((await Run(["no-such-command"])).Code, Is.EqualTo(ExitCodes.Usage));
        Assert.That((await Run(["posts", "--limit", "not-a-number", "--db", Db()])).Code, Is.EqualTo(ExitCodes.Usage));
        var (code, _, stderr) = await Run(["posts", "--sentiment", "angry", "--db", Db()]);
        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(stderr, Does.Contain("negative, neutral, positive"));
    }

    [Test]
    public async Task A_missing_watchlist_is_a_failure_with_a_message_saying_how_to_get_one()
    {
        var (code, _, stderr) = await Run(["brands", "--brands", Path.Combine(_dir, "nope.json")]);
        Assert.That(code, Is.EqualTo(ExitCodes.Failure));
        Assert.That(stderr, Does.Contain("mkt synth"));
    }

    [Test]
    public async Task Stats_json_is_one_snake_case_object_with_the_counts()
    {
        var db = Db();
        await using (var store = await StoreFactory.OpenAsync(db))
        {
            await store.UpsertPostsAsync([Posts.Make("1", brands: ["acme"]), Posts.Make("2", author: "b")]);
        }

        var (code, stdout, _) = await Run(["stats", "--json", "--db", db]);
        using var json = JsonDocument.Parse(stdout);
        Assert.That(code, Is.EqualTo(ExitCodes.Ok));
        Assert.That(json.RootElement.GetProperty("posts").GetInt64(), Is.EqualTo(2));
        Assert.That(json.RootElement.GetProperty("authors").GetInt64(), Is.EqualTo(2));
        Assert.That(json.RootElement.GetProperty("brands").GetInt64(), Is.EqualTo(1));
        Assert.That(json.RootElement.TryGetProperty("first_post", out _), Is.True);
    }

    [Test]
    public async Task Posts_finds_by_brand_sentiment_and_text_and_prints_json()
    {
        var db = Db();
        await using (var store = await StoreFactory.OpenAsync(db))
        {
            await store.UpsertPostsAsync(
            [
                Posts.Make("1", "acme battery died", brands: ["acme"], sentiment: SentimentLabel.Negative),
                Posts.Make("2", "acme is lovely", brands: ["acme"], sentiment: SentimentLabel.Positive),
                Posts.Make("3", "globex battery died", brands: ["globex"], sentiment: SentimentLabel.Negative),
            ]);
        }

        var (code, stdout, _) = await Run(["posts", "--brand", "acme", "--sentiment", "negative", "--text", "battery", "--json", "--db", db]);
        using var json = JsonDocument.Parse(stdout);
        Assert.That(code, Is.EqualTo(ExitCodes.Ok));
        Assert.That(json.RootElement.GetProperty("count").GetInt32(), Is.EqualTo(1));
        Assert.That(json.RootElement.GetProperty("posts")[0].GetProperty("post_id").GetString(), Is.EqualTo("1"));
    }

    [Test]
    public async Task The_store_comes_from_the_option_then_MKT_DB_then_configuration()
    {
        var fromEnv = Db();
        var fromOption = Db();
        Environment.SetEnvironmentVariable("MKT_DB", fromEnv);
        try
        {
            await Run(["stats"]);
            Assert.That(File.Exists(fromEnv), Is.True, "MKT_DB is used when no --db is given");
            await Run(["stats", "--db", fromOption]);
            Assert.That(File.Exists(fromOption), Is.True, "--db wins over MKT_DB");
        }
        finally
        {
            Environment.SetEnvironmentVariable("MKT_DB", null);
        }
    }

    private string Db() => Path.Combine(_dir, Guid.NewGuid().ToString("N")[..8] + ".db");

    private static Task<(int Code, string Stdout, string Stderr)> Run(string[] args) => CliRunner.Run(args);
}
