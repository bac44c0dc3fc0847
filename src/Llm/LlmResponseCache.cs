using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marketing.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Marketing.Llm;

/// <summary>
/// Answers keyed by the SHA-256 of (model, system, user, schema, temperature): in memory, and, with a store, as
/// artifacts of kind <c>llm-cache</c> so a repeat in a later run is a hit too. A store failure is logged and treated
/// as a miss: the cache saves money, it must never fail a run.
/// </summary>
public sealed class LlmResponseCache(IPostStore? store, ILogger logger)
{
    public const string ArtifactKind = "llm-cache";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, LlmCacheEntry> _memory = new(StringComparer.Ordinal);

    public bool IsPersistent => store is not null;

    public int MemoryCount => _memory.Count;

    /// <summary>Lower-case hex SHA-256 of the fields that decide the answer. Fields are length-prefixed so none can run into the next.</summary>
    public static string Key(string model, LlmRequest request)
    {
        var sb = new StringBuilder("llm-cache/v1");
        foreach (var part in new[] { model, request.System, request.User, request.JsonSchema ?? "\0none", request.Temperature.ToString("R", CultureInfo.InvariantCulture) })
        {
            sb.Append('\n').Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    public async Task<LlmCacheEntry?> GetAsync(string key, CancellationToken ct)
    {
        if (_memory.TryGetValue(key, out var hit))
        {
            return hit;
        }

        if (store is null)
        {
            return null;
        }

        try
        {
            var json = await store.GetArtifactAsync(ArtifactKind, key, ct);
            if (json is null)
            {
                return null;
            }

            var entry = JsonSerializer.Deserialize<LlmCacheEntry>(json, Json);
            if (entry is null || entry.Text is null)
            {
                return null;
            }

            _memory[key] = entry;
            return entry;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("LLM cache read failed for {Key}, treated as a miss: {Error}", key, ex.Message);
            return null;
        }
    }

    public async Task PutAsync(string key, LlmCacheEntry entry, CancellationToken ct)
    {
        _memory[key] = entry;
        if (store is null)
        {
            return;
        }

        try
        {
            await store.PutArtifactAsync(ArtifactKind, key, JsonSerializer.Serialize(entry, Json), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("LLM cache write failed for {Key}; the answer stays cached in memory only: {Error}", key, ex.Message);
        }
    }
}
