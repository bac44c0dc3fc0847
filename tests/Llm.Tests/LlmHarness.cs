using Marketing.Core.Storage;
using Marketing.TestSupport;
using Microsoft.Extensions.Logging;

namespace Marketing.Llm.Tests;

/// <summary>A fake chat server plus an <see cref="LlmClient"/> pointed at it, with fast retry settings and captured logs and delays.</summary>
public sealed class LlmHarness : IAsyncDisposable
{
    public const string ApiKey = "sk-test-SECRET-0123456789abcdef";

    private LlmHarness(FakeChatServer server, LlmOptions options, CapturingLoggerProvider logs, ILoggerFactory loggerFactory, LlmClient client, ManualTimeProvider clock)
    {
        Server = server;
        Options = options;
        Logs = logs;
        LoggerFactory = loggerFactory;
        Client = client;
        Clock = clock;
        client.Sleep = (delay, ct) =>
        {
            lock (Delays)
            {
                Delays.Add(delay);
            }

            return Task.CompletedTask;
        };
    }

    public FakeChatServer Server { get; }

    public LlmOptions Options { get; }

    public CapturingLoggerProvider Logs { get; }

    public ILoggerFactory LoggerFactory { get; }

    public LlmClient Client { get; }

    public ManualTimeProvider Clock { get; }

    /// <summary>The backoff waits the client asked for, in order (not slept: tests never wait on a clock).</summary>
    public List<TimeSpan> Delays { get; } = [];

    // The first request in a process pays for JIT and HTTP setup (seconds on a loaded 2-core machine); paying it once
    // here keeps short per-attempt timeouts in tests about the server, not about the runtime warming up.
    private static readonly Lazy<Task> WarmUp = new(async () =>
    {
        await using var server = await FakeChatServer.StartAsync();
        server.DefaultReply = FakeChatServerReply.Json(new { label = "neutral" });
        using var client = (LlmClient)LlmClientFactory.Create(Configure(server, o => o.AttemptTimeoutSeconds = 120));
        await client.CompleteAsync(Request("warm-up", LabelSchema));
    });

    public static async Task<LlmHarness> StartAsync(Action<LlmOptions>? configure = null, IPostStore? store = null, FakeChatServer? server = null)
    {
        await WarmUp.Value;
        server ??= await FakeChatServer.StartAsync();
        var options = Configure(server, configure);
        var logs = new CapturingLoggerProvider();
        var loggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var clock = new ManualTimeProvider();
        var client = (LlmClient)LlmClientFactory.Create(options, loggerFactory, store, clock);
        return new LlmHarness(server, options, logs, loggerFactory, client, clock);
    }

    public static LlmOptions Configure(FakeChatServer server, Action<LlmOptions>? configure = null)
    {
        var options = new LlmOptions
        {
            Endpoint = server.Endpoint,
            Model = "fake-model",
            ApiKey = new LlmSecret(ApiKey),
            AttemptTimeoutSeconds = 30,
            MaxRetries = 3,
            RetryBaseDelaySeconds = 0.01,
            RetryMaxDelaySeconds = 0.05,
            MaxRetryAfterSeconds = 10,
            BreakerFailureThreshold = 50,
            BreakerCooldownSeconds = 30,
        };
        configure?.Invoke(options);
        return options;
    }

    public static LlmRequest Request(string user = "Say ok", string? schema = null, string purpose = "test") =>
        new(purpose, "You are a test assistant.", user, schema);

    public const string LabelSchema = """{"type":"object","properties":{"label":{"type":"string","enum":["negative","neutral","positive"]}},"required":["label"],"additionalProperties":false}""";

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        LoggerFactory.Dispose();
        await Server.DisposeAsync();
    }
}
