using System.Globalization;
using System.Text.Json;

namespace Marketing.Ingest.Formats;

/// <summary>
/// Lenient readers for JSON fields: a missing or null field is null/0, an id may be a number, a count may be a numeric
/// string. A value of the wrong kind (an object where text belongs) is a <c>wrong_type</c> reject naming the field.
/// </summary>
public static class JsonFields
{
    public static JsonElement? Get(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public static string? Str(JsonElement obj, string name) => Get(obj, name) is { } v ? AsString(v, name) : null;

    public static string? AsString(JsonElement v, string name) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => null,
        _ => throw WrongType(name, "a string", v),
    };

    /// <summary>A text field: strings only (a number where text belongs is a mistake worth reporting).</summary>
    public static string? Text(JsonElement obj, string name)
    {
        if (Get(obj, name) is not { } v)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw WrongType(name, "a string", v);
    }

    public static long Long(JsonElement obj, string name) => Get(obj, name) is { } v ? AsLong(v, name) : 0;

    public static long AsLong(JsonElement v, string name)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.Number:
                if (v.TryGetInt64(out var l))
                {
                    return l;
                }

                return v.TryGetDouble(out var d) && Math.Abs(d) < 9e18 ? (long)Math.Round(d) : throw WrongType(name, "a count", v);
            case JsonValueKind.String:
                var s = v.GetString();
                if (string.IsNullOrWhiteSpace(s))
                {
                    return 0;
                }

                if (long.TryParse(s, NumberStyles.Integer | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }

                if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var pd) && Math.Abs(pd) < 9e18)
                {
                    return (long)Math.Round(pd);
                }

                throw WrongType(name, "a count", v);
            case JsonValueKind.Null:
                return 0;
            default:
                throw WrongType(name, "a count", v);
        }
    }

    public static bool Bool(JsonElement obj, string name)
    {
        if (Get(obj, name) is not { } v)
        {
            return false;
        }

        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => v.TryGetInt64(out var n) && n != 0,
            JsonValueKind.String when bool.TryParse(v.GetString(), out var b) => b,
            JsonValueKind.String when v.GetString() is "1" or "0" or "" => v.GetString() == "1",
            _ => throw WrongType(name, "true or false", v),
        };
    }

    public static List<string> StrList(JsonElement obj, string name)
    {
        var list = new List<string>();
        if (Get(obj, name) is not { } v)
        {
            return list;
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            list.Add(v.GetString()!);
            return list;
        }

        if (v.ValueKind != JsonValueKind.Array)
        {
            throw WrongType(name, "an array of strings", v);
        }

        foreach (var item in v.EnumerateArray())
        {
            if (AsString(item, name + "[]") is { Length: > 0 } s)
            {
                list.Add(s);
            }
        }

        return list;
    }

    public static JsonElement? Obj(JsonElement obj, string name)
    {
        if (Get(obj, name) is not { } v)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.Object ? v : throw WrongType(name, "an object", v);
    }

    public static IEnumerable<JsonElement> Array(JsonElement obj, string name)
    {
        if (Get(obj, name) is not { } v)
        {
            return [];
        }

        return v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : throw WrongType(name, "an array", v);
    }

    public static RecordRejectedException WrongType(string name, string expected, JsonElement got) =>
        new(RejectReasons.WrongType, $"Field '{name}' must be {expected}, but it is {Describe(got)}.");

    private static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{Truncate(v.GetString() ?? "", 40)}\"",
        JsonValueKind.Number => $"the number {Truncate(v.GetRawText(), 40)}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => v.ValueKind.ToString().ToLowerInvariant(),
    };

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + "...";
}
