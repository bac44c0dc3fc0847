using System.Collections.Concurrent;
using System.Diagnostics;
using Marketing.Core.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Marketing.Llm;

/// <summary>
/// <see cref="ILlmClient"/> over any <see cref="IChatClient"/> (normally an OpenAI-compatible endpoint built by
/// <see cref="LlmClientFactory"/>). Each request: cache lookup → budget and breaker checks (refusals send nothing) →
/// attempts under the concurrency limit, each with its own timeout → retries with exponential backoff and jitter
/// (Retry-After honoured up to a cap) on 429, 5xx, timeouts, transport errors and malformed JSON → accounting →
/// cache. When every attempt fails the caller gets <see cref="LlmUnavailableException"/> and uses its fallback.
/// </summary>
public sealed partial class LlmClient : ILlmClient, IDisposable
{
    private readonly IChatClient _chat;
    private readonly LlmOptions _options;
    private readonly ILogger _logger;
    private readonly CircuitBreaker _breaker;
    private readonly SemaphoreSlim _concurrency;
    private readonly LlmResponseCache _cache;
    private readonly Lock _accounting = new();
    private readonly ConcurrentDictionary<string, UsageCounters> _byPurpose = new(StringComparer.Ordinal);
    private readonly UsageCounters _total = new();
    private readonly ConcurrentDictionary<string, Task<LlmResponse>> _inFlight = new(StringComparer.Ordinal);

    public LlmClient(IChatClient chat, LlmOptions options, ILogger<LlmClient> logger, IPostStore? cacheStore = null, TimeProvider? time = null)
    {
        options.Validate();
        _chat = chat;
        _options = options;
        _logger = logger;
        _breaker = new CircuitBreaker(options.BreakerFailureThreshold, TimeSpan.FromSeconds(options.BreakerCooldownSeconds), time ?? TimeProvider.System);
        _concurrency = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
        _cache = new LlmResponseCache(options.PersistCache ? cacheStore : null, logger);
        // Built directly (tests, custom IChatClient) the client is online whatever Provider says; the factory decides offline.
        Provider = new LlmProviderInfo(LlmOptions.OpenAiCompatibleProvider, string.IsNullOrWhiteSpace(options.Model) ? LlmOptions.DefaultModel : options.Model.Trim(),
            LlmOptions.SafeUrl(string.IsNullOrWhiteSpace(options.Endpoint) ? LlmOptions.DefaultOpenAiEndpoint : options.Endpoint));
    }

    public LlmProviderInfo Provider { get; }

    public LlmUsage Usage
    {
        get
        {
            lock (_accounting)
            {
                return _total.Snapshot(_breaker.State);
            }
        }
    }

    /// <summary>The same counters split by <see cref="LlmRequest.Purpose"/> (sentiment, trend-label, copy...).</summary>
    public IReadOnlyDictionary<string, LlmUsage> UsageByPurpose
    {
        get
        {
            lock (_accounting)
            {
                var state = _breaker.State;
                return _byPurpose.ToDictionary(kv => kv.Key, kv => kv.Value.Snapshot(state), StringComparer.Ordinal);
            }
        }
    }

    public string BreakerState => _breaker.State;

    /// <summary>The wait between attempts; tests replace it to observe the computed delays instead of sleeping.</summary>
    internal Func<TimeSpan, CancellationToken, Task> Sleep { get; set; } = (delay, ct) => Task.Delay(delay, ct);

    internal Random Jitter { get; set; } = Random.Shared;

