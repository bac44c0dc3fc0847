using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace Marketing.TestSupport;

/// <summary>
/// <c>mkt</c> as a child process (the build output of src/Cli, built first through a project reference), so a test can
/// kill a consumer hard or stop it with SIGTERM.
/// </summary>
public sealed partial class MktProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private MktProcess(Process process, string command)
    {
        _process = process;
        Command = command;
    }

    /// <summary>The mkt arguments, for failure messages (which child hung).</summary>
    public string Command { get; }

    public static string MktDll
    {
        get
        {
            // Same configuration as this test assembly (bin/Debug or bin/Release).
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            var dll = Path.Combine(TestPaths.RepoRoot, "src", "Cli", "bin", configuration, "net10.0", "mkt.dll");
            if (!File.Exists(dll))
            {
                Assert.Fail($"{dll} is missing: build src/Cli (a test project that starts mkt references src/Cli, so building it builds mkt).");
            }

            return dll;
        }
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static MktProcess Start(string workDir, params string[] args) => Start(workDir, null, args);

    public static MktProcess Start(string workDir, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workDir,
        };
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        psi.ArgumentList.Add(MktDll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        var process = new Process { StartInfo = psi };
        var mkt = new MktProcess(process, "mkt " + string.Join(' ', args));
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (mkt._stdout)
                {
                    mkt._stdout.AppendLine(e.Data);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (mkt._stderr)
                {
                    mkt._stderr.AppendLine(e.Data);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return mkt;
    }

    /// <summary>SIGKILL: no shutdown code runs, as when a container or machine dies.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM: what docker stop and systemd send.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(global::System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"{Command} (pid {_process.Id}) did not exit within {timeout.TotalSeconds} s.\nstderr:\n{Tail(Stderr)}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>
    /// The last lines of a child's output, with its progress lines (<c>consume: 3,916 messages, … (71 msg/s)</c>)
    /// collapsed to the newest one, so the log lines that explain a hang are not pushed out by them.
    /// </summary>
    public static string Tail(string text, int lines = 40)
    {
        var all = text.Split('\n');
        var lastProgress = Array.FindLastIndex(all, l => ProgressLine().IsMatch(l));
        return string.Join('\n', all.Where((l, i) => i == lastProgress || !ProgressLine().IsMatch(l)).TakeLast(lines));
    }

    [GeneratedRegex(@"^[a-z-]+: [\d,]+ .*\([\d,.]+ [a-z]+/s\)(; .*)?\s*$")]
    private static partial Regex ProgressLine();

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
