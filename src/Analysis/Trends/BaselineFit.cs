namespace Marketing.Analysis.Trends;

/// <summary>The expected count of every bucket of a series and the test of each bucket against it.</summary>
/// <param name="TestedFrom">The first tested bucket: 0, or the end of a new series' burn-in.</param>
/// <param name="FirstPost">The first bucket with a post, or -1 for an empty series.</param>
/// <param name="IsNew">The series started mid-window (no posts in the first burn-in buckets).</param>
/// <param name="Dispersion">Negative-binomial α (variance = μ + αμ²); 0 is Poisson.</param>
/// <param name="PValues">Upper-tail p of each bucket; 1 for untested buckets and those below the effect floor.</param>
public sealed record BaselineFit(
    double[] Expected,
    int TestedFrom,
    int FirstPost,
    bool IsNew,
    double Dispersion,
    double[] PValues);
