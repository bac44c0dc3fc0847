namespace Marketing.Web.Api;

/// <summary>The reports folder: one sub-folder per report run, each with report.html / report.md / report.json.</summary>
public static class ReportFiles
{
    public sealed record ReportEntry(string Name, DateTimeOffset WrittenAt, IReadOnlyList<string> Files);

    public static IReadOnlyList<ReportEntry> List(string dir)
    {
        if (!Directory.Exists(dir))
        {
            return [];
        }

        return new DirectoryInfo(dir).EnumerateDirectories()
            .Where(d => !d.Name.StartsWith('.'))
            .Select(d => new ReportEntry(d.Name, new DateTimeOffset(d.LastWriteTimeUtc, TimeSpan.Zero),
                d.EnumerateFiles("*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f.FullName).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList()))
            .OrderByDescending(e => e.WrittenAt)
            .ToList();
    }

    /// <summary>The full path of a file inside the reports folder, or null when the path escapes it or does not exist.</summary>
    public static string? Resolve(string dir, string relative)
    {
        var root = Path.GetFullPath(dir) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(root, relative));
        return full.StartsWith(root, StringComparison.Ordinal) && File.Exists(full) ? full : null;
    }
}
