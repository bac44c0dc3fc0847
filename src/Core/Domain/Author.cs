namespace Marketing.Core.Domain;

public sealed class Author
{
    public string Id { get; set; } = "";

    public string? Handle { get; set; }

    public string? DisplayName { get; set; }

    public long Followers { get; set; }

    public string? Location { get; set; }

    public bool Verified { get; set; }
}
