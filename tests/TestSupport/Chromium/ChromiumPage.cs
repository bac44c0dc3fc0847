using System.Collections.Concurrent;
using System.Text.Json;

namespace Marketing.TestSupport.Chromium;

/// <summary>
/// One tab. Records every request URL (Network.requestWillBeSent), console calls, uncaught exceptions and JavaScript
/// dialogs (dismissed at once so a page cannot block), which is how tests prove a page made no request and ran no script.
/// </summary>
public sealed class ChromiumPage : IAsyncDisposable
{
    private readonly CdpSession _session;
    private readonly TimeSpan _timeout;
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<string> _console = new();
    private readonly ConcurrentQueue<string> _exceptions = new();
    private readonly ConcurrentQueue<string> _dialogs = new();
    private TaskCompletionSource _load = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChromiumPage(CdpSession session, TimeSpan timeout)
    {
        _session = session;
        _timeout = timeout;
    }

    /// <summary>URLs of every request the page made, the document itself included, in order.</summary>
    public IReadOnlyList<string> Requests => _requests.ToArray();

    /// <summary>console.* calls as "type: text".</summary>
    public IReadOnlyList<string> ConsoleMessages => _console.ToArray();

    public IReadOnlyList<string> Exceptions => _exceptions.ToArray();

    /// <summary>alert/confirm/prompt messages the page tried to show.</summary>
    public IReadOnlyList<string> Dialogs => _dialogs.ToArray();

    internal static async Task<ChromiumPage> AttachAsync(CdpSession session, TimeSpan timeout, CancellationToken ct)
    {
        var page = new ChromiumPage(session, timeout);
        session.On("Network.requestWillBeSent", p => page._requests.Enqueue(p.GetProperty("request").GetProperty("url").GetString() ?? ""));
        session.On("Runtime.consoleAPICalled", p => page._console.Enqueue(p.GetProperty("type").GetString() + ": " +
            string.Join(' ', p.GetProperty("args").EnumerateArray().Select(a => a.TryGetProperty("value", out var v) ? v.ToString() : a.TryGetProperty("description", out var d) ? d.GetString() : "?"))));
        session.On("Runtime.exceptionThrown", p => page._exceptions.Enqueue(p.GetProperty("exceptionDetails").GetRawText()));
        session.On("Page.loadEventFired", _ => page._load.TrySetResult());
        session.On("Page.javascriptDialogOpening", p =>
        {
            page._dialogs.Enqueue(p.GetProperty("message").GetString() ?? "");
            // Fire and forget: awaiting inside the receive loop would deadlock it.
            _ = session.SendAsync("Page.handleJavaScriptDialog", new { accept = false });
        });
        await session.SendAsync("Page.enable", ct: ct);
        await session.SendAsync("Runtime.enable", ct: ct);
        await session.SendAsync("Network.enable", ct: ct);
        return page;
    }

    /// <summary>Navigates and waits for the load event.</summary>
    public async Task NavigateAsync(string url, CancellationToken ct = default)
    {
        _load = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var result = await _session.SendAsync("Page.navigate", new { url }, ct);
        if (result.ValueKind == JsonValueKind.Object && result.TryGetProperty("errorText", out var error) && error.GetString() is { Length: > 0 } text)
        {
            throw new CdpException($"Navigating to {url} failed: {text}");
        }

        try
        {
            await _load.Task.WaitAsync(_timeout, ct);
        }
        catch (TimeoutException ex)
        {
            throw new CdpException($"{url} did not finish loading within {_timeout.TotalSeconds:0} s.", ex);
        }
    }

    /// <summary>Evaluates a JavaScript expression in the page and returns its JSON value.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression, CancellationToken ct = default)
    {
        var result = await _session.SendAsync("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true }, ct);
        if (result.TryGetProperty("exceptionDetails", out var ex))
        {
            throw new CdpException($"Evaluating '{expression}' threw: {ex.GetRawText()}");
        }

        return result.GetProperty("result").TryGetProperty("value", out var value) ? value.Clone() : default;
    }

    public async Task<string> EvaluateStringAsync(string expression, CancellationToken ct = default) =>
        (await EvaluateAsync(expression, ct)).GetString() ?? "";

    /// <summary>Captures the page as PNG; with <paramref name="fullPage"/>, the whole document rather than the viewport.</summary>
    public async Task<byte[]> ScreenshotAsync(string? path = null, bool fullPage = false, CancellationToken ct = default)
    {
        var result = await _session.SendAsync("Page.captureScreenshot", new { format = "png", captureBeyondViewport = fullPage }, ct);
        var png = Convert.FromBase64String(result.GetProperty("data").GetString() ?? "");
        if (path is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await File.WriteAllBytesAsync(path, png, ct);
        }

        return png;
    }

    public ValueTask DisposeAsync() => _session.DisposeAsync();
}
