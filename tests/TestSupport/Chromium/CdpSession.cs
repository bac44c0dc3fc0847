using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Marketing.TestSupport.Chromium;

/// <summary>
/// One DevTools protocol connection (a page target's WebSocket): numbered calls matched to their replies, and events
/// dispatched to subscribers from a background receive loop. Every call is bounded by the timeout.
/// </summary>
public sealed class CdpSession : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly TimeSpan _timeout;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly ConcurrentDictionary<string, List<Action<JsonElement>>> _handlers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Task _receiveLoop;
    private int _nextId;

    private CdpSession(ClientWebSocket socket, TimeSpan timeout)
    {
        _socket = socket;
        _timeout = timeout;
        _receiveLoop = Task.Run(ReceiveLoopAsync);
    }

    public static async Task<CdpSession> ConnectAsync(Uri webSocketUrl, TimeSpan timeout, CancellationToken ct = default)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(webSocketUrl, cts.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            socket.Dispose();
            throw new CdpException($"Cannot connect to the DevTools socket {webSocketUrl}: {ex.Message}", ex);
        }

        return new CdpSession(socket, timeout);
    }

    /// <summary>Subscribes to a protocol event such as <c>Network.requestWillBeSent</c>; the handler gets its params.</summary>
    public void On(string eventName, Action<JsonElement> handler)
    {
        var list = _handlers.GetOrAdd(eventName, _ => []);
        lock (list)
        {
            list.Add(handler);
        }
    }

    /// <summary>Calls a protocol method and returns its result, or throws <see cref="CdpException"/> on error or timeout.</summary>
    public async Task<JsonElement> SendAsync(string method, object? parameters = null, CancellationToken ct = default)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters is null ? new JsonObject() : JsonSerializer.SerializeToNode(parameters) };
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct, _stop.Token);
        cts.CancelAfter(_timeout);
        try
        {
            await _sendLock.WaitAsync(cts.Token);
            try
            {
                await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, cts.Token);
            }
            finally
            {
                _sendLock.Release();
            }

            return await reply.Task.WaitAsync(cts.Token);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new CdpException($"{method} got no reply within {_timeout.TotalSeconds:0} s.", ex);
        }
        catch (WebSocketException ex)
        {
            throw new CdpException($"{method} failed: the DevTools socket closed ({ex.Message}).", ex);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                Dispatch(message.ToArray());
                message.SetLength(0);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The browser closed or we are disposing; pending calls are failed below.
        }

        foreach (var p in _pending.Values)
        {
            p.TrySetException(new CdpException("The DevTools connection closed before the reply arrived."));
        }
    }

    private void Dispatch(byte[] json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (root.TryGetProperty("id", out var idElement) && idElement.TryGetInt32(out var id))
        {
            if (_pending.TryGetValue(id, out var reply))
            {
                if (root.TryGetProperty("error", out var error))
                {
                    reply.TrySetException(new CdpException($"DevTools error: {error.GetRawText()}"));
                }
                else
                {
                    reply.TrySetResult(root.TryGetProperty("result", out var r) ? r.Clone() : default);
                }
            }

            return;
        }

        if (root.TryGetProperty("method", out var method) && method.GetString() is { } name && _handlers.TryGetValue(name, out var handlers))
        {
            var parameters = root.TryGetProperty("params", out var p) ? p.Clone() : default;
            Action<JsonElement>[] snapshot;
            lock (handlers)
            {
                snapshot = handlers.ToArray();
            }

            foreach (var h in snapshot)
            {
                h(parameters);
            }
        }
    }

    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        // A page disposed by its test is disposed again by its browser: the second call does nothing.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Closing is best effort: the browser process is killed next anyway.
        }

        await _receiveLoop.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        _socket.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
    }
}
