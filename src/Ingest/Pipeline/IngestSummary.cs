namespace Marketing.Ingest.Pipeline;

/// <summary>
/// What a run did. <see cref="Read"/> = <see cref="Stored"/> + <see cref="Duplicates"/> + <see cref="Rejected"/>:
/// every record read is a post (one JSON document may hold many) that was stored new, was already there (same
/// platform and id: updated in place, counted as a duplicate), or was rejected with a reason.
/// </summary>
public sealed class IngestSummary
{
    public long Read => Stored + Duplicates + Rejected;

    public long Stored { get; set; }

    public long Duplicates { get; set; }

    public long Rejected => RejectedByReason.Values.Sum();

    public SortedDictionary<string, long> RejectedByReason { get; } = new(StringComparer.Ordinal);

    /// <summary>Stored posts whose text repeats an earlier post's (retweets, copy-paste campaigns).</summary>
    public long NearDuplicates { get; set; }

    public int Files { get; set; }

    public double Seconds { get; set; }

    public double PostsPerSecond => Seconds > 0 ? Math.Round(Read / Seconds) : 0;

    public void AddRejects(IEnumerable<Core.Domain.RejectedRecord> rejects)
    {
        foreach (var r in rejects)
        {
            RejectedByReason[r.Reason] = RejectedByReason.GetValueOrDefault(r.Reason) + 1;
        }
    }

    /// <summary>The <c>--json</c> shape: {"read":..,"stored":..,"duplicates":..,"rejected":..,"rejected_by_reason":{..}}.</summary>
    public object ToJson() => new
    {
        read = Read,
        stored = Stored,
        duplicates = Duplicates,
        rejected = Rejected,
        rejected_by_reason = RejectedByReason,
        near_duplicates = NearDuplicates,
        files = Files,
        seconds = Math.Round(Seconds, 3),
        posts_per_second = PostsPerSecond,
    };

    public override string ToString()
    {
        var reasons = RejectedByReason.Count == 0 ? "" : " (" + string.Join(", ", RejectedByReason.Select(kv => $"{kv.Key} {kv.Value:N0}")) + ")";
        return $"read {Read:N0}, stored {Stored:N0}, duplicates {Duplicates:N0}, rejected {Rejected:N0}{reasons}, near-duplicates {NearDuplicates:N0}; {Seconds:0.0} s, {PostsPerSecond:N0} posts/s";
    }
}
