using System.Text.RegularExpressions;
using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Llm.Tests;

public sealed class LlmArchitectureTests
{
    // Ways to reach an LLM over HTTP without going through Marketing.Llm.
    private static readonly Regex LlmClientConstruction = new(
        @"new\s+OpenAIClient\s*\(|new\s+ChatClient\s*\(|\.GetChatClient\s*\(|\.AsIChatClient\s*\(|OllamaApiClient|AzureOpenAIClient|/chat/completions",
        RegexOptions.Compiled);

    [Test]
    public void No_LLM_HTTP_client_is_constructed_outside_src_Llm()
    {
        var root = TestPaths.RepoRoot;
        var offenders = new[] { "src", "bench" }
            .Select(d => Path.Combine(root, d))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories))
            .Where(f => !IsUnder(f, Path.Combine(root, "src", "Llm")) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => LlmClientConstruction.IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(root, f))
            .ToList();

        Assert.That(offenders, Is.Empty, "LLM access goes through Marketing.Llm (ILlmClient / LlmClientFactory) so that retries, the breaker, budget and secrets are handled in one place");
    }

    [Test]
    public void The_rule_above_does_see_the_one_place_that_does_construct_it()
    {
        var factory = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "src", "Llm", "LlmClientFactory.cs"));

        Assert.That(LlmClientConstruction.IsMatch(factory), Is.True);
    }

    private static bool IsUnder(string file, string dir) =>
        Path.GetFullPath(file).StartsWith(Path.GetFullPath(dir) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
