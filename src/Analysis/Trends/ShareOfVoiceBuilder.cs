namespace Marketing.Analysis.Trends;

/// <summary>Share of voice of each brand that has competitors, per bucket and over the window.</summary>
public static class ShareOfVoiceBuilder
{
    public static List<ShareOfVoice> Build(IReadOnlyList<TrendSeries> brands, IReadOnlyDictionary<string, IReadOnlyList<string>> competitors)
    {
        var byKey = brands.ToDictionary(s => s.Key, StringComparer.Ordinal);
        var result = new List<ShareOfVoice>();
        foreach (var (brand, rivals) in competitors.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (rivals.Count == 0 || !byKey.ContainsKey(brand))
            {
                continue;
            }

            var group = new[] { brand }.Concat(rivals.Where(r => r != brand)).Distinct(StringComparer.Ordinal).ToList();
            var members = group.Select(g => byKey.GetValueOrDefault(g)).ToList();
            var n = members.First(m => m is not null)!.Points.Count;
            var points = new List<ShareOfVoicePoint>(n);
            var totals = new long[group.Count];
            for (var i = 0; i < n; i++)
            {
                var vols = members.Select(m => m?.Points[i].Volume ?? 0).ToArray();
                var sum = vols.Sum();
                for (var g = 0; g < group.Count; g++)
                {
                    totals[g] += vols[g];
                }

                points.Add(new ShareOfVoicePoint(byKey[brand].Points[i].Start, sum,
                    group.Select((g, j) => (g, share: sum == 0 ? 0 : Math.Round(vols[j] / (double)sum, 4))).ToDictionary(x => x.g, x => x.share)));
            }

            var all = totals.Sum();
            result.Add(new ShareOfVoice(brand, group,
                group.Select((g, j) => (g, share: all == 0 ? 0 : Math.Round(totals[j] / (double)all, 4))).ToDictionary(x => x.g, x => x.share),
                points));
        }

        return result;
    }
}
