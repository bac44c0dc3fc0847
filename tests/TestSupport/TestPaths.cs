using NUnit.Framework;

namespace Marketing.TestSupport;

/// <summary>Where the repository and the shared data set live, and how to skip cleanly when they are absent.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>../shared beside the checkout (read by path, never copied in). MKT_SHARED overrides it.</summary>
    public static string SharedRoot =>
        Environment.GetEnvironmentVariable("MKT_SHARED") is { Length: > 0 } env ? env : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string SemEvalTrain => Path.Combine(SharedRoot, "data", "semeval2017-4a", "train.tsv");

    public static string SemEvalTest => Path.Combine(SharedRoot, "data", "semeval2017-4a", "test.tsv");

    public static string VaderLexicon => Path.Combine(SharedRoot, "data", "vader-lexicon", "vader_lexicon.txt");

    public static string PeersDir => Path.Combine(SharedRoot, "peers");

    /// <summary>Skips the test, with a message saying how to run it, when a shared file is missing.</summary>
    public static string RequireShared(string path)
    {
        if (!File.Exists(path))
        {
            Assert.Ignore($"Needs {path} (the shared data set beside the checkout, or set MKT_SHARED to its folder). Skipped on a clone without it.");
        }

        return path;
    }

    /// <summary>
    /// This test process's folder for temporary files: one per process, removed when the process exits (SQLite files,
    /// models and browser profiles add up to gigabytes over a few runs). MKT_KEEP_TEST_FILES=1 keeps it to look at.
    /// </summary>
    public static string TempRoot => LazyTempRoot.Value;

    private static readonly Lazy<string> LazyTempRoot = new(CreateTempRoot);

    /// <summary>A fresh empty folder under this test process's temporary folder.</summary>
    public static string NewTempDir(string? name = null)
    {
        var dir = Path.Combine(TempRoot, (name ?? "t") + "-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string CreateTempRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "mkt-tests", $"run-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(root);
        if (Environment.GetEnvironmentVariable("MKT_KEEP_TEST_FILES") != "1")
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(root);
        }

        return root;
    }

    private static void TryDelete(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file; what is left is under /tmp and small.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Marketing.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find Marketing.sln above " + AppContext.BaseDirectory);
    }
}
