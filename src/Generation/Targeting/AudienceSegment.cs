namespace Marketing.Generation.Targeting;

/// <summary>An audience: who is in it, described so a media buyer can rebuild it on a platform.</summary>
public sealed class AudienceSegment
{
    public string Id { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>The attributes that define it (region, follower band, platforms...).</summary>
    public Dictionary<string, string> Definition { get; set; } = [];

    public int Authors { get; set; }

    /// <summary>Posts about the brand in the window.</summary>
    public long Posts { get; set; }

    /// <summary>auto-location, or the artifact it came from.</summary>
    public string Source { get; set; } = "";
}
