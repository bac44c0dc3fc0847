using System.Globalization;
using System.Text;
using System.Text.Json;
using Marketing.Core.Domain;
using Marketing.Llm;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketing.Analysis.Trends;

/// <summary>
/// Writes a label and a one- or two-sentence explanation for bursts and topics from their evidence. With an LLM
/// configured it asks the model (sample posts inside <see cref="PromptFence"/> fences, numbers given) and stops asking
/// once its per-run call budget is spent. Prompts are stable for the same evidence (the fence nonce derives from the
/// fenced text), so the Llm project's response cache (artifacts <c>llm-cache</c>) answers repeats without a call.
/// Offline, on <see cref="LlmUnavailableException"/> or past the budget, the same fields come from templates, marked
/// <c>offline-template</c>.
/// </summary>
public sealed class TrendExplainer(ILlmClient? llm = null, int callBudget = 20, ILogger? logger = null)
{
    public const string OfflineSource = "offline-template";

    private const string Instructions = """
        You label social-media trends for marketing analysts. You get the numbers of a trend and sample posts inside
        fences. Answer with JSON {"label": "...", "explanation": "..."}: label at most 6 words, explanation at most 2
        sentences that cite the numbers.
        """;

    private const string Schema = """
        {"type":"object","properties":{"label":{"type":"string"},"explanation":{"type":"string"}},"required":["label","explanation"],"additionalProperties":false}
        """;

    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private int _calls;

    /// <summary>LLM requests made so far (the Llm client answers repeats from its cache).</summary>
    public int Calls => _calls;

    public bool UsesLlm => llm is not null && !llm.Provider.IsOffline;

    public async Task ExplainAsync(Burst burst, IReadOnlyList<SocialPost> samples, CancellationToken ct)
    {
        var (label, text) = Template(burst);
        (burst.Label, burst.Explanation, burst.ExplanationSource) = (label, text, OfflineSource);
        var sb = BurstPrompt(burst);
        var fence = Fence(samples.Select(p => (p.Platform + "/" + p.PostId, p.Text)).ToList(), sb);
        var answer = await AskAsync("trend-label", fence, sb.ToString(), ct);
        if (answer is { } a)
        {
            (burst.Label, burst.Explanation, burst.ExplanationSource) = (a.Label, a.Explanation, a.Source);
        }
    }

    /// <summary>Label and explanation of a topic from its terms, size and sample texts.</summary>
    public async Task<(string Label, string Explanation, string Source)> ExplainTopicAsync(
        IReadOnlyList<string> terms, int size, IReadOnlyList<string> samples, CancellationToken ct)
    {
        var label = string.Join(" / ", terms.Take(3));
        var text = $"{size} posts about {string.Join(", ", terms.Take(6))}.";
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Topic of {size} posts. Most distinctive terms (class-based TF-IDF): {string.Join(", ", terms.Take(10))}.");
        var fence = Fence(samples.Select((s, i) => ("t" + i, s)).ToList(), sb);
        var answer = await AskAsync("topic-label", fence, sb.ToString(), ct);
        return answer is { } a ? (a.Label, a.Explanation, a.Source) : (label, text, OfflineSource);
    }

    public static (string Label, string Explanation) Template(Burst b)
    {
        var ci = CultureInfo.InvariantCulture;
        var what = b.TopHashtags.FirstOrDefault()?.Term ?? b.TopTerms.FirstOrDefault()?.Term;
        var label = what is null ? $"{b.Key} burst" : $"{b.Key}: {what}";
        var sb = new StringBuilder();
        sb.Append(ci, $"{b.Observed} posts on {b.SeriesKind} '{b.Key}' from {b.Start:yyyy-MM-dd HH:mm} to {b.End:yyyy-MM-dd HH:mm}, ");
        sb.Append(ci, $"{b.Ratio:0.0}× the {b.Expected:0} expected; peak of {b.PeakObserved} at {b.Peak:yyyy-MM-dd HH:mm}.");
        var terms = b.TopHashtags.Concat(b.TopTerms).Take(5).Select(t => t.Term).ToList();
        if (terms.Count > 0)
        {
            sb.Append(ci, $" Driven by {string.Join(", ", terms)}.");
        }

        if (b.Sentiment is { Scored: > 0 } s)
        {
            sb.Append(ci, $" Sentiment {s.Verdict}: {Pct(s.NegativeShare)} negative vs {Pct(s.BaselineNegativeShare)} before.");
        }

        if (b.TopAuthors.FirstOrDefault() is { Share: >= 0.2 } lead)
        {
            sb.Append(ci, $" {lead.Handle ?? lead.AuthorId} wrote {Pct(lead.Share)} of it.");
        }

        return (label, sb.ToString());
    }

    private static string Pct(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static StringBuilder BurstPrompt(Burst b)
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(ci, $"Burst in {b.SeriesKind} '{b.Key}': {b.Observed} posts from {b.Start:u} to {b.End:u} against {b.Expected:0} expected ({b.Ratio:0.0}x), peak {b.PeakObserved} at {b.Peak:u}, q = {b.QValue:0.###E+0}.");
        sb.AppendLine(ci, $"Distinctive terms (log-odds z): {string.Join(", ", b.TopTerms.Select(t => $"{t.Term} ({t.Z:0.0})"))}.");
        sb.AppendLine(ci, $"Hashtags: {string.Join(", ", b.TopHashtags.Select(t => t.Term))}. Top authors: {string.Join(", ", b.TopAuthors.Select(a => $"{a.Handle ?? a.AuthorId} {Pct(a.Share)}"))}.");
        if (b.Sentiment is { } s)
        {
            sb.AppendLine(ci, $"Negative share {Pct(s.NegativeShare)} vs baseline {Pct(s.BaselineNegativeShare)} (z = {s.Z:0.0}).");
        }

        return sb;
    }

    /// <summary>Appends the samples, fenced as untrusted data, and returns the fence (its rule goes in the system prompt).</summary>
    private static PromptFence Fence(IReadOnlyList<(string Id, string Text)> samples, StringBuilder sb)
    {
        var fence = PromptFence.ForContent(samples, maxChars: 600);
        sb.AppendLine("Sample posts:");
        sb.AppendLine(fence.WrapAll(samples));
        return fence;
    }

    private async Task<(string Label, string Explanation, string Source)?> AskAsync(string purpose, PromptFence fence, string user, CancellationToken ct)
    {
        if (!UsesLlm || Interlocked.Increment(ref _calls) > callBudget)
        {
            return null;
        }

        try
        {
            var response = await llm!.CompleteAsync(new LlmRequest(purpose, fence.SystemPrompt(Instructions), user, Schema, 0.2f, 300), ct);
            if (response.FromCache)
            {
                // A cached answer costs nothing: it does not use up this run's budget.
                Interlocked.Decrement(ref _calls);
            }

            if (Parse(response.Text) is not { } parsed)
            {
                _logger.LogWarning("LLM answer for {Purpose} was not the JSON asked for; using the template", purpose);
                return null;
            }

            return (parsed.Label, parsed.Explanation, "llm:" + response.Model);
        }
        catch (LlmUnavailableException ex)
        {
            _logger.LogInformation("LLM unavailable for {Purpose} ({Reason}); using templates", purpose, ex.Message);
            return null;
        }
    }

    private static (string Label, string Explanation)? Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.TryGetProperty("label", out var l) && root.TryGetProperty("explanation", out var e) &&
                l.GetString() is { Length: > 0 } label && e.GetString() is { Length: > 0 } text)
            {
                return (label.Length > 80 ? label[..80] : label, text.Length > 600 ? text[..600] : text);
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }
}
