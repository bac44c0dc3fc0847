using Marketing.Generation.Evidence;

namespace Marketing.Generation.Targeting;

/// <summary>A set of segments and the rule that puts a post's author in one of them.</summary>
public interface ISegmentModel
{
    IReadOnlyList<AudienceSegment> Segments { get; }

    /// <summary>The segment id of the post's author, or null when the author is in none.</summary>
    string? SegmentOf(PostFacts post);
}
