using System.Globalization;
using System.Text;
using Marketing.Core.Json;
using Marketing.Generation.Channels;
using Marketing.Generation.Drafting;
using Marketing.Generation.Targeting;

namespace Marketing.Generation.Export;

/// <summary>
/// Writes a run to a folder: drafts.md (for people), drafts.json (validates against docs/draft.schema.json),
/// drafts.csv (one row per field, with its length and limit), google-ads-rsa.csv (Google Ads Editor import), and
/// targeting.md / targeting.json when targeting ran.
/// </summary>
public static class DraftExporter
{
    public const string MarkdownFile = "drafts.md";
    public const string JsonFile = "drafts.json";
    public const string CsvFile = "drafts.csv";
    public const string GoogleAdsFile = "google-ads-rsa.csv";
    public const string TargetingJsonFile = "targeting.json";
    public const string TargetingMarkdownFile = "targeting.md";

    public static IReadOnlyList<string> WriteAll(DraftSet set, TargetingReport? targeting, string dir)
    {
        Directory.CreateDirectory(dir);
        var files = new List<string>
        {
            Write(dir, MarkdownFile, Markdown(set), Encoding.UTF8),
            Write(dir, JsonFile, SnakeCaseJson.Serialize(set, indented: true), Encoding.UTF8),
            Write(dir, CsvFile, DraftsCsv(set), Csv.Utf8Bom),
            Write(dir, GoogleAdsFile, GoogleAdsCsv(set), Csv.Utf8Bom),
        };
        if (targeting is not null)
        {
            files.Add(Write(dir, TargetingJsonFile, SnakeCaseJson.Serialize(targeting, indented: true), Encoding.UTF8));
            files.Add(Write(dir, TargetingMarkdownFile, TargetingMarkdown.Render(targeting), Encoding.UTF8));
        }

        return files;
    }

