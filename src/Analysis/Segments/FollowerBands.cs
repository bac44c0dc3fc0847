namespace Marketing.Analysis.Segments;

/// <summary>Follower-count bands, by decade: the reach classes marketers buy by.</summary>
public static class FollowerBands
{
    public static readonly string[] All = ["<100", "100-1k", "1k-10k", "10k-100k", "100k+"];

    public static string Of(long followers) => followers switch
    {
        < 100 => All[0],
        < 1_000 => All[1],
        < 10_000 => All[2],
        < 100_000 => All[3],
        _ => All[4],
    };
}
