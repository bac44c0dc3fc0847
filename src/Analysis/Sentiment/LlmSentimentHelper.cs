using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marketing.Core.Domain;
using Marketing.Core.Storage;
using Marketing.Llm;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketing.Analysis.Sentiment;

/// <summary>
/// Sends the posts the model is unsure about (and posts in languages it was not trained on) to the LLM in batches,
/// with a JSON-schema answer; caches answers by normalized-text hash (in memory and as store artifacts of kind
/// <c>llm-sentiment</c>), keeps to a per-run budget of calls and tokens, and records provenance (scorer <c>llm</c>,
/// model version = the LLM model id). When the LLM is offline, unavailable, over budget or answers garbage, the model's
/// label stays: no post is ever lost. Thread-safe.
/// </summary>
public sealed class LlmSentimentHelper
{
    public const string CacheKind = "llm-sentiment";

    public const string Instructions = """
        You label the sentiment that the author of a social-media post expresses: negative, neutral or positive.
        Answer only with JSON matching the schema: one entry per post id (the number in its marker), with the label
        and your confidence between 0 and 1.
        """;

    public const string Schema = """
        {"type":"object","properties":{"labels":{"type":"array","items":{"type":"object","properties":{"id":{"type":"integer"},"label":{"type":"string","enum":["negative","neutral","positive"]},"confidence":{"type":"number"}},"required":["id","label","confidence"],"additionalProperties":false}}},"required":["labels"],"additionalProperties":false}
        """;

    private readonly ILlmClient _client;
    private readonly IPostStore? _store;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<string, CachedLabel> _memory = new(StringComparer.Ordinal);
    private readonly Lock _budget = new();
    private long _calls;
    private long _tokens;
    private long _candidates;
    private long _labelled;
    private long _cacheHits;
    private long _failures;
    private long _malformed;
    private bool _exhausted;
    private int _offlineLogged;

    public LlmSentimentHelper(ILlmClient client, LlmSentimentOptions? options = null, IPostStore? cacheStore = null, ILogger<LlmSentimentHelper>? logger = null)
    {
        _client = client;
        Options = options ?? new LlmSentimentOptions();
        _store = cacheStore;
        _log = logger ?? (ILogger)NullLogger.Instance;
    }

    public LlmSentimentOptions Options { get; }

    public LlmProviderInfo Provider => _client.Provider;

    public LlmHelpStats Stats
    {
        get
        {
            lock (_budget)
            {
                return new LlmHelpStats(_candidates, _labelled, _cacheHits, _calls, _failures, _malformed, _tokens, _exhausted,
                    _client.Provider.IsOffline ? "offline provider: no LLM calls are made" : null);
            }
        }
    }

    /// <summary>
    /// Relabels, in place, the posts of <paramref name="batch"/> the LLM should see: model confidence under the
    /// threshold, or unscored because of their language. Returns the posts whose sentiment now comes from the LLM.
    /// </summary>
    public async Task<IReadOnlyList<SocialPost>> HelpAsync(IReadOnlyList<SocialPost> batch, Func<string?, bool> modelReadsLanguage, CancellationToken ct)
    {
        var candidates = batch.Where(p => !string.IsNullOrWhiteSpace(p.Text) && p.Sentiment is { } s && (
            (s.Scorer == "model" && s.Confidence < Options.ConfidenceThreshold)
            || (s.Label == SentimentLabel.Unscored && Options.OtherLanguages && !modelReadsLanguage(p.Language)))).ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        var answers = await LabelTextsAsync(candidates.Select(p => p.Text).ToArray(), ct);
        var changed = new List<SocialPost>();
        for (var i = 0; i < candidates.Count; i++)
        {
            if (answers[i] is { } a)
            {
                candidates[i].Sentiment = a;
                changed.Add(candidates[i]);
            }
        }

        return changed;
    }

    /// <summary>
    /// Labels texts with the LLM. Entry i is null when no answer could be had (offline, unavailable, over budget,
    /// malformed answer): callers keep their own label then.
    /// </summary>
    public async Task<SentimentResult?[]> LabelTextsAsync(IReadOnlyList<string> texts, CancellationToken ct)
    {
        Interlocked.Add(ref _candidates, texts.Count);
        var results = new SentimentResult?[texts.Count];
        var keys = texts.Select(CacheKey).ToArray();
        var missing = new List<int>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (await LookupAsync(keys[i], ct) is { } hit)
            {
                results[i] = hit.ToResult();
                Interlocked.Increment(ref _cacheHits);
            }
            else
            {
                missing.Add(i);
            }
        }

        if (missing.Count > 0 && _client.Provider.IsOffline)
        {
            if (Interlocked.Exchange(ref _offlineLogged, 1) == 0)
            {
                _log.LogInformation("LLM help is off: the offline provider makes no calls; {Count} low-confidence post(s) keep the model's label", missing.Count);
            }

            missing.Clear();
        }

