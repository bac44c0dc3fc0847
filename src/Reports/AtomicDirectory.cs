namespace Marketing.Reports;

/// <summary>
/// Writes a folder atomically: the caller fills a hidden staging folder beside the target, then <see cref="Commit"/>
/// moves it into place (one rename when the target is new; otherwise file by file, each a replacing rename, so every
/// file a reader opens is complete). A failure before the commit deletes the staging folder and leaves no trace.
/// </summary>
internal static class AtomicDirectory
{
    public static string NewStaging(string target)
    {
        var full = Path.GetFullPath(target);
        var parent = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{target}' has no parent folder.", nameof(target));
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, "." + Path.GetFileName(full) + ".tmp-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(staging);
        return staging;
    }

    public static void Commit(string staging, string target)
    {
        target = Path.GetFullPath(target);
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return;
        }

        foreach (var file in Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(target, Path.GetRelativePath(staging, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Move(file, dest, overwrite: true);
        }

        TryDelete(staging);
    }

    public static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a leftover hidden staging folder is harmless and is never mistaken for a report.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
