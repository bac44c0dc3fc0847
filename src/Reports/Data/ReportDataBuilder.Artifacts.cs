using System.Text.Json;
using Marketing.Core.Storage;
using Marketing.Reports.Model;

namespace Marketing.Reports.Data;

public sealed partial class ReportDataBuilder
{
    private static readonly string[] StartNames = ["start", "started_at", "start_at", "from", "since", "window_start", "peak_start"];
    private static readonly string[] EndNames = ["end", "ended_at", "end_at", "to", "until", "window_end", "peak_end"];

    private async Task<IReadOnlyList<BurstItem>> ReadBurstsAsync(TimeRange period, string? brand, int examples, CancellationToken ct)
    {
        var list = new List<BurstItem>();
        foreach (var artifact in await _store.ListArtifactsAsync(BurstKind, 1000, ct))
        {
            foreach (var e in ArtifactJson.Items(artifact.Json, "bursts", "items"))
            {
                var burst = ParseBurst(artifact.Key, e);
                if (!Overlaps(burst.Start, burst.End, period) || (brand is not null && burst.Brand is not null && !string.Equals(burst.Brand, brand, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                list.Add(burst with { Examples = await ExamplesAsync(burst, e, period, examples, ct) });
            }
        }

        return list.OrderByDescending(b => b.Score ?? 0).ThenBy(b => b.Start).ToList();
    }

    private async Task<int> CountBurstsAsync(TimeRange period, string? brand, CancellationToken ct)
    {
        var n = 0;
        foreach (var artifact in await _store.ListArtifactsAsync(BurstKind, 1000, ct))
        {
            n += ArtifactJson.Items(artifact.Json, "bursts", "items").Select(e => ParseBurst(artifact.Key, e))
                .Count(b => Overlaps(b.Start, b.End, period) && (brand is null || b.Brand is null || string.Equals(b.Brand, brand, StringComparison.OrdinalIgnoreCase)));
        }

        return n;
    }

    private static BurstItem ParseBurst(string key, JsonElement e)
    {
        var brand = ArtifactJson.Str(e, "brand", "brand_id");
        var term = ArtifactJson.Str(e, "term", "key", "hashtag", "keyword", "topic", "label");
        var explanation = ArtifactJson.Str(e, "explanation", "summary", "reason", "description", "why", "narrative")
            ?? "No explanation was recorded for this burst.";
        return new BurstItem(
            ArtifactJson.Str(e, "id") ?? key,
            brand,
            term,
            ArtifactJson.Time(e, StartNames),
            ArtifactJson.Time(e, EndNames),
            explanation,
            ArtifactJson.Num(e, "score", "z", "z_score", "zscore", "magnitude", "lift", "ratio"),
            ArtifactJson.Long(e, "volume", "count", "posts", "peak_volume"),
            []);
    }

    private static bool Overlaps(DateTimeOffset? start, DateTimeOffset? end, TimeRange period)
    {
        // Undated items are shown: dropping them would hide data the analysis step thought worth keeping.
        if (start is null && end is null)
        {
            return true;
        }

        var s = start ?? end!.Value;
        var e = end ?? start!.Value;
        return s < period.End && e >= period.Start;
    }

    private async Task<IReadOnlyList<PostSnippet>> ExamplesAsync(BurstItem burst, JsonElement e, TimeRange period, int max, CancellationToken ct)
    {
        var snippets = new List<PostSnippet>();
        if (ArtifactJson.Get(e, "examples", "example_posts", "example_post_ids", "post_ids", "posts", "sample_posts") is { ValueKind: JsonValueKind.Array } refs)
        {
            foreach (var r in refs.EnumerateArray())
            {
                if (snippets.Count >= max)
                {
                    break;
                }

                if (await ResolvePostAsync(r, ct) is { } snippet)
                {
                    snippets.Add(snippet);
                }
            }
        }

        if (snippets.Count == 0 && max > 0)
        {
            // No examples recorded: show the posts of the burst window that drew the most engagement.
            var since = burst.Start ?? period.Start;
            var until = burst.End is { } end && end > since ? end : since + TimeSpan.FromDays(1);
            var posts = await _store.FindPostsAsync(new PostQuery { Brand = burst.Brand, Since = since, Until = until, Text = burst.Brand is null ? burst.Term : null, Limit = 200 }, ct);
            snippets.AddRange(posts.OrderByDescending(p => p.Engagement.Total).Take(max).Select(Snippet));
        }

        return snippets;
    }

    private async Task<PostSnippet?> ResolvePostAsync(JsonElement r, CancellationToken ct)
    {
        string? platform = null, id = null;
        if (r.ValueKind == JsonValueKind.String && r.GetString() is { Length: > 0 } s)
        {
            var cut = s.IndexOfAny(['/', ':']);
            (platform, id) = cut > 0 ? (s[..cut], s[(cut + 1)..]) : (null, s);
        }
        else if (r.ValueKind == JsonValueKind.Object)
        {
            platform = ArtifactJson.Str(r, "platform");
            id = ArtifactJson.Str(r, "post_id", "id");
            if (ArtifactJson.Str(r, "text") is { } text && (platform is null || id is null || await _store.GetPostAsync(platform, id, ct) is null))
            {
                return new PostSnippet(platform ?? "", id ?? "", ArtifactJson.Str(r, "author", "handle", "author_handle") ?? "", ArtifactJson.Time(r, "created_at", "at", "time") ?? default,
                    text, ArtifactJson.Str(r, "sentiment", "label"), ArtifactJson.Long(r, "engagement") ?? 0, ArtifactJson.Str(r, "url"));
            }
        }

        if (id is null)
        {
            return null;
        }

        if (platform is not null && await _store.GetPostAsync(platform, id, ct) is { } post)
        {
            return Snippet(post);
        }

        var found = await _store.FindPostsAsync(new PostQuery { PostId = id, Limit = 1 }, ct);
        return found.Count > 0 ? Snippet(found[0]) : null;
    }

    private async Task<IReadOnlyList<TopicItem>> ReadTopicsAsync(TimeRange period, TimeRange previous, string? brand, int max, List<string> notes, CancellationToken ct)
    {
        var topics = new List<TopicItem>();
        foreach (var artifact in await _store.ListArtifactsAsync(TopicKind, 1000, ct))
        {
            foreach (var e in ArtifactJson.Items(artifact.Json, "topics", "items", "emerging"))
            {
                if (!Overlaps(ArtifactJson.Time(e, StartNames), ArtifactJson.Time(e, EndNames), period))
                {
                    continue;
                }

                var b = ArtifactJson.Str(e, "brand");
                if (brand is not null && b is not null && !string.Equals(b, brand, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var terms = ArtifactJson.Strings(e, ["terms", "keywords", "top_terms", "words", "hashtags"], "term", "word", "text");
                var label = ArtifactJson.Str(e, "label", "name", "title", "topic") ?? (terms.Count > 0 ? string.Join(", ", terms.Take(3)) : artifact.Key);
                var volume = ArtifactJson.Long(e, "volume", "count", "size", "posts") ?? 0;
                var prev = ArtifactJson.Long(e, "previous_volume", "prev_volume", "baseline", "previous") ?? 0;
                var growth = ArtifactJson.Num(e, "growth", "change", "lift", "trend");
                topics.Add(new TopicItem(label, terms, volume, prev, growth ?? (prev > 0 ? (volume - prev) / (double)prev : null), "topics"));
            }
        }

        if (topics.Count > 0)
        {
            return topics.OrderByDescending(t => t.Growth ?? double.MaxValue).ThenByDescending(t => t.Volume).Take(max).ToList();
        }

        // No topic model has run: rising hashtags are the plainest proxy for what people started talking about.
        var now = await HashtagTotalsAsync(period, brand, ReportThresholds.MinHashtagUses, ct);
        var before = await HashtagTotalsAsync(previous, brand, 1, ct);
        var rising = now
            .Select(kv => (Tag: kv.Key, Volume: kv.Value, Previous: before.GetValueOrDefault(kv.Key)))
            .Where(t => t.Volume > t.Previous)
            .Select(t => new TopicItem("#" + t.Tag, [t.Tag], t.Volume, t.Previous, t.Previous == 0 ? null : (t.Volume - t.Previous) / (double)t.Previous, "hashtags"))
            .OrderByDescending(t => t.Growth ?? double.MaxValue).ThenByDescending(t => t.Volume).ThenBy(t => t.Label, StringComparer.Ordinal)
            .Take(max)
            .ToList();
        if (rising.Count > 0)
        {
            notes.Add("Emerging topics are rising hashtags: no topic model output was stored for this period.");
        }

        return rising;
    }

    private async Task<Dictionary<string, long>> HashtagTotalsAsync(TimeRange range, string? brand, int minCount, CancellationToken ct)
    {
        var buckets = await _store.GetHashtagBucketsAsync(range, TimeSpan.FromDays(1), minCount, brand, ct);
        return buckets.GroupBy(b => b.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(b => b.Volume), StringComparer.Ordinal);
    }

    private async Task<IReadOnlyList<SegmentItem>> ReadSegmentsAsync(string? brand, CancellationToken ct)
    {
        var list = new List<SegmentItem>();
        foreach (var artifact in await _store.ListArtifactsAsync(SegmentKind, 100, ct))
        {
            foreach (var e in ArtifactJson.Items(artifact.Json, "segments", "items"))
            {
                var b = ArtifactJson.Str(e, "brand");
                if (brand is not null && b is not null && !string.Equals(b, brand, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                list.Add(new SegmentItem(
                    ArtifactJson.Str(e, "name", "label", "title", "id") ?? artifact.Key,
                    ArtifactJson.Str(e, "description", "summary", "rationale") ?? "",
                    ArtifactJson.Long(e, "size", "count", "authors", "members"),
                    ArtifactJson.Strings(e, ["traits", "keywords", "terms", "interests", "top_terms", "hashtags"], "term", "name"),
                    ArtifactJson.Strings(e, ["targeting", "suggestions", "targeting_suggestions", "recommendations", "ad_targeting"], "suggestion", "text", "description")));
            }
        }

        return list.OrderByDescending(s => s.Size ?? 0).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
    }

    private async Task<IReadOnlyList<DraftItem>> ReadDraftsAsync(string? brand, int max, CancellationToken ct)
    {
        var list = new List<DraftItem>();
        foreach (var artifact in await _store.ListArtifactsAsync(DraftKind, 500, ct))
        {
            foreach (var e in ArtifactJson.Items(artifact.Json, "drafts", "items", "variants"))
            {
                var b = ArtifactJson.Str(e, "brand");
                if (brand is not null && b is not null && !string.Equals(b, brand, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var text = ArtifactJson.Str(e, "text", "body", "copy", "content", "message", "primary_text") ?? "";
                list.Add(new DraftItem(
                    ArtifactJson.Str(e, "id", "draft_id") ?? artifact.Key,
                    b,
                    ArtifactJson.Str(e, "channel", "platform", "format"),
                    ArtifactJson.Str(e, "headline", "title", "subject"),
                    text,
                    ArtifactJson.Time(e, "created_at", "generated_at", "at") ?? artifact.UpdatedAt,
                    ArtifactJson.Str(e, "file", "path", "export_path")));
            }
        }

        return list.OrderByDescending(d => d.CreatedAt).Take(max).ToList();
    }
}
