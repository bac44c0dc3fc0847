using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marketing.Core.Storage;

namespace Marketing.Generation.Evidence;

/// <summary>
/// Reads the bursts and topics that trend analysis saved as store artifacts (kind "burst", and "topic-model"/"latest"). Read
/// tolerantly by field name, so evidence works with whatever the trend run stored and is empty when it has not run.
/// </summary>
public static class TrendArtifacts
{
    public static async Task<List<EvidenceItem>> BurstsAsync(IPostStore store, string brand, DateTimeOffset since, DateTimeOffset until, int topN, CancellationToken ct)
    {
        var items = new List<EvidenceItem>();
        foreach (var a in await store.ListArtifactsAsync("burst", 5000, ct))
        {
            // Trend analysis stores a Burst per series: a brand's own series (series_kind "brand", key = brand id),
            // or a hashtag/term series whose sample posts may be about anyone; only the brand's own bursts are evidence.
            if (Parse(a.Json) is not { } node
                || !(MentionsBrand(node, brand) || (Str(node, "series_kind") == "brand" && string.Equals(Str(node, "key"), brand, StringComparison.OrdinalIgnoreCase))))
            {
                continue;
            }

            var peak = Time(node, "peak") ?? Time(node, "start");
            if (peak is { } t && (t < since || t >= until))
            {
                continue;
            }

            var terms = Strings(node, "terms", "top_terms").Take(5).ToList();
            var label = Str(node, "label") ?? (terms.Count > 0 ? string.Join(", ", terms) : a.Key);
            var refs = new List<string> { "burst:" + a.Key };
            refs.AddRange(PostRefs(node).Take(4));
            items.Add(new EvidenceItem("burst:" + a.Key, "burst", label, (long)(Num(node, "observed", "volume", "posts", "count") ?? 0), Math.Round(Num(node, "score", "z", "significance") ?? 0, 3), refs));
        }

        return [.. items.OrderByDescending(i => i.Score).ThenBy(i => i.Id, StringComparer.Ordinal).Take(topN)];
    }

    /// <summary>The topic model's topics (artifact topic-model/latest), largest first; topics are not per brand.</summary>
    public static async Task<List<EvidenceItem>> TopicsAsync(IPostStore store, string brand, int topN, CancellationToken ct)
    {
        _ = brand;
        var items = new List<EvidenceItem>();
        if (await store.GetArtifactAsync("topic-model", "latest", ct) is not { } json || Parse(json) is not { } model || model["topics"] is not JsonArray topics)
        {
            return items;
        }

        foreach (var t in topics.OfType<JsonObject>())
        {
            if (Str(t, "id") is not { } id)
            {
                continue;
            }

            var terms = Strings(t, "terms").Take(5).ToList();
            var label = Str(t, "label") ?? string.Join(", ", terms);
            var size = Num(t, "size") ?? 0;
            items.Add(new EvidenceItem("topic:" + id, "topic", label, (long)size, size, ["topic:" + id]));
        }

        return [.. items.OrderByDescending(i => i.Score).ThenBy(i => i.Id, StringComparer.Ordinal).Take(topN)];
    }

    private static JsonObject? Parse(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool MentionsBrand(JsonObject node, string brand) =>
        string.Equals(Str(node, "brand"), brand, StringComparison.OrdinalIgnoreCase)
        || Strings(node, "brands").Any(b => string.Equals(b, brand, StringComparison.OrdinalIgnoreCase));

    private static string? Str(JsonObject node, string name) =>
        node[name] is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;

    private static double? Num(JsonObject node, params string[] names)
    {
        foreach (var name in names)
        {
            if (node[name] is JsonValue v)
            {
                if (v.TryGetValue<double>(out var d))
                {
                    return d;
                }

                if (v.TryGetValue<long>(out var l))
                {
                    return l;
                }
            }
        }

        return null;
    }

    private static DateTimeOffset? Time(JsonObject node, string name) =>
        Str(node, name) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    private static IEnumerable<string> Strings(JsonObject node, params string[] names)
    {
        foreach (var name in names)
        {
            if (node[name] is not JsonArray arr)
            {
                continue;
            }

            foreach (var e in arr)
            {
                switch (e)
                {
                    case JsonValue v when v.TryGetValue<string>(out var s):
                        yield return s;
                        break;
                    case JsonObject o when (Str(o, "term") ?? Str(o, "text") ?? Str(o, "key")) is { } t:
                        yield return t;
                        break;
                }
            }

            yield break;
        }
    }

    /// <summary>Example posts as post:{platform}/{id} refs, from "x/123", "post:x/123" or {"platform","post_id"} entries.</summary>
    private static IEnumerable<string> PostRefs(JsonObject node)
    {
        foreach (var name in new[] { "example_post_ids", "sample_post_ids", "sample_posts", "example_posts", "post_ids", "posts" })
        {
            if (node[name] is not JsonArray arr)
            {
                continue;
            }

            foreach (var e in arr)
            {
                if (e is JsonValue v && v.TryGetValue<string>(out var s) && s.Contains('/', StringComparison.Ordinal))
                {
                    yield return s.StartsWith("post:", StringComparison.Ordinal) ? s : "post:" + s;
                }
                else if (e is JsonObject o && Str(o, "platform") is { } pl && (Str(o, "post_id") ?? Str(o, "id")) is { } id)
                {
                    yield return $"post:{pl}/{id}";
                }
            }

            yield break;
        }
    }
}
