using System.Text.RegularExpressions;
using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Cli.Tests.Architecture;

/// <summary>
/// Rules of the design, written as tests over the source tree: SQL only in the storage layer, Kafka consumers only in
/// Ingest, LLM clients only in Llm.
/// </summary>
public sealed partial class ArchitectureRulesTests
{
    private static readonly string Src = Path.Combine(TestPaths.RepoRoot, "src");

    [Test]
    public void Sql_appears_only_in_the_storage_layer()
    {
        var offenders = SourceFiles()
            .Where(f => !IsUnder(f, "src/Core/Storage"))
            .SelectMany(f => Matches(f, SqlPattern()))
            .ToList();

        Assert.That(offenders, Is.Empty, "SQL belongs in src/Core/Storage (add a method to IPostStore):\n" + string.Join("\n", offenders));
    }

    [Test]
    public void Database_clients_are_used_only_in_the_storage_layer()
    {
        var offenders = SourceFiles()
            .Where(f => !IsUnder(f, "src/Core/Storage"))
            .SelectMany(f => Matches(f, DbClientPattern()))
            .ToList();

        Assert.That(offenders, Is.Empty, "Database access belongs in src/Core/Storage:\n" + string.Join("\n", offenders));
    }

    [Test]
    public void Kafka_consumers_are_built_only_in_Ingest()
    {
        var offenders = SourceFiles()
            .Where(f => !IsUnder(f, "src/Ingest"))
            .SelectMany(f => Matches(f, ConsumerBuilderPattern()))
            .ToList();

        Assert.That(offenders, Is.Empty, "ConsumerBuilder belongs in src/Ingest:\n" + string.Join("\n", offenders));
    }

    [Test]
    public void Llm_http_clients_are_made_only_in_Llm()
    {
        var offenders = SourceFiles()
            .Where(f => !IsUnder(f, "src/Llm"))
            .SelectMany(f => Matches(f, LlmClientPattern()))
            .ToList();

        Assert.That(offenders, Is.Empty, "LLM access belongs in src/Llm (call ILlmClient):\n" + string.Join("\n", offenders));
    }

    [Test]
    public void The_rules_catch_what_they_are_meant_to_catch()
    {
        // Guards the guards: each pattern matches a typical offending line and passes an innocent one.
        Assert.Multiple(() =>
        {
            Assert.That(SqlPattern().IsMatch("var sql = \"SELECT id FROM posts WHERE x = 1\";"), Is.True);
            Assert.That(SqlPattern().IsMatch("const string S = \"\"\"INSERT INTO posts (a) VALUES (1)"), Is.True);
            Assert.That(SqlPattern().IsMatch("// select the best post from the list"), Is.False);
            Assert.That(DbClientPattern().IsMatch("using var c = new SqliteConnection(cs);"), Is.True);
            Assert.That(DbClientPattern().IsMatch("await conn.QueryAsync<Post>(sql);"), Is.True);
            Assert.That(ConsumerBuilderPattern().IsMatch("using var c = new ConsumerBuilder<string, byte[]>(cfg).Build();"), Is.True);
            Assert.That(LlmClientPattern().IsMatch("new OpenAIClient(new ApiKeyCredential(key))"), Is.True);
            Assert.That(LlmClientPattern().IsMatch("ILlmClient llm"), Is.False);
        });
    }

    [Test]
    public void Every_source_project_has_a_readme_saying_what_it_owns()
    {
        var missing = Directory.GetDirectories(Src).Where(d => !File.Exists(Path.Combine(d, "README.md"))).ToList();
        Assert.That(missing, Is.Empty);
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static bool IsUnder(string file, string relativeDir) =>
        Path.GetRelativePath(TestPaths.RepoRoot, file).Replace('\\', '/').StartsWith(relativeDir + "/", StringComparison.Ordinal);

    private static IEnumerable<string> Matches(string file, Regex pattern) =>
        File.ReadLines(file)
            .Select((line, i) => (line, i))
            .Where(x => !x.line.TrimStart().StartsWith("//", StringComparison.Ordinal) && pattern.IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(TestPaths.RepoRoot, file)}:{x.i + 1}: {x.line.Trim()}");

    [GeneratedRegex(@"\b(SELECT\s+[\w\*\(].*\bFROM\b|INSERT\s+INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b|CREATE\s+(TABLE|INDEX)\b|ALTER\s+TABLE\b|DROP\s+TABLE\b)")]
    private static partial Regex SqlPattern();

    [GeneratedRegex(@"\b(SqliteConnection|SqliteCommand|NpgsqlConnection|NpgsqlCommand|NpgsqlDataSource|DbConnection|using\s+Dapper)\b|\.(Query|QueryAsync|Execute|ExecuteAsync|ExecuteScalarAsync|QuerySingleAsync)(<[^>]*>)?\(")]
    private static partial Regex DbClientPattern();

    [GeneratedRegex(@"\bnew\s+ConsumerBuilder\b")]
    private static partial Regex ConsumerBuilderPattern();

    [GeneratedRegex(@"\b(new\s+OpenAIClient|new\s+AzureOpenAIClient|new\s+OllamaApiClient|AsIChatClient\s*\(|chat/completions)")]
    private static partial Regex LlmClientPattern();
}
