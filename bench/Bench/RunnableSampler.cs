namespace Marketing.Bench;

/// <summary>
/// How many of this process's threads want a core, sampled every few milliseconds from /proc/self/task (Linux only):
/// a thread in state R is running or waiting for a core. Unlike wall rates this holds under load: a pipeline that
/// keeps two cores busy on an idle 2-core machine has at least two threads runnable in (nearly) every sample, and the
/// share of samples with fewer is the share of time it would leave a core idle. <c>mkt-bench ingest --runnable</c>.
/// </summary>
internal sealed class RunnableSampler : IDisposable
{
    private readonly Thread _thread;
    private readonly int _periodMs;
    private readonly long[] _histogram = new long[4];
    private volatile bool _stop;
    private int _selfTid;

    public RunnableSampler(int periodMs = 5)
    {
        _periodMs = periodMs;
        _thread = new Thread(Run) { IsBackground = true, Name = "runnable sampler" };
    }

    public void Start()
    {
        Array.Clear(_histogram);
        if (OperatingSystem.IsLinux())
        {
            _thread.Start();
        }
    }

    /// <summary>Stops sampling; returns "runnable threads: mean M; 0: a%, 1: b%, 2: c%, 3+: d% of N samples".</summary>
    public string Stop()
    {
        _stop = true;
        if (_thread.IsAlive)
        {
            _thread.Join();
        }

        var total = _histogram.Sum();
        if (total == 0)
        {
            return "runnable threads: not sampled";
        }

        var mean = (_histogram[1] + 2.0 * _histogram[2] + 3.0 * _histogram[3]) / total;
        string Pct(int i) => $"{100.0 * _histogram[i] / total:0.0}%";
        return $"runnable threads (3+ counted as 3): mean {mean:0.00}; 0: {Pct(0)}, 1: {Pct(1)}, 2: {Pct(2)}, 3+: {Pct(3)} of {total:N0} samples";
    }

    public void Dispose()
    {
        _stop = true;
    }

    private void Run()
    {
        _selfTid = GetTid();
        var buffer = new byte[512];
        while (!_stop)
        {
            var runnable = 0;
            foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                if (int.TryParse(Path.GetFileName(task), out var tid) && tid == _selfTid)
                {
                    continue;
                }

                try
                {
                    using var f = new FileStream(Path.Combine(task, "stat"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
                    var n = f.Read(buffer, 0, buffer.Length);
                    // The state is the character after the ") " that closes the thread's name.
                    var close = Array.LastIndexOf(buffer, (byte)')', Math.Max(0, n - 1));
                    if (close > 0 && close + 2 < n && buffer[close + 2] == (byte)'R')
                    {
                        runnable++;
                    }
                }
                catch (IOException)
                {
                    // A thread that ended while being read.
                }
            }

            _histogram[Math.Min(3, runnable)]++;
            Thread.Sleep(_periodMs);
        }
    }

    private static int GetTid()
    {
        // /proc/thread-self names the calling thread's task directory.
        var target = new DirectoryInfo("/proc/thread-self").LinkTarget;
        return target is not null && int.TryParse(Path.GetFileName(target), out var tid) ? tid : 0;
    }
}
