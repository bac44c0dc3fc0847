using Marketing.Core.Threading;
using NUnit.Framework;

namespace Marketing.Core.Tests.Threading;

/// <summary>ParallelRanges.For: the batch loop of decoding and scoring.</summary>
public sealed class ParallelRangesTests
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(ParallelRanges.MinParallel - 1)]
    [TestCase(ParallelRanges.MinParallel)]
    [TestCase(1000)]
    [TestCase(100_003)]
    public void Every_index_is_visited_exactly_once(int count)
    {
        var visits = new int[count];
        ParallelRanges.For(count, i => Interlocked.Increment(ref visits[i]));
        Assert.That(visits, Has.All.EqualTo(1));
    }

    [TestCase(0)]
    [TestCase(ParallelRanges.MinParallel - 1)]
    [TestCase(1000)]
    [TestCase(100_003)]
    public void Ranges_cover_every_index_once_and_each_part_once(int count)
    {
        var parts = ParallelRanges.PartCount(count);
        var visits = new int[count];
        var partCalls = new int[parts];
        ParallelRanges.ForRanges(count, (part, from, to) =>
        {
            Interlocked.Increment(ref partCalls[part]);
            for (var i = from; i < to; i++)
            {
                Interlocked.Increment(ref visits[i]);
            }
        });
        Assert.That(visits, Has.All.EqualTo(1));
        Assert.That(partCalls, Has.All.EqualTo(1));
        Assert.That(parts, count < ParallelRanges.MinParallel ? Is.EqualTo(1) : Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public void Small_batches_run_on_the_calling_thread_in_order()
    {
        var caller = Environment.CurrentManagedThreadId;
        var seen = new List<int>();
        ParallelRanges.For(ParallelRanges.MinParallel - 1, i =>
        {
            Assert.That(Environment.CurrentManagedThreadId, Is.EqualTo(caller));
            seen.Add(i);
        });
        Assert.That(seen, Is.EqualTo(Enumerable.Range(0, ParallelRanges.MinParallel - 1)));
    }

    [Test]
    public void Large_batches_use_no_more_workers_than_cores()
    {
        var running = 0;
        var most = 0;
        ParallelRanges.For(20_000, _ =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            Thread.SpinWait(200);
            Interlocked.Decrement(ref running);
        });
        Assert.That(most, Is.InRange(1, Environment.ProcessorCount));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