        // One request per distinct text: a repeated text in the batch is asked once.
        var distinct = missing.GroupBy(i => keys[i]).Select(g => g.ToArray()).ToList();
        foreach (var group in distinct.Chunk(Math.Max(1, Options.BatchSize)))
        {
            ct.ThrowIfCancellationRequested();
            var answered = await AskAsync(group.Select(g => texts[g[0]]).ToArray(), ct);
            if (answered is null)
            {
                if (_exhausted)
                {
                    break;
                }

                continue;
            }

            for (var k = 0; k < group.Length; k++)
            {
                if (answered[k] is not { } label)
                {
                    continue;
                }

                await StoreAsync(keys[group[k][0]], label, ct);
                foreach (var i in group[k])
                {
                    results[i] = label.ToResult();
                }
            }
        }

        Interlocked.Add(ref _labelled, results.Count(r => r is not null));
        return results;
    }

    /// <summary>The cache key: SHA-256 of the text lower-cased with white space collapsed.</summary>
    public static string CacheKey(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    private async Task<CachedLabel?[]?> AskAsync(string[] texts, CancellationToken ct)
    {
        // A content-derived fence: the same batch gives the same prompt, so the Llm client's own cache can hit too.
        var items = texts.Select((t, i) => ((i + 1).ToString(CultureInfo.InvariantCulture), t)).ToArray();
        var fence = PromptFence.ForContent(items);
        var system = fence.SystemPrompt(Instructions);
        var user = $"Label the sentiment of these {texts.Length} posts.\n\n{fence.WrapAll(items)}";
        var maxOut = 40 + (texts.Length * Options.MaxOutputTokensPerPost);
        var request = new LlmRequest("sentiment", system, user, Schema, 0f, maxOut);
        var estimate = ((system.Length + user.Length) / 4) + maxOut;
        lock (_budget)
        {
            if (_calls >= Options.MaxCalls || _tokens + estimate > Options.MaxTokens)
            {
                if (!_exhausted)
                {
                    _log.LogWarning("LLM budget reached ({Calls} calls, {Tokens} tokens): remaining posts keep the model's label", _calls, _tokens);
                }

                _exhausted = true;
                return null;
            }

            _calls++;
            _tokens += estimate;
        }

        LlmResponse response;
        try
        {
            response = await _client.CompleteAsync(request, ct);
        }
        catch (LlmUnavailableException ex)
        {
            Interlocked.Increment(ref _failures);
            _log.LogWarning("LLM unavailable ({Reason}): {Count} post(s) keep the model's label", ex.Message, texts.Length);
            return null;
        }

        lock (_budget)
        {
            // Replace the estimate by what the provider reports (a cached answer costs nothing).
            _tokens += (response.FromCache ? 0 : response.InputTokens + response.OutputTokens) - estimate;
            _tokens = Math.Max(_tokens, 0);
        }

        var parsed = Parse(response.Text, texts.Length, response.Model);
        if (parsed is null)
        {
            Interlocked.Increment(ref _malformed);
            _log.LogWarning("LLM answer was not the JSON asked for: {Count} post(s) keep the model's label", texts.Length);
        }

        return parsed;
    }

    internal static CachedLabel?[]? Parse(string text, int count, string model)
    {
        var json = text.Trim();
        if (json.StartsWith("```", StringComparison.Ordinal))
        {
            var first = json.IndexOf('\n', StringComparison.Ordinal);
            var last = json.LastIndexOf("```", StringComparison.Ordinal);
            json = first > 0 && last > first ? json[(first + 1)..last] : json;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            if (!doc.RootElement.TryGetProperty("labels", out var labels) || labels.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var result = new CachedLabel?[count];
            foreach (var item in labels.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || !item.TryGetProperty("id", out var idEl) || !idEl.TryGetInt32(out var id) || id < 1 || id > count
                    || !item.TryGetProperty("label", out var labelEl) || labelEl.ValueKind != JsonValueKind.String
                    || !SentimentLabels.TryParse(labelEl.GetString(), out var label) || label == SentimentLabel.Unscored)
                {
                    continue;
                }

                var confidence = item.TryGetProperty("confidence", out var c) && c.ValueKind == JsonValueKind.Number ? (float)c.GetDouble() : 0.8f;
                result[id - 1] = new CachedLabel(label.ToWire(), Math.Clamp(confidence, 0.34f, 1f), model);
            }

            return result.Any(r => r is not null) ? result : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<CachedLabel?> LookupAsync(string key, CancellationToken ct)
    {
        if (_memory.TryGetValue(key, out var hit))
        {
            return hit;
        }

        if (_store is null)
        {
            return null;
        }

        var json = await _store.GetArtifactAsync(CacheKind, key, ct);
        if (json is null)
        {
            return null;
        }

        try
        {
            var stored = JsonSerializer.Deserialize<CachedLabel>(json);
            if (stored is not null)
            {
                _memory[key] = stored;
            }

            return stored;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task StoreAsync(string key, CachedLabel label, CancellationToken ct)
    {
        _memory[key] = label;
        if (_store is not null)
        {
            await _store.PutArtifactAsync(CacheKind, key, JsonSerializer.Serialize(label), ct);
        }
    }
}
