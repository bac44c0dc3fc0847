using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.Ingest.Tests.Kafka;

/// <summary>docker/: no Docker engine runs here, so the files are checked for what can be checked without one.</summary>
[TestFixture]
public sealed partial class DockerFilesTests
{
    private static string Dockerfile => Path.Combine(TestPaths.RepoRoot, "docker", "Dockerfile");

    private static string ComposeFile => Path.Combine(TestPaths.RepoRoot, "docker", "compose.yaml");

    [Test]
    public void Dockerfile_copies_only_paths_that_exist_in_the_repository()
    {
        var sources = CopyInstructions().SelectMany(c => c.Sources).ToList();

        Assert.That(sources, Is.Not.Empty);
        Assert.That(sources.Where(s => !File.Exists(Repo(s)) && !Directory.Exists(Repo(s))), Is.Empty, "COPY sources missing from the repository");
    }

    [Test]
    public void Dockerfile_builds_the_cli_project_and_enters_its_executable()
    {
        var text = File.ReadAllText(Dockerfile);
        var built = DotnetProjectPattern().Matches(text).Select(m => m.Groups["path"].Value).Distinct().ToList();
        var entry = EntrypointPattern().Match(text);
        var assemblyName = XDocument.Load(Repo("src/Cli/Cli.csproj")).Descendants("AssemblyName").Single().Value;

        Assert.Multiple(() =>
        {
            Assert.That(built, Does.Contain("src/Cli/Cli.csproj"));
            Assert.That(built.Where(p => !File.Exists(Repo(p))), Is.Empty, "dotnet restore/publish name real projects");
            Assert.That(entry.Success, Is.True, "an exec-form ENTRYPOINT");
            Assert.That(Path.GetFileName(entry.Groups["exe"].Value), Is.EqualTo(assemblyName), "the entry point is the published mkt executable");
        });
    }

    [Test]
    public void Dockerfile_restore_stage_copies_every_project_the_cli_depends_on()
    {
        // Restore runs before the sources are copied: a project reference whose .csproj is not copied fails it.
        var copied = CopyInstructions().SelectMany(c => c.Sources).Where(s => s.EndsWith(".csproj", StringComparison.Ordinal)).ToHashSet();
        var needed = ProjectClosure("src/Cli/Cli.csproj");

        Assert.That(needed.Where(p => !copied.Contains(p)), Is.Empty, "project files the restore layer lacks");
    }

    [Test]
    public void Compose_file_is_accepted_by_docker_compose()
    {
        if (Environment.GetEnvironmentVariable("MKT_TEST_COMPOSE") != "1")
        {
            Assert.Ignore("Checks docker/compose.yaml with Debian's docker-compose: install it (apt-get install -y docker-compose) and set MKT_TEST_COMPOSE=1 to run it.");
        }

        var (code, output) = Run("docker-compose", "-f", ComposeFile, "config");
        var (servicesCode, services) = Run("docker-compose", "-f", ComposeFile, "--profile", "tools", "config", "--services");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, output);
            Assert.That(servicesCode, Is.Zero, services);
            Assert.That(services.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Is.SupersetOf(new[] { "kafka", "kafka-init", "postgres", "consumer", "producer" }));
            Assert.That(output, Does.Contain("replicas: 3"), "the consumer runs as several replicas of one group");
            Assert.That(output, Does.Contain("KAFKA_PROCESS_ROLES: broker,controller"), "Kafka runs in KRaft mode");
            Assert.That(output, Does.Contain("condition: service_healthy"), "consumers wait for healthy Kafka and PostgreSQL");
            Assert.That(output, Does.Contain("dockerfile: docker/Dockerfile"));
        });
    }

    private static string Repo(string relative) => Path.Combine(TestPaths.RepoRoot, relative.TrimEnd('/'));

    private static IEnumerable<(string Line, string[] Sources)> CopyInstructions() =>
        File.ReadLines(Dockerfile)
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from=", StringComparison.Ordinal))
            .Select(l =>
            {
                var parts = l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Where(p => !p.StartsWith("--", StringComparison.Ordinal)).ToArray();
                return (l, parts[..^1]);
            });

    private static HashSet<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var todo = new Stack<string>([project]);
        while (todo.TryPop(out var p))
        {
            if (!seen.Add(p))
            {
                continue;
            }

            var dir = Path.GetDirectoryName(p)!;
            foreach (var reference in XDocument.Load(Repo(p)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(TestPaths.RepoRoot, dir, reference.Attribute("Include")!.Value));
                todo.Push(Path.GetRelativePath(TestPaths.RepoRoot, full).Replace('\\', '/'));
            }
        }

        return seen;
    }

    private static (int Code, string Output) Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = TestPaths.RepoRoot };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr);
    }

    [GeneratedRegex(@"dotnet\s+(?:restore|publish|build)\s+(?<path>[^\s]+\.csproj)")]
    private static partial Regex DotnetProjectPattern();

    [GeneratedRegex(@"^ENTRYPOINT\s+\[\s*""(?<exe>[^""]+)""", RegexOptions.Multiline)]
    private static partial Regex EntrypointPattern();
}
