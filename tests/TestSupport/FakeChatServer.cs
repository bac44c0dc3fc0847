using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.TestSupport;

/// <summary>
/// A loopback HTTP server (Kestrel, in-process, 127.0.0.1 on a free port) speaking the OpenAI chat-completions
/// protocol, for LLM tests without a network or a model. Each request takes the next scripted reply
/// (<see cref="Enqueue"/>), else <see cref="Responder"/>, else <see cref="DefaultReply"/>. Every request is recorded
/// with its headers and body, and the peak number of requests in flight is tracked.
/// </summary>
public sealed class FakeChatServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<FakeChatServerReply> _script = new();
    private readonly ConcurrentQueue<FakeChatServerRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private int _inFlight;
    private int _maxInFlight;
    private int _disposed;

    private FakeChatServer()
    {
    }

    /// <summary>Base URL including <c>/v1</c>, as an OpenAI-compatible endpoint is configured.</summary>
    public string Endpoint { get; private set; } = "";

    /// <summary><c>http://127.0.0.1:PORT</c>, without <c>/v1</c> (for Azure-style resource URLs).</summary>
    public string Root { get; private set; } = "";

    public FakeChatServerReply DefaultReply { get; set; } = FakeChatServerReply.Content("ok");

    /// <summary>Computes a reply from the request when the script is empty; return null for <see cref="DefaultReply"/>.</summary>
    public Func<FakeChatServerRequest, FakeChatServerReply?>? Responder { get; set; }

    public IReadOnlyList<FakeChatServerRequest> Requests => _requests.ToList();

    public int RequestCount => _requests.Count;

    /// <summary>The most requests that were being handled at the same moment.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public static async Task<FakeChatServer> StartAsync(CancellationToken ct = default)
    {
        var server = new FakeChatServer();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        ((IApplicationBuilder)app).Run(server.HandleAsync);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server._app = app;
        server.Root = address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        server.Endpoint = server.Root + "/v1";
        return server;
    }

    /// <summary>Replies for the next requests, in order.</summary>
    public void Enqueue(params FakeChatServerReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var now = Interlocked.Increment(ref _inFlight);
        try
        {
            int seen;
            while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
            {
            }

            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var request = new FakeChatServerRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", headers, body);
            _requests.Enqueue(request);

            var reply = _script.TryDequeue(out var scripted) ? scripted : Responder?.Invoke(request) ?? DefaultReply;
            using var abort = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            try
            {
                if (reply.Hang)
                {
                    await Task.Delay(Timeout.Infinite, abort.Token);
                }

                if (reply.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(reply.Delay, abort.Token);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = reply.ContentType;
            foreach (var (name, value) in reply.Headers)
            {
                context.Response.Headers[name] = value;
            }

            await context.Response.WriteAsync(reply.Body, abort.Token);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
