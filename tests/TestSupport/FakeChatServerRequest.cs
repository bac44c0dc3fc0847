using System.Text.Json;

namespace Marketing.TestSupport;

/// <summary>A request as <see cref="FakeChatServer"/> received it: path, query, every header, and the raw body.</summary>
public sealed record FakeChatServerRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    public string? Authorization => Header("Authorization");

    /// <summary>The body parsed as JSON (chat-completions requests are JSON).</summary>
    public JsonElement Json
    {
        get
        {
            using var doc = JsonDocument.Parse(Body);
            return doc.RootElement.Clone();
        }
    }

    public string? Model => Json.TryGetProperty("model", out var m) ? m.GetString() : null;

    /// <summary>(role, content) of each message.</summary>
    public IReadOnlyList<(string Role, string Content)> Messages =>
        Json.TryGetProperty("messages", out var ms)
            ? ms.EnumerateArray().Select(m => (m.GetProperty("role").GetString() ?? "", ContentText(m.GetProperty("content")))).ToList()
            : [];

    private static string ContentText(JsonElement content) => content.ValueKind == JsonValueKind.String
        ? content.GetString() ?? ""
        : string.Concat(content.EnumerateArray().Select(p => p.TryGetProperty("text", out var t) ? t.GetString() : ""));
}
