namespace Marketing.Analysis.Topics;

/// <summary>The topic of each post (<c>platform/post_id</c> → topic id), and the posts that fit none.</summary>
public sealed record TopicAssignment(IReadOnlyDictionary<string, string> TopicOf, int Unassigned, IReadOnlyList<string> NewTopicIds);
