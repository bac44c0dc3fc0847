namespace Marketing.Reports.Model;

/// <summary>An emerging topic: its volume now and in the previous period. <see cref="Source"/> is "topics" or "hashtags".</summary>
public sealed record TopicItem(string Label, IReadOnlyList<string> Terms, long Volume, long PreviousVolume, double? Growth, string Source);
