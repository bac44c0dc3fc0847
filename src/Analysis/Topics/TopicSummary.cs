namespace Marketing.Analysis.Topics;

/// <summary>A topic as one run saw it: its posts in the window and examples.</summary>
/// <param name="IsNew">Made in this run (no existing topic fitted its posts).</param>
public sealed record TopicSummary(
    string Id,
    string Label,
    string? Explanation,
    string? ExplanationSource,
    IReadOnlyList<string> Terms,
    long Posts,
    double Share,
    double NetSentiment,
    bool IsNew,
    IReadOnlyList<string> SamplePostIds);
