namespace Marketing.Core.Domain;

public sealed class Engagement
{
    public long Likes { get; set; }

    public long Shares { get; set; }

    public long Replies { get; set; }

    public long Views { get; set; }

    /// <summary>Interactions a person made: likes + shares + replies (views are passive).</summary>
    public long Total => Likes + Shares + Replies;
}
