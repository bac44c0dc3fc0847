using Marketing.Core.Storage;
using NUnit.Framework;

namespace Marketing.Core.Tests.Storage;

public sealed class KnownAuthorSetTests
{
    [Test]
    public void An_author_is_known_once_added_and_only_on_its_own_platform()
    {
        var set = new KnownAuthorSet(limit: 1000);
        Assert.That(set.Contains("x", "a1"), Is.False);

        set.Add("x", "a1");
        set.Add("x", "a1");

        Assert.Multiple(() =>
        {
            Assert.That(set.Contains("x", "a1"), Is.True);
            Assert.That(set.Contains("reddit", "a1"), Is.False);
            Assert.That(set.Contains("x", "a2"), Is.False);
            Assert.That(set.Contains("x", ""), Is.False);
        });
    }

    [Test]
    public void Every_added_author_is_still_known_after_the_table_grew_many_times_and_no_other_is()
    {
        var set = new KnownAuthorSet(limit: 1 << 20);
        for (var i = 0; i < 100_000; i++)
        {
            set.Add(i % 3 == 0 ? "reddit" : "x", "a" + i);
        }

        var wrong = Enumerable.Range(0, 100_000).Count(i => !set.Contains(i % 3 == 0 ? "reddit" : "x", "a" + i) || set.Contains(i % 3 == 0 ? "x" : "reddit", "a" + i))
            + Enumerable.Range(100_000, 100_000).Count(i => set.Contains("x", "a" + i));
        Assert.That(wrong, Is.Zero);
    }

    [Test]
    public void A_full_set_starts_over_and_forgets_the_authors_it_held()
    {
        var set = new KnownAuthorSet(limit: 10);
        for (var i = 0; i < 10; i++)
        {
            set.Add("x", "a" + i);
        }

        set.Add("x", "new");

        Assert.Multiple(() =>
        {
            Assert.That(set.Contains("x", "new"), Is.True);
            Assert.That(Enumerable.Range(0, 10).Count(i => set.Contains("x", "a" + i)), Is.Zero);
        });
    }

    [Test]
    public void Readers_during_adds_never_find_an_author_that_was_not_added()
    {
        var set = new KnownAuthorSet(limit: 1 << 20);
        using var done = new CancellationTokenSource();
        var falsePositives = 0;
        var reader = Task.Run(() =>
        {
            var k = 0;
            while (!done.IsCancellationRequested)
            {
                // Odd ids are never added.
                if (set.Contains("x", "a" + ((k++ % 50_000 * 2) + 1)))
                {
                    Interlocked.Increment(ref falsePositives);
                }
            }
        });

        for (var i = 0; i < 100_000; i += 2)
        {
            set.Add("x", "a" + i);
        }

        done.Cancel();
        reader.Wait();
        Assert.Multiple(() =>
        {
            Assert.That(falsePositives, Is.Zero);
            Assert.That(Enumerable.Range(0, 50_000).All(i => set.Contains("x", "a" + (i * 2))), Is.True);
        });
    }
}
