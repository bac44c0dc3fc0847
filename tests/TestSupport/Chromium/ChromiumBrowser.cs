using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Marketing.TestSupport.Chromium;

/// <summary>
/// A headless Chromium driven over the DevTools protocol, without Playwright (whose package is 786 MB). It starts
/// the binary with a fresh profile and a random debugging port, reads the port from DevToolsActivePort, and on
/// dispose closes the pages, kills the whole process tree and deletes the profile. Networking features that phone
/// home (component updates, sync, QUIC) are off, so a page's own requests are the only ones a test sees.
/// </summary>
public sealed class ChromiumBrowser : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profileDir;
    private readonly List<ChromiumPage> _pages = [];
    private readonly List<string> _stderr = [];

    private ChromiumBrowser(Process process, string profileDir, ChromiumOptions options)
    {
        _process = process;
        _profileDir = profileDir;
        Options = options;
    }

    /// <summary>The DevTools port Chromium picked (it was started with port 0).</summary>
    public int Port { get; private set; }

    public ChromiumOptions Options { get; }

    /// <summary>The browser's stderr so far, for failure messages.</summary>
    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return string.Join('\n', _stderr.TakeLast(40));
            }
        }
    }

    public static async Task<ChromiumBrowser> LaunchAsync(ChromiumOptions options, CancellationToken ct = default)
    {
        if (!File.Exists(options.ExecutablePath))
        {
            throw new CdpException($"Chromium not found at {options.ExecutablePath} ({ChromiumOptions.Variable}). Install it with 'apt-get install -y chromium'.");
        }

        var profile = Path.Combine(Path.GetTempPath(), "mkt-chromium-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(profile);
        var psi = new ProcessStartInfo(options.ExecutablePath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--no-default-browser-check",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
                     "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
                     $"--window-size={options.WindowWidth},{options.WindowHeight}",
                     $"--user-data-dir={profile}", "--remote-debugging-port=0",
                 }.Concat(options.ExtraArguments).Append("about:blank"))
        {
            psi.ArgumentList.Add(arg);
        }

        var process = Process.Start(psi) ?? throw new CdpException($"Could not start {options.ExecutablePath}.");
        var browser = new ChromiumBrowser(process, profile, options);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (browser._stderr)
                {
                    browser._stderr.Add(line);
                }
            }
        };
        process.BeginErrorReadLine();
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        try
        {
            browser.Port = await WaitForPortAsync(profile, process, options.Timeout, ct);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    private static async Task<int> WaitForPortAsync(string profile, Process process, TimeSpan timeout, CancellationToken ct)
    {
        var file = Path.Combine(profile, "DevToolsActivePort");
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < timeout)
        {
            ct.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new CdpException($"Chromium exited with code {process.ExitCode} before opening its debugging port.");
            }

            if (File.Exists(file))
            {
                var lines = await File.ReadAllLinesAsync(file, ct);
                if (lines.Length > 0 && int.TryParse(lines[0], out var port) && port > 0)
                {
                    return port;
                }
            }

            await Task.Delay(50, ct);
        }

        throw new CdpException($"Chromium did not write {file} within {timeout.TotalSeconds:0} s.");
    }

    /// <summary>Opens a new blank tab and connects to it, with network, console and dialog recording on.</summary>
    public async Task<ChromiumPage> NewPageAsync(CancellationToken ct = default)
    {
        using var http = new HttpClient { Timeout = Options.Timeout };
        // /json/new needs PUT on current Chromium.
        using var response = await http.PutAsync($"http://127.0.0.1:{Port}/json/new?about:blank", null, ct);
        response.EnsureSuccessStatusCode();
        var target = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var ws = target.GetProperty("webSocketDebuggerUrl").GetString() ?? throw new CdpException("The new tab has no WebSocket URL.");
        var session = await CdpSession.ConnectAsync(new Uri(ws), Options.Timeout, ct);
        var page = await ChromiumPage.AttachAsync(session, Options.Timeout, ct);
        _pages.Add(page);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var p in _pages)
        {
            await p.DisposeAsync();
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or it would not die in time: nothing more a test can do.
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_profileDir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
