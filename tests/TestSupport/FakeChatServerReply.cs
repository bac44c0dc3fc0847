using System.Text.Json;

namespace Marketing.TestSupport;

/// <summary>One scripted answer of <see cref="FakeChatServer"/>: a chat completion, an HTTP error, garbage, or a hang.</summary>
public sealed record FakeChatServerReply
{
    public int Status { get; init; } = 200;

    public string Body { get; init; } = "";

    public string ContentType { get; init; } = "application/json";

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Wait before answering (lets tests hold several requests in flight at once).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Never answer: the request stays open until the client gives up or the server stops.</summary>
    public bool Hang { get; init; }

    /// <summary>A normal chat completion whose message content is <paramref name="content"/>, with a usage block.</summary>
    public static FakeChatServerReply Content(string content, int promptTokens = 12, int completionTokens = 6, string model = "fake-model", string finishReason = "stop") =>
        new()
        {
            Body = JsonSerializer.Serialize(new
            {
                id = "chatcmpl-fake",
                @object = "chat.completion",
                created = 1_700_000_000,
                model,
                choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = finishReason } },
                usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
            }),
        };

    /// <summary>A completion whose content is <paramref name="value"/> serialized as JSON.</summary>
    public static FakeChatServerReply Json(object value, int promptTokens = 12, int completionTokens = 6) =>
        Content(JsonSerializer.Serialize(value), promptTokens, completionTokens);

    /// <summary>An OpenAI-style error body with the given status, optionally with a Retry-After header.</summary>
    public static FakeChatServerReply Error(int status, string? retryAfter = null, string message = "fake server error") =>
        new()
        {
            Status = status,
            Body = JsonSerializer.Serialize(new { error = new { message, type = "server_error", code = status.ToString(System.Globalization.CultureInfo.InvariantCulture) } }),
            Headers = retryAfter is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Retry-After"] = retryAfter },
        };

    public static FakeChatServerReply RateLimited(string retryAfter = "1") => Error(429, retryAfter, "Rate limit reached");

    public static FakeChatServerReply Hanging() => new() { Hang = true };

    /// <summary>HTTP 200 with a body that is not JSON at all.</summary>
    public static FakeChatServerReply Garbage(string body = "<html><body>502 Bad Gateway (proxy)</body></html>") =>
        new() { Body = body, ContentType = "text/html" };

    /// <summary>HTTP 200 with a chat-completion body cut off mid-way (a dropped connection behind a proxy).</summary>
    public static FakeChatServerReply TruncatedBody()
    {
        var full = Content("{\"label\":\"positive\"}").Body;
        return new() { Body = full[..(full.Length / 2)] };
    }

    public FakeChatServerReply WithDelay(TimeSpan delay) => this with { Delay = delay };
}
