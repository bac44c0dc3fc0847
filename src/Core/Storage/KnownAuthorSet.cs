namespace Marketing.Core.Storage;

/// <summary>
/// The authors a store has seen committed, as (platform, author id): one writer adds (under the store's lock, after a
/// commit), any number of threads look up without a lock (every post of a batch, while it is prepared).
/// <para>
/// A lookup is one probe of an open-addressing table of (hash, id) slots, then one comparison with the stored id:
/// two places in memory, against three or four for a dictionary (buckets, entry or node, key), and with 100k authors
/// each of them misses the CPU caches. The writer fills a slot's id before its hash, so a reader that sees the hash
/// sees the id. A reader may use a table the writer has just replaced (grown or cleared): it then misses the newest
/// authors, which only costs a no-op insert; it never finds an author that was not added.
/// </para>
/// </summary>
internal sealed class KnownAuthorSet(int limit)
{
    private sealed class Table(string platform, int capacity)
    {
        public readonly string Platform = platform;
        public readonly Slot[] Slots = new Slot[capacity];
        public int Count;
    }

    private struct Slot
    {
        public int Hash;
        public string? Id;
    }

    // One table per platform (a store holds a handful); replaced, never changed, when a platform is added.
    private volatile Table[] _tables = [];
    private int _count;

    public bool Contains(string platform, string id)
    {
        var table = Find(_tables, platform);
        if (table is null)
        {
            return false;
        }

        var slots = table.Slots;
        var hash = HashOf(id);
        var mask = slots.Length - 1;
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            var h = Volatile.Read(ref slots[i].Hash);
            if (h == 0)
            {
                return false;
            }

            if (h == hash && string.Equals(slots[i].Id, id, StringComparison.Ordinal))
            {
                return true;
            }
        }
    }

    /// <summary>Adds an author (writer only). When the set holds its limit it starts over empty.</summary>
    public void Add(string platform, string id)
    {
        if (_count >= limit)
        {
            _tables = [];
            _count = 0;
        }

        var tables = _tables;
        var index = IndexOf(tables, platform);
        if (index < 0)
        {
            tables = [.. tables, new Table(platform, 1024)];
            index = tables.Length - 1;
            _tables = tables;
        }

        var table = tables[index];
        if ((table.Count + 1) * 2 > table.Slots.Length)
        {
            // Grown into a new table, published whole: readers keep the old one until they next look.
            var grown = new Table(platform, table.Slots.Length * 2);
            foreach (var slot in table.Slots)
            {
                if (slot.Hash != 0)
                {
                    Insert(grown, slot.Hash, slot.Id!);
                }
            }

            table = grown;
            tables = [.. tables];
            tables[index] = grown;
            _tables = tables;
        }

        if (Insert(table, HashOf(id), id))
        {
            _count++;
        }
    }

    private static bool Insert(Table table, int hash, string id)
    {
        var slots = table.Slots;
        var mask = slots.Length - 1;
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            if (slots[i].Hash == 0)
            {
                slots[i].Id = id;
                Volatile.Write(ref slots[i].Hash, hash);
                table.Count++;
                return true;
            }

            if (slots[i].Hash == hash && string.Equals(slots[i].Id, id, StringComparison.Ordinal))
            {
                return false;
            }
        }
    }

    private static Table? Find(Table[] tables, string platform) => IndexOf(tables, platform) is var i and >= 0 ? tables[i] : null;

    private static int IndexOf(Table[] tables, string platform)
    {
        for (var i = 0; i < tables.Length; i++)
        {
            if (string.Equals(tables[i].Platform, platform, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    // Never 0, which marks an empty slot. The process's randomized string hash: ids come from outside.
    private static int HashOf(string id) => id.GetHashCode(StringComparison.Ordinal) | 1;
}
