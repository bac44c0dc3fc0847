using System.Diagnostics;
using System.Text;
using NUnit.Framework;

namespace Marketing.TestSupport;

/// <summary>
/// <c>mkt</c> as a child process (the build output of src/Cli, built first through a project reference), so a test can
/// kill a consumer hard or stop it with SIGTERM.
/// </summary>
public sealed class MktProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private MktProcess(Process process)
    {
        _process = process;
    }

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
        var mkt = new MktProcess(process);
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
            Assert.Fail($"mkt did not exit within {timeout.TotalSeconds} s.\nstderr:\n{Tail(Stderr)}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public static string Tail(string text, int lines = 30) => string.Join('\n', text.Split('\n').TakeLast(lines));

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