    public async Task<LlmResponse> CompleteAsync(LlmRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var purpose = string.IsNullOrWhiteSpace(request.Purpose) ? "unspecified" : request.Purpose.Trim();
        var chatOptions = BuildChatOptions(request, purpose);
        var model = Provider.Model;
        var key = LlmResponseCache.Key(model, request);

        if (_options.Cache && await _cache.GetAsync(key, ct) is { } hit)
        {
            Count(purpose, c => { c.CacheHits++; c.Answered++; });
            _logger.LogDebug("LLM {Purpose} {Model} cache hit {Key}", purpose, model, key[..12]);
            return new LlmResponse(hit.Text, true, hit.Model, hit.InputTokens, hit.OutputTokens);
        }

        if (!_options.Cache)
        {
            return await CallAsync(request, purpose, chatOptions, model, key, ct);
        }

        // Identical requests in flight at once share one call: the followers wait for the leader's answer and count it
        // as a cache hit, so a batch with duplicate texts costs one call per distinct prompt.
        while (true)
        {
            var mine = new TaskCompletionSource<LlmResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            var running = _inFlight.GetOrAdd(key, mine.Task);
            if (running != mine.Task)
            {
                try
                {
                    var shared = await running.WaitAsync(ct);
                    Count(purpose, c => { c.CacheHits++; c.Answered++; });
                    return shared with { FromCache = true };
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    // The leader was cancelled by its own caller, not by ours: try again, possibly as the leader.
                    continue;
                }
            }

            try
            {
                var answer = await CallAsync(request, purpose, chatOptions, model, key, ct);
                mine.SetResult(answer);
                return answer;
            }
            catch (OperationCanceledException)
            {
                mine.SetCanceled(CancellationToken.None);
                throw;
            }
            catch (Exception ex)
            {
                mine.SetException(ex);
                _ = mine.Task.Exception; // observed here; followers get the same exception
                throw;
            }
            finally
            {
                _inFlight.TryRemove(new KeyValuePair<string, Task<LlmResponse>>(key, mine.Task));
            }
        }
    }

    private async Task<LlmResponse> CallAsync(LlmRequest request, string purpose, ChatOptions chatOptions, string model, string key, CancellationToken ct)
    {
        List<ChatMessage> messages = [new(ChatRole.System, request.System), new(ChatRole.User, request.User)];
        string? lastFailure = null;
        for (var attempt = 1; attempt <= _options.MaxRetries + 1; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            if (!_breaker.TryAcquire())
            {
                Count(purpose, c => c.Refused++);
                var why = $"circuit breaker open after {_breaker.ConsecutiveFailures} consecutive failures; no call sent, next probe after {_options.BreakerCooldownSeconds:0.#} s";
                _logger.LogWarning("LLM {Purpose} refused: {Reason}", purpose, why);
                throw new LlmUnavailableException(lastFailure is null ? why : $"{why} (last failure: {lastFailure})");
            }

            // The call is counted when it is reserved, so parallel callers cannot all pass the check and overshoot the budget.
            if (TryReserveCall(purpose, attempt > 1) is { } budget)
            {
                _breaker.ReleaseProbe();
                _logger.LogWarning("LLM {Purpose} refused: {Reason}", purpose, budget);
                throw new LlmUnavailableException(lastFailure is null ? budget : $"{budget} (after: {lastFailure})");
            }

            AttemptOutcome outcome;
            try
            {
                await _concurrency.WaitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                _breaker.ReleaseProbe();
                throw;
            }

            var clock = Stopwatch.StartNew();
            try
            {
                outcome = await AttemptAsync(messages, chatOptions, request, model, ct);
            }
            catch (OperationCanceledException)
            {
                _breaker.ReleaseProbe();
                throw;
            }
            finally
            {
                _concurrency.Release();
            }

            clock.Stop();
            Count(purpose, c =>
            {
                c.InputTokens += outcome.InputTokens;
                c.OutputTokens += outcome.OutputTokens;
                c.CostUsd += Cost(outcome.InputTokens, outcome.OutputTokens);
            });

            if (outcome.Succeeded)
            {
                _breaker.RecordSuccess();
                Count(purpose, c => c.Answered++);
                _logger.LogInformation("LLM {Purpose} {Model} answered in {LatencyMs} ms, tokens {InputTokens}+{OutputTokens}, attempt {Attempt}, cache miss",
                    purpose, outcome.Model, clock.ElapsedMilliseconds, outcome.InputTokens, outcome.OutputTokens, attempt);
                if (_options.Cache)
                {
                    // Not cancellable: the answer is paid for, and a late cancellation must not throw it away.
                    await _cache.PutAsync(key, new LlmCacheEntry(outcome.Text!, outcome.Model, outcome.InputTokens, outcome.OutputTokens, purpose, DateTimeOffset.UtcNow), CancellationToken.None);
                }

                return new LlmResponse(outcome.Text!, false, outcome.Model, outcome.InputTokens, outcome.OutputTokens);
            }

            Count(purpose, c => c.Failures++);
            var opened = _breaker.RecordFailure();
            lastFailure = $"{outcome.FailureKind}: {outcome.FailureMessage}";
            var last = attempt > _options.MaxRetries || !outcome.Retryable || opened;
            var delay = last ? TimeSpan.Zero : RetryDelay(attempt, outcome.RetryAfter);
            _logger.LogWarning("LLM {Purpose} {Model} attempt {Attempt}/{Attempts} failed after {LatencyMs} ms: {Failure}{Next}",
                purpose, model, attempt, _options.MaxRetries + 1, clock.ElapsedMilliseconds, lastFailure,
                opened ? "; circuit breaker opened" : last ? "; giving up" : $"; retrying in {delay.TotalMilliseconds:0} ms");
            if (last)
            {
                var reason = opened ? "circuit breaker opened" : outcome.Retryable ? $"gave up after {attempt} attempts" : "not retryable";
                throw new LlmUnavailableException($"LLM {purpose} unavailable ({reason}): {lastFailure}");
            }

            await Sleep(delay, ct);
        }

        throw new LlmUnavailableException($"LLM {purpose} unavailable: {lastFailure}");
    }

