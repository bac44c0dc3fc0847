namespace Marketing.Core.Threading;

/// <summary>
/// Runs a cheap per-item body over a batch on every core: in a few contiguous ranges per core rather than one task per
/// item, with at most one worker per core (the calling thread included). Small batches, or one core, run inline.
/// </summary>
public static class ParallelRanges
{
    /// <summary>Below this many items the batch runs on the calling thread.</summary>
    public const int MinParallel = 256;

    /// <summary>Calls <paramref name="body"/> once for every index in [0, <paramref name="count"/>).</summary>
    public static void For(int count, Action<int> body)
    {
        if (count < MinParallel || Environment.ProcessorCount == 1)
        {
            for (var i = 0; i < count; i++)
            {
                body(i);
            }

            return;
        }

        // A few ranges per core: work stealing evens them out when another thread (a store writer) shares a core.
        var parts = Math.Min(Environment.ProcessorCount * 4, (count + 127) / 128);
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, part =>
        {
            var to = (int)((long)count * (part + 1) / parts);
            for (var i = (int)((long)count * part / parts); i < to; i++)
            {
                body(i);
            }
        });
    }
}