    public static string DraftsCsv(DraftSet set)
    {
        var sb = new StringBuilder();
        sb.Append(Csv.Row(["draft_id", "brand", "segment", "channel", "variant", "tested_element", "field", "text", "length", "limit", "provider", "model", "ai_generated", "evidence_ids", "claims_used", "created_at"])).Append("\r\n");
        foreach (var d in set.Drafts)
        {
            foreach (var (field, value) in d.Fields.All())
            {
                var (length, limit) = Measure(d.Channel, field, value);
                sb.Append(Csv.Row(
                [
                    d.Id, d.Brand, d.Segment, d.Channel, d.Variant, d.TestedElement, field, value,
                    length?.ToString(CultureInfo.InvariantCulture), limit?.ToString(CultureInfo.InvariantCulture), d.Provider, d.Model,
                    d.AiGenerated ? "true" : "false", string.Join(' ', d.EvidenceIds), string.Join(' ', d.ClaimsUsed),
                    d.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ], guardFormula: true)).Append("\r\n");
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Google Ads Editor's bulk format for responsive search ads: one row per ad, Headline 1-15, Description 1-4,
    /// Path 1-2, Final URL. Ads are imported paused, so nothing goes live before a person looks at it.
    /// </summary>
    public static string GoogleAdsCsv(DraftSet set)
    {
        var header = new List<string> { "Campaign", "Ad group", "Ad type", "Status" };
        header.AddRange(Enumerable.Range(1, ChannelLimits.RsaMaxHeadlines).Select(i => $"Headline {i}"));
        header.AddRange(Enumerable.Range(1, ChannelLimits.RsaMaxDescriptions).Select(i => $"Description {i}"));
        header.AddRange(["Path 1", "Path 2", "Final URL", "Labels"]);
        var sb = new StringBuilder().Append(Csv.Row(header)).Append("\r\n");
        foreach (var d in set.Drafts.Where(d => d.Channel == ChannelIds.GoogleRsa))
        {
            var row = new List<string?> { $"{set.BrandName} - {set.Goal}", d.Segment ?? "All audiences", "Responsive search ad", "Paused" };
            var hs = d.Fields.Headlines ?? [];
            var ds = d.Fields.Descriptions ?? [];
            row.AddRange(Enumerable.Range(0, ChannelLimits.RsaMaxHeadlines).Select(i => i < hs.Count ? hs[i] : ""));
            row.AddRange(Enumerable.Range(0, ChannelLimits.RsaMaxDescriptions).Select(i => i < ds.Count ? ds[i] : ""));
            row.AddRange([d.Fields.Path1, d.Fields.Path2, d.Fields.FinalUrl, $"variant {d.Variant} ({d.TestedElement}); {d.Provider}"]);
            sb.Append(Csv.Row(row)).Append("\r\n");
        }

        return sb.ToString();
    }

    public static string Markdown(DraftSet set)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# Campaign drafts: {Md(set.BrandName)}");
        sb.AppendLine();
        sb.AppendLine($"- Goal: {Md(set.Goal)}; channels: {string.Join(", ", set.Channels)}; segments: {(set.Segments.Count == 0 ? "whole audience" : string.Join(", ", set.Segments))}");
        sb.AppendLine($"- Written by: **{Md(set.Provider)}** ({Md(set.Model)}){(set.Provider == TemplateDraftWriter.ProviderName ? ": offline templates filled from the evidence, no AI" : ": AI-generated, review before use")}");
        sb.AppendLine($"- Evidence: {set.Evidence.PostsAnalyzed:N0} posts from {set.Evidence.Since:yyyy-MM-dd} to {set.Evidence.Until:yyyy-MM-dd} ({set.Evidence.Positive:N0} positive, {set.Evidence.Negative:N0} negative)");
        sb.AppendLine($"- Created: {set.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC; run id `{set.RunId}`; {set.Drafts.Count} drafts, {set.Rejected.Count} rejected");
        foreach (var note in set.Notes)
        {
            sb.AppendLine($"- Note: {Md(note)}");
        }

        sb.AppendLine();
        sb.AppendLine("## Evidence");
        sb.AppendLine();
        sb.AppendLine("| id | kind | what | posts | examples |");
        sb.AppendLine("|---|---|---|---:|---|");
        foreach (var item in set.Evidence.All())
        {
            sb.AppendLine($"| `{Md(item.Id)}` | {item.Kind} | {Md(item.Label)} | {item.Count:N0} | {string.Join(", ", item.Refs.Take(3).Select(r => $"`{Md(r)}`"))} |");
        }

        foreach (var group in set.Drafts.GroupBy(d => (d.Segment, d.Channel)))
        {
            sb.AppendLine();
            sb.AppendLine($"## {ChannelTitle(group.Key.Channel)}{(group.Key.Segment is null ? "" : $" — segment {Md(group.Key.Segment)}")}");
            foreach (var d in group)
            {
                sb.AppendLine();
                sb.AppendLine($"### Variant {d.Variant} (tests the {d.TestedElement}; tone {Md(d.Tone)})");
                sb.AppendLine();
                sb.AppendLine($"*{(d.AiGenerated ? "AI-generated" : "Template")} — {Md(d.Provider)} / {Md(d.Model)}{(d.FallbackReason is null ? "" : $"; fallback: {Md(d.FallbackReason)}")}*");
                sb.AppendLine();
                foreach (var (field, value) in d.Fields.All())
                {
                    var (length, limit) = Measure(d.Channel, field, value);
                    var count = length is null ? "" : $" ({length}/{limit})";
                    sb.AppendLine($"- **{field}**{count}: {Md(value).ReplaceLineEndings("<br>")}");
                }

                sb.AppendLine($"- Evidence: {string.Join(", ", d.EvidenceItems.Select(i => $"`{Md(i)}`"))}; posts {string.Join(", ", d.EvidenceIds.Take(5).Select(i => $"`{Md(i)}`"))}");
                if (d.ClaimsUsed.Count > 0)
                {
                    sb.AppendLine($"- Claims: {string.Join(", ", d.ClaimsUsed)}{(d.ClaimCitations.Count > 0 ? $" — substantiation: {Md(string.Join("; ", d.ClaimCitations))}" : "")}");
                }

                foreach (var w in d.Warnings)
                {
                    sb.AppendLine($"- Warning ({w.Field}): {Md(w.Detail)}");
                }
            }
        }

        if (set.Rejected.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("## Rejected");
            sb.AppendLine();
            foreach (var r in set.Rejected)
            {
                sb.AppendLine($"- {r.Channel} variant {r.Variant}{(r.Segment is null ? "" : $" ({Md(r.Segment)})")} after {r.Attempts} attempt(s) by {Md(r.Provider)}: {Md(string.Join("; ", r.Reasons.Select(v => $"{v.Field}: {v.Detail}")))}");
            }
        }

        return sb.ToString();
    }

    /// <summary>The length as the channel counts it, and the limit, for a field (null for URLs).</summary>
    public static (int? Length, int? Limit) Measure(string channel, string field, string value) => (channel, field) switch
    {
        (ChannelIds.X, "text") => (TextCounter.XWeightedLength(value), ChannelLimits.XMax),
        (ChannelIds.GoogleRsa, _) when field.StartsWith("headline_", StringComparison.Ordinal) => (TextCounter.GoogleLength(value), ChannelLimits.RsaHeadlineMax),
        (ChannelIds.GoogleRsa, _) when field.StartsWith("description_", StringComparison.Ordinal) => (TextCounter.GoogleLength(value), ChannelLimits.RsaDescriptionMax),
        (ChannelIds.GoogleRsa, "path1" or "path2") => (TextCounter.GoogleLength(value), ChannelLimits.RsaPathMax),
        (ChannelIds.Meta, "primary_text") => (TextCounter.Graphemes(value), ChannelLimits.MetaPrimaryMax),
        (ChannelIds.Meta, "headline") => (TextCounter.Graphemes(value), ChannelLimits.MetaHeadlineMax),
        (ChannelIds.Meta, "description") => (TextCounter.Graphemes(value), ChannelLimits.MetaDescriptionMax),
        (ChannelIds.LinkedIn, "intro_text") => (TextCounter.Graphemes(value), ChannelLimits.LinkedInIntroMax),
        (ChannelIds.LinkedIn, "headline") => (TextCounter.Graphemes(value), ChannelLimits.LinkedInHeadlineMax),
        (ChannelIds.Instagram, "caption") => (TextCounter.Graphemes(value), ChannelLimits.InstagramCaptionMax),
        _ => (null, null),
    };

    public static string ChannelTitle(string channel) => channel switch
    {
        ChannelIds.X => "X",
        ChannelIds.GoogleRsa => "Google responsive search ads",
        ChannelIds.Meta => "Meta (Facebook)",
        ChannelIds.LinkedIn => "LinkedIn sponsored content",
        ChannelIds.Instagram => "Instagram",
        _ => channel,
    };

    /// <summary>Markdown-safe inline text: evidence labels are people's words, so no HTML and no table breaks.</summary>
    public static string Md(string? text) =>
        (text ?? "").Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal);

    private static string Write(string dir, string name, string content, Encoding encoding)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, content, encoding);
        return path;
    }
}
