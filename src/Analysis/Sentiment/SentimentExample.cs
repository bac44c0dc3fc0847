using Marketing.Core.Domain;

namespace Marketing.Analysis.Sentiment;

/// <summary>One labelled text, with the line it started on in its file (for error messages).</summary>
public sealed record SentimentExample(SentimentLabel Label, string Text, long Line = 0);
