using System.Net;
using System.Net.Sockets;

namespace Marketing.System.Tests;

/// <summary>
/// A loopback TCP proxy in front of a server (PostgreSQL). <see cref="GoDown"/> drops every open connection and,
/// until <see cref="ComeBack"/>, closes each new one at once: what clients see when the server is stopped (its port
/// still answers, as a restarting container or a load balancer does, but nothing is served).
/// </summary>
internal sealed class TcpOutageProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<TcpClient> _open = [];
    private readonly Task _accepting;
    private volatile bool _down;
    private int _refused;

    public TcpOutageProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener.Start();
        _accepting = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections refused while down.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public void GoDown()
    {
        _down = true;
        lock (_gate)
        {
            foreach (var c in _open)
            {
                c.Client.LingerState = new LingerOption(true, 0); // RST, as a killed server's kernel sends
                c.Dispose();
            }

            _open.Clear();
        }
    }

    public void ComeBack() => _down = false;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        GoDown();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (_down)
            {
                Interlocked.Increment(ref _refused);
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                continue;
            }

            _ = Task.Run(() => PipeAsync(client));
        }
    }

    private async Task PipeAsync(TcpClient client)
    {
        // No Nagle: PostgreSQL's protocol is small request/response messages, which Nagle + delayed ACKs would hold
        // back 40 ms each.
        client.NoDelay = true;
        var server = new TcpClient { NoDelay = true };
        try
        {
            await server.ConnectAsync(_targetHost, _targetPort, _stop.Token);
            lock (_gate)
            {
                _open.Add(client);
                _open.Add(server);
            }

            var a = client.GetStream();
            var b = server.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, _stop.Token), b.CopyToAsync(a, _stop.Token));
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The outage (or the end of the test) cut it: the client sees a broken connection.
        }
        finally
        {
            lock (_gate)
            {
                _open.Remove(client);
                _open.Remove(server);
            }

            client.Dispose();
            server.Dispose();
        }
    }
}
