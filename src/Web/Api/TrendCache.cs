using System.Collections.Concurrent;
using Marketing.Analysis.Trends;

namespace Marketing.Web.Api;

/// <summary>Trend analyses by query, kept for a minute: the pages and the API ask often and the data moves slowly.</summary>
public static class TrendCache
{
    private static readonly ConcurrentDictionary<string, (DateTimeOffset At, Task<TrendReport> Report)> Items = new();
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(1);

    public static Task<TrendReport> GetAsync(WebServices s, TrendQuery query, CancellationToken ct)
    {
        var key = $"{s.Store.DisplayName}|{query.Brand}|{query.Since:O}|{query.Until:O}|{query.Bucket}|{query.TimeZone}|{query.IncludeSeries}";
        var now = DateTimeOffset.UtcNow;
        if (Items.TryGetValue(key, out var hit) && now - hit.At < Ttl && !hit.Report.IsFaulted)
        {
            return hit.Report;
        }

        var task = new TrendAnalyzer(s.Store, s.Llm).AnalyzeAsync(query, ct);
        Items[key] = (now, task);
        return task;
    }
}
