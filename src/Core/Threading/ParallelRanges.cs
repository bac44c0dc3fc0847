namespace Marketing.Core.Threading;

/// <summary>
/// Runs a cheap per-item body over a batch on every core: in a few contiguous ranges per core rather than one task per
/// item, with at most one worker per core (the calling thread included). Small batches, or one core, run inline.
/// </summary>
public static class ParallelRanges
{
    /// <summary>Below this many items the batch runs on the calling thread.</summary>
    public const int MinParallel = 256;

    /// <summary>How many ranges <see cref="ForRanges"/> cuts <paramref name="count"/> items into (1: inline).</summary>
    public static int PartCount(int count) =>
        // A few ranges per core: work stealing evens them out when another thread (a store writer) shares a core.
        count < MinParallel || Environment.ProcessorCount == 1 ? 1 : Math.Min(Environment.ProcessorCount * 4, (count + 127) / 128);

    /// <summary>Calls <paramref name="body"/> once for every index in [0, <paramref name="count"/>).</summary>
    public static void For(int count, Action<int> body) =>
        ForRanges(count, (_, from, to) =>
        {
            for (var i = from; i < to; i++)
            {
                body(i);
            }
        });

    /// <summary>
    /// Calls <paramref name="body"/>(part, from, to) once for each of the <see cref="PartCount"/> contiguous ranges
    /// that cover [0, <paramref name="count"/>), for a body that keeps state per range (part indexes it).
    /// </summary>
    public static void ForRanges(int count, Action<int, int, int> body)
    {
        var parts = PartCount(count);
        if (parts == 1)
        {
            body(0, 0, count);
            return;
        }

        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, part =>
            body(part, (int)((long)count * part / parts), (int)((long)count * (part + 1) / parts)));
    }
}
