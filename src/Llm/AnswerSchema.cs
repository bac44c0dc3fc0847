using System.Collections.Concurrent;
using System.Text.Json;
using Json.Schema;

namespace Marketing.Llm;

/// <summary>
/// Checks an answer against the request's JSON schema. Servers that ignore <c>response_format</c> (older llama.cpp,
/// json-object mode, prompt-only mode) still return JSON of the wrong shape sometimes; a mismatch counts as a failed
/// attempt and is retried, so callers only ever see answers of the shape they asked for.
/// </summary>
internal static class AnswerSchema
{
    private static readonly ConcurrentDictionary<string, JsonSchema?> Built = new(StringComparer.Ordinal);

    /// <summary>Null when <paramref name="json"/> matches; otherwise a short reason (the first few errors).</summary>
    public static string? Check(string schemaText, string json)
    {
        var schema = Built.GetOrAdd(schemaText, Build);
        if (schema is null)
        {
            // A schema this validator cannot build (exotic keywords) is still sent to the server; only the JSON check applies.
            return null;
        }

        using var doc = JsonDocument.Parse(json);
        var result = schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return null;
        }

        var errors = (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{(d.InstanceLocation.ToString() is { Length: > 0 } at ? at : "/")}: {e.Value}"))
            .Take(3)
            .ToList();
        return errors.Count == 0 ? "does not match the schema" : string.Join("; ", errors);
    }

    private static JsonSchema? Build(string schemaText)
    {
        try
        {
            // A private registry per schema: callers reuse $id values freely without clashing in the global one.
            return JsonSchema.FromText(schemaText, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        }
        catch (Exception)
        {
            return null;
        }
    }
}
