using System.ClientModel;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Marketing.Llm;

public sealed partial class LlmClient
{
    private ChatOptions BuildChatOptions(LlmRequest request, string purpose)
    {
        var options = new ChatOptions
        {
            Temperature = request.Temperature,
            MaxOutputTokens = request.MaxOutputTokens > 0 ? request.MaxOutputTokens : null,
        };
        if (request.JsonSchema is null)
        {
            return options;
        }

        JsonElement schema;
        try
        {
            using var doc = JsonDocument.Parse(request.JsonSchema);
            schema = doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            // A broken schema is a bug in the caller, not a provider failure: say so rather than retrying.
            throw new ArgumentException($"LlmRequest.JsonSchema for '{purpose}' is not valid JSON: {ex.Message}", nameof(request), ex);
        }

        options.ResponseFormat = _options.ResponseFormat.Trim().ToLowerInvariant() switch
        {
            "json-object" => ChatResponseFormat.Json,
            "none" => null,
            _ => ChatResponseFormat.ForJsonSchema(schema, SchemaName(purpose), $"Answer for {purpose}"),
        };
        return options;
    }

    private async Task<AttemptOutcome> AttemptAsync(List<ChatMessage> messages, ChatOptions chatOptions, LlmRequest request, string model, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.AttemptTimeoutSeconds));
        ChatResponse response;
        try
        {
            response = await _chat.GetResponseAsync(messages, chatOptions, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return AttemptOutcome.Failure("timeout", $"no answer within {_options.AttemptTimeoutSeconds:0.###} s");
        }
        catch (ClientResultException ex)
        {
            return Classify(ex);
        }
        catch (HttpRequestException ex)
        {
            return AttemptOutcome.Failure("transport", Safe(OneLine(ex.Message)));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The SDK could not read the body (garbage, truncated JSON, wrong shape).
            return AttemptOutcome.Failure("malformed-response", $"{ex.GetType().Name}: {Safe(OneLine(ex.Message))}");
        }

        var answerModel = string.IsNullOrWhiteSpace(response.ModelId) ? model : response.ModelId;
        var input = response.Usage?.InputTokenCount ?? 0;
        var output = response.Usage?.OutputTokenCount ?? 0;
        var text = response.Text;
        if (string.IsNullOrWhiteSpace(text))
        {
            return AttemptOutcome.Failure("empty-answer", "the answer had no text", model: answerModel, input: input, output: output);
        }

        if (request.JsonSchema is not null)
        {
            if (ExtractJson(text) is not { } json)
            {
                var cut = response.FinishReason == ChatFinishReason.Length ? " (cut off at the output token limit)" : "";
                return AttemptOutcome.Failure("malformed-json", $"the answer is not valid JSON{cut}", model: answerModel, input: input, output: output);
            }

            if (AnswerSchema.Check(request.JsonSchema, json) is { } mismatch)
            {
                return AttemptOutcome.Failure("schema-mismatch", $"the answer does not match the schema: {Safe(mismatch)}", model: answerModel, input: input, output: output);
            }

            text = json;
        }

        return new AttemptOutcome(text, answerModel, input, output);
    }

    private AttemptOutcome Classify(ClientResultException ex)
    {
        var status = ex.Status;
        // The SDK's message is "HTTP 500 (type: code)" then the server's error text: useful, and redacted in case it echoes the key.
        var message = Safe(OneLine(ex.Message));
        if (!message.StartsWith("HTTP ", StringComparison.Ordinal))
        {
            message = $"HTTP {status} {message}";
        }

        return status switch
        {
            429 => AttemptOutcome.Failure("rate-limited", message, retryAfter: RetryAfter(ex)),
            408 or >= 500 => AttemptOutcome.Failure("server-error", message, retryAfter: RetryAfter(ex)),
            0 => AttemptOutcome.Failure("transport", message),
            401 or 403 => AttemptOutcome.Failure("unauthorized", $"{message} (check MKT_LLM_API_KEY)", retryable: false),
            404 => AttemptOutcome.Failure("not-found", $"{message} (check MKT_LLM_ENDPOINT, which must include /v1, and MKT_LLM_MODEL)", retryable: false),
            _ => AttemptOutcome.Failure("rejected", message, retryable: false),
        };
    }

    /// <summary>Retry-After in seconds or as an HTTP date, or OpenAI's retry-after-ms; null when absent or unreadable.</summary>
    private static TimeSpan? RetryAfter(ClientResultException ex)
    {
        var headers = ex.GetRawResponse()?.Headers;
        if (headers is null)
        {
            return null;
        }

        if (headers.TryGetValue("retry-after-ms", out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        if (headers.TryGetValue("Retry-After", out var value) && value is not null)
        {
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
            {
                var wait = when - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        return null;
    }

    /// <summary>
    /// The JSON in an answer: the whole text, or the inside of a ```json fence (local models often add one).
    /// Null when it is not a complete JSON object or array.
    /// </summary>
    internal static string? ExtractJson(string text)
    {
        var candidate = text.Trim();
        var fenced = CodeFence().Match(candidate);
        if (fenced.Success)
        {
            candidate = fenced.Groups["body"].Value.Trim();
        }

        if (candidate.Length == 0 || (candidate[0] != '{' && candidate[0] != '['))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(candidate);
            return candidate;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private string Safe(string? text) => _options.ApiKey.Redact(text);

    private static string OneLine(string text)
    {
        var line = string.Join(" ", text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length > 300 ? line[..300] + "…" : line;
    }

    private static string SchemaName(string purpose)
    {
        var name = InvalidSchemaNameChars().Replace(purpose, "_");
        return name.Length > 64 ? name[..64] : name.Length == 0 ? "answer" : name;
    }

    [GeneratedRegex(@"^```(?:json|JSON)?\s*\n(?<body>[\s\S]*?)\n?```$")]
    private static partial Regex CodeFence();

    [GeneratedRegex("[^a-zA-Z0-9_-]")]
    private static partial Regex InvalidSchemaNameChars();
}
