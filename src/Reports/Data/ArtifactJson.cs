using System.Globalization;
using System.Text.Json;

namespace Marketing.Reports.Data;

/// <summary>
/// Reads artifacts that other steps persist (bursts, topics, segments, drafts) without binding to their classes:
/// a field may be spelled several ways (snake_case or camelCase, "explanation" or "summary"), and one artifact may
/// hold one item or a list of them. A missing field is null, never an exception, so a report survives a shape change.
/// </summary>
internal static class ArtifactJson
{
    /// <summary>The items of an artifact: the array itself, the first array-valued property named in <paramref name="listNames"/>, or the root object.</summary>
    public static IEnumerable<JsonElement> Items(string json, params string[] listNames)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(json).RootElement.Clone();
        }
        catch (JsonException)
        {
            yield break;
        }

        if (root.ValueKind == JsonValueKind.Array)
        {
            foreach (var e in root.EnumerateArray())
            {
                if (e.ValueKind == JsonValueKind.Object)
                {
                    yield return e;
                }
            }

            yield break;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var name in listNames)
        {
            if (Get(root, name) is { ValueKind: JsonValueKind.Array } list)
            {
                foreach (var e in list.EnumerateArray())
                {
                    if (e.ValueKind == JsonValueKind.Object)
                    {
                        yield return e;
                    }
                }

                yield break;
            }
        }

        yield return root;
    }

    public static JsonElement? Get(JsonElement e, params string[] names)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var name in names)
        {
            foreach (var p in e.EnumerateObject())
            {
                if (Normalize(p.Name) == Normalize(name) && p.Value.ValueKind != JsonValueKind.Null)
                {
                    return p.Value;
                }
            }
        }

        return null;
    }

    public static string? Str(JsonElement e, params string[] names) => Get(e, names) switch
    {
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Number } v => v.GetRawText(),
        { ValueKind: JsonValueKind.True } => "true",
        { ValueKind: JsonValueKind.False } => "false",
        _ => null,
    };

    public static double? Num(JsonElement e, params string[] names) => Get(e, names) switch
    {
        { ValueKind: JsonValueKind.Number } v => v.GetDouble(),
        { ValueKind: JsonValueKind.String } v when double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    public static long? Long(JsonElement e, params string[] names) => Num(e, names) is { } d ? (long)Math.Round(d) : null;

    public static DateTimeOffset? Time(JsonElement e, params string[] names) => Get(e, names) switch
    {
        { ValueKind: JsonValueKind.String } v when DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) => t,
        // Unix milliseconds, as the store keeps times.
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt64(out var ms) && ms > 100_000_000_000 => DateTimeOffset.FromUnixTimeMilliseconds(ms),
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt64(out var s) => DateTimeOffset.FromUnixTimeSeconds(s),
        _ => null,
    };

    /// <summary>A list of strings: an array of strings, an array of objects (their <paramref name="objectField"/>s), or one comma-separated string.</summary>
    public static IReadOnlyList<string> Strings(JsonElement e, string[] names, params string[] objectField)
    {
        switch (Get(e, names))
        {
            case { ValueKind: JsonValueKind.Array } arr:
                var list = new List<string>();
                foreach (var x in arr.EnumerateArray())
                {
                    if (x.ValueKind == JsonValueKind.String && x.GetString() is { Length: > 0 } s)
                    {
                        list.Add(s);
                    }
                    else if (x.ValueKind == JsonValueKind.Object && Str(x, objectField) is { Length: > 0 } f)
                    {
                        list.Add(f);
                    }
                    else if (x.ValueKind == JsonValueKind.Object && Describe(x) is { Length: > 0 } d)
                    {
                        list.Add(d);
                    }
                }

                return list;
            case { ValueKind: JsonValueKind.String } one when one.GetString() is { Length: > 0 } s1:
                return s1.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            default:
                return [];
        }
    }

    /// <summary>"key: value; key: value" of an object's scalar fields, for suggestions whose shape is not known.</summary>
    public static string Describe(JsonElement o)
    {
        var parts = new List<string>();
        foreach (var p in o.EnumerateObject())
        {
            var v = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => p.Value.GetRawText(),
                JsonValueKind.Array => string.Join(", ", p.Value.EnumerateArray().Where(x => x.ValueKind is JsonValueKind.String or JsonValueKind.Number).Select(x => x.ValueKind == JsonValueKind.String ? x.GetString() : x.GetRawText())),
                _ => null,
            };
            if (!string.IsNullOrWhiteSpace(v))
            {
                parts.Add($"{p.Name.Replace('_', ' ')}: {v}");
            }
        }

        return string.Join("; ", parts);
    }

    private static string Normalize(string name) => name.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
}
