using System.Globalization;
using System.Text;
using Marketing.Generation.Targeting;

namespace Marketing.Generation.Export;

/// <summary>Targeting suggestions as Markdown for a media buyer.</summary>
public static class TargetingMarkdown
{
    public static string Render(TargetingReport r)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# Ad targeting: {DraftExporter.Md(r.Brand)}");
        sb.AppendLine();
        sb.AppendLine($"{r.PostsAnalyzed:N0} posts from {r.Since:yyyy-MM-dd} to {r.Until:yyyy-MM-dd}; baseline positive share {Pct(r.BaselinePositiveShare)}; segments: {r.SegmentSource}.");
        sb.AppendLine("Lift = the segment's positive share minus everyone else's, with a 95% Newcombe interval.");
        foreach (var note in r.Notes)
        {
            sb.AppendLine();
            sb.AppendLine($"Note: {DraftExporter.Md(note)}");
        }

        sb.AppendLine();
        sb.AppendLine("| rank | segment | lift (95% CI) | posts | channels | best hours (UTC) | best days |");
        sb.AppendLine("|---:|---|---|---:|---|---|---|");
        foreach (var s in r.Suggestions)
        {
            sb.AppendLine($"| {s.Rank} | {DraftExporter.Md(s.Segment.Id)} | {Pp(s.Why.Lift)} ({Pp(s.Why.CiLow)} to {Pp(s.Why.CiHigh)}){(s.Why.Significant ? " *" : "")} | {s.Why.SegmentPosts:N0} | {string.Join(", ", s.Channels)} | {string.Join(", ", s.BestHoursUtc.Select(h => $"{h:00}h"))} | {string.Join(", ", s.BestDays)} |");
        }

        foreach (var s in r.Suggestions)
        {
            sb.AppendLine();
            sb.AppendLine($"## {s.Rank}. {DraftExporter.Md(s.Segment.Id)}");
            sb.AppendLine();
            sb.AppendLine($"- Who: {DraftExporter.Md(s.Segment.Description)} ({s.Segment.Authors:N0} authors)");
            sb.AppendLine($"- What: {DraftExporter.Md(s.Message)}");
            sb.AppendLine($"- Why: positive share {Pct(s.Why.SegmentRate)} vs {Pct(s.Why.BaselineRate)}; lift {Pp(s.Why.Lift)} (95% CI {Pp(s.Why.CiLow)} to {Pp(s.Why.CiHigh)}){(s.Why.EngagementRatio is { } e ? $"; engagement ×{e.ToString("0.00", CultureInfo.InvariantCulture)} (95% CI {s.Why.EngagementCiLow?.ToString("0.00", CultureInfo.InvariantCulture)}–{s.Why.EngagementCiHigh?.ToString("0.00", CultureInfo.InvariantCulture)})" : "")}");
            sb.AppendLine($"- Where: {string.Join(", ", s.Channels)}");
            sb.AppendLine($"- When: {string.Join(", ", s.BestHoursUtc.Select(h => $"{h:00}:00"))} UTC{(s.LocalOffset is null ? "" : $" ({string.Join(", ", s.BestHoursLocal.Select(h => $"{h:00}:00"))} at UTC{s.LocalOffset})")}; {string.Join(", ", s.BestDays)}");
            sb.AppendLine($"- Exclude: {(s.Exclusions.Count == 0 ? "none" : string.Join(", ", s.Exclusions))}");
            sb.AppendLine($"- Lookalike: {DraftExporter.Md(s.LookalikeSeed)}");
            sb.AppendLine($"- Evidence: {string.Join(", ", s.EvidenceIds.Select(i => $"`{DraftExporter.Md(i)}`"))}");
        }

        if (r.Hostile.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("## Hostile segments (exclude)");
            sb.AppendLine();
            foreach (var h in r.Hostile)
            {
                sb.AppendLine($"- {DraftExporter.Md(h.Id)}: {DraftExporter.Md(h.Description)}");
            }
        }

        return sb.ToString();
    }

    private static string Pct(double x) => (x * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Pp(double x) => (x >= 0 ? "+" : "") + (x * 100).ToString("0.0", CultureInfo.InvariantCulture) + " pp";
}
