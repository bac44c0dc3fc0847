using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Marketing.Bench;

/// <summary>
/// Where a run's CPU went, by thread kind (Linux only): user + sys of this process's threads from /proc/self/task,
/// grouped by thread name with digits dropped (rdk:broker1..3 are one kind), and the process's context switches from
/// getrusage. Threads that ended during the run (a writer thread per batch) are not in /proc any more: their time
/// shows as "ended threads" (the process total less the live threads).
/// </summary>
internal sealed partial class ThreadCpu
{
    private readonly Dictionary<int, (string Name, long Ticks)> _threads;
    private readonly long _processTicks;
    private readonly long _voluntary;
    private readonly long _involuntary;

    private ThreadCpu(Dictionary<int, (string, long)> threads, long processTicks, long voluntary, long involuntary)
    {
        _threads = threads;
        _processTicks = processTicks;
        _voluntary = voluntary;
        _involuntary = involuntary;
    }

    public static ThreadCpu? Take()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var threads = new Dictionary<int, (string, long)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var tid = int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture);
                var name = File.ReadAllText(Path.Combine(dir, "comm")).Trim();
                threads[tid] = (name, Ticks(File.ReadAllText(Path.Combine(dir, "stat"))));
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }

        var usage = default(RUsage);
        try
        {
            _ = GetRUsage(0, ref usage);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // No context switch counts then; the CPU by thread still holds.
        }

        return new ThreadCpu(threads, Ticks(File.ReadAllText("/proc/self/stat")), usage.VoluntarySwitches, usage.InvoluntarySwitches);
    }

    /// <summary>One line: CPU seconds by thread kind since <paramref name="before"/>, largest first, and context switches per post.</summary>
    public static string Since(ThreadCpu? before, long posts)
    {
        var now = Take();
        if (before is null || now is null)
        {
            return "";
        }

        var hz = 100.0;
        var kinds = new Dictionary<string, long>(StringComparer.Ordinal);
        long live = 0;
        foreach (var (tid, (name, ticks)) in now._threads)
        {
            var delta = ticks - (before._threads.TryGetValue(tid, out var b) && b.Name == name ? b.Ticks : 0);
            var kind = Digits().Replace(name, "");
            kinds[kind] = kinds.GetValueOrDefault(kind) + delta;
            live += delta;
        }

        kinds["ended threads"] = Math.Max(0, now._processTicks - before._processTicks - live);
        var parts = kinds.Where(k => k.Value > 0).OrderByDescending(k => k.Value)
            .Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Key} {k.Value / hz:0.00}"));
        var switches = string.Create(CultureInfo.InvariantCulture, $"context switches/post: voluntary {(now._voluntary - before._voluntary) / (double)posts:0.000}, involuntary {(now._involuntary - before._involuntary) / (double)posts:0.000}");
        return "CPU s by thread: " + string.Join(", ", parts) + "; " + switches;
    }

    /// <summary>utime + stime (fields 14 and 15) of a stat line; the name in parentheses may hold spaces.</summary>
    private static long Ticks(string stat)
    {
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSec, UserUsec, SysSec, SysUsec;
        public long MaxRss, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals;
        public long VoluntarySwitches, InvoluntarySwitches;
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRUsage(int who, ref RUsage usage);
}