    /// <summary>
    /// Exponential backoff with equal jitter (half fixed, half random) so that parallel callers do not retry in step;
    /// a server's Retry-After wins, up to <see cref="LlmOptions.MaxRetryAfterSeconds"/>.
    /// </summary>
    internal TimeSpan RetryDelay(int failedAttempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } ra)
        {
            var cap = TimeSpan.FromSeconds(_options.MaxRetryAfterSeconds);
            return ra < TimeSpan.Zero ? TimeSpan.Zero : ra > cap ? cap : ra;
        }

        var exp = _options.RetryBaseDelaySeconds * Math.Pow(2, failedAttempt - 1);
        var capped = Math.Min(exp, _options.RetryMaxDelaySeconds);
        return TimeSpan.FromSeconds((capped / 2) + (Jitter.NextDouble() * capped / 2));
    }

    public void Dispose()
    {
        _concurrency.Dispose();
        _chat.Dispose();
    }

    /// <summary>Counts one HTTP call against the budget, or says why it is refused (counting the refusal instead).</summary>
    private string? TryReserveCall(string purpose, bool retry)
    {
        lock (_accounting)
        {
            string? refusal = null;
            var tokens = _total.InputTokens + _total.OutputTokens;
            if (_options.MaxCalls > 0 && _total.Calls >= _options.MaxCalls)
            {
                refusal = $"budget spent: {_total.Calls} of {_options.MaxCalls} calls used (raise Llm:MaxCalls / MKT_LLM_MAX_CALLS)";
            }
            else if (_options.MaxTokens > 0 && tokens >= _options.MaxTokens)
            {
                refusal = $"budget spent: {tokens} of {_options.MaxTokens} tokens used (raise Llm:MaxTokens / MKT_LLM_MAX_TOKENS)";
            }

            Count(purpose, c =>
            {
                if (refusal is not null)
                {
                    c.Refused++;
                    return;
                }

                c.Calls++;
                if (retry)
                {
                    c.Retries++;
                }
            });
            return refusal;
        }
    }

    private decimal Cost(long input, long output) =>
        (input * _options.PricePer1kInputTokens / 1000m) + (output * _options.PricePer1kOutputTokens / 1000m);

    private void Count(string purpose, Action<UsageCounters> change)
    {
        lock (_accounting)
        {
            change(_total);
            change(_byPurpose.GetOrAdd(purpose, _ => new UsageCounters()));
        }
    }
}
