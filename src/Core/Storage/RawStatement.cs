using System.Runtime.InteropServices;
using System.Text;
using SQLitePCL;

namespace Marketing.Core.Storage;

/// <summary>
/// A SQLite statement prepared once and bound by position, for the bulk write path. Runs inside the caller's open
/// transaction on the same connection. Only the storage layer's constant SQL reaches it; values are always bound.
/// <para>
/// The hot calls (bind, step, reset) go straight to e_sqlite3 (the library SQLitePCL already loaded) with raw
/// handles: SQLitePCL's own calls add a SafeHandle add-ref/release, a provider indirection and a UTF-16 to UTF-8 copy
/// on the heap for every value, which at ~50 binds a post cost more than SQLite's own work. Text is bound from a
/// <see cref="Utf8Arena"/> as SQLITE_STATIC, so the arena must keep the bytes until the statement has run.
/// </para>
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;
    private readonly IntPtr _dbHandle;
    private readonly IntPtr _handle;

    public RawStatement(sqlite3 db, string sql)
    {
        Native.EnsureSameLibrary();
        _db = db;
        Check(raw.sqlite3_prepare_v2(db, sql, out _stmt));
        _dbHandle = db.DangerousGetHandle();
        _handle = _stmt.DangerousGetHandle();
        ParameterCount = raw.sqlite3_bind_parameter_count(_stmt);
    }

    /// <summary>The largest parameter number in the statement.</summary>
    public int ParameterCount { get; }

    /// <summary>Binds text already encoded in <paramref name="arena"/> (see <see cref="Utf8Arena.Add"/>).</summary>
    public RawStatement Text(int index, Utf8Arena.Span value)
    {
        if (value.IsNull)
        {
            return Null(index);
        }

        NotNull(index);
        Check(Native.sqlite3_bind_text(_handle, index, value.Pointer, value.Length, IntPtr.Zero));
        return this;
    }

    public RawStatement Int(int index, long value)
    {
        NotNull(index);
        Check(Native.sqlite3_bind_int64(_handle, index, value));
        return this;
    }

    public RawStatement Real(int index, double? value)
    {
        if (value is null)
        {
            return Null(index);
        }

        NotNull(index);
        Check(Native.sqlite3_bind_double(_handle, index, value.Value));
        return this;
    }

    // Parameters 1-64 known to be bound to NULL (bit index - 1). A new statement has every parameter NULL, and reset
    // keeps the bindings, so a NULL already in place is not bound again: a post row has a dozen NULL columns (no
    // scores, no reply or quote, ...) that would otherwise cost a native call each, for every row. A bit is cleared
    // before any other bind of its parameter is tried, so a failed bind never leaves a parameter taken for NULL.
    private ulong _nulls = ulong.MaxValue;

    private RawStatement Null(int index)
    {
        var bit = index is >= 1 and <= 64 ? 1UL << (index - 1) : 0;
        if ((_nulls & bit) != 0)
        {
            return this;
        }

        Check(Native.sqlite3_bind_null(_handle, index));
        _nulls |= bit;
        return this;
    }

    private void NotNull(int index)
    {
        if (index is >= 1 and <= 64)
        {
            _nulls &= ~(1UL << (index - 1));
        }
    }

    /// <summary>Sets every parameter back to NULL (the statement then holds no pointer to bound text).</summary>
    public void ClearBindings()
    {
        Check(Native.sqlite3_clear_bindings(_handle));
        _nulls = ulong.MaxValue;
    }

    /// <summary>Runs the statement; returns the rows it changed.</summary>
    public int Execute()
    {
        try
        {
            var rc = Native.sqlite3_step(_handle);
            if (rc is not (raw.SQLITE_DONE or raw.SQLITE_ROW))
            {
                Check(rc);
            }

            return Native.sqlite3_changes(_dbHandle);
        }
        finally
        {
            Native.sqlite3_reset(_handle);
        }
    }

    /// <summary>Runs a query for its first row: false when there is none, else true with the row's column 0 (text) and column 1 (integer).</summary>
    public bool QueryRow(out string? text0, out long int1)
    {
        try
        {
            var rc = Native.sqlite3_step(_handle);
            if (rc == raw.SQLITE_DONE)
            {
                (text0, int1) = (null, 0);
                return false;
            }

            if (rc != raw.SQLITE_ROW)
            {
                Check(rc);
            }

            text0 = raw.sqlite3_column_text(_stmt, 0).utf8_to_string();
            int1 = Native.sqlite3_column_int64(_handle, 1);
            return true;
        }
        finally
        {
            Native.sqlite3_reset(_handle);
        }
    }

    public void Dispose() => _stmt.Dispose();

    /// <summary>Pages the connection wrote to disk (in WAL mode: WAL frames) since the last call.</summary>
    public static long PagesWritten(sqlite3 db)
    {
        const int cacheWrite = 9; // SQLITE_DBSTATUS_CACHE_WRITE
        return Native.sqlite3_db_status(db.DangerousGetHandle(), cacheWrite, out var current, out _, 1) == raw.SQLITE_OK ? current : 0;
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new Microsoft.Data.Sqlite.SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(_db).utf8_to_string()}", rc);
        }
    }

    /// <summary>
    /// Direct entry points of the e_sqlite3 library. Binds, reset and changes are short and never block (the connection
    /// is used by one thread at a time), so they skip the GC transition; step does I/O and keeps it.
    /// </summary>
    private static class Native
    {
        private const string Lib = "e_sqlite3";

#pragma warning disable SYSLIB1054 // blittable signatures: DllImport needs no marshalling code here, and no unsafe blocks.
        [DllImport(Lib, ExactSpelling = true)]
        [SuppressGCTransition]
        public static extern int sqlite3_bind_text(IntPtr stmt, int index, IntPtr value, int bytes, IntPtr destructor);

        [DllImport(Lib, ExactSpelling = true)]
        [SuppressGCTransition]
        public static extern int sqlite3_bind_int64(IntPtr stmt, int index, long value);

        [DllImport(Lib, ExactSpelling = true)]
        [SuppressGCTransition]
        public static extern int sqlite3_bind_double(IntPtr stmt, int index, double value);

        [DllImport(Lib, ExactSpelling = true)]
        [SuppressGCTransition]
        public static extern int sqlite3_bind_null(IntPtr stmt, int index);

        [DllImport(Lib, ExactSpelling = true)]
        public static extern int sqlite3_step(IntPtr stmt);

        [DllImport(Lib, ExactSpelling = true)]
        [SuppressGCTransition]
        public static extern int sqlite3_reset(IntPtr stmt);

        [DllImport(Lib, ExactSpelling = true)]
        [SuppressGCTransition]
        public static extern int sqlite3_changes(IntPtr db);

        [DllImport(Lib, ExactSpelling = true)]
        [SuppressGCTransition]
        public static extern int sqlite3_clear_bindings(IntPtr stmt);

        [DllImport(Lib, ExactSpelling = true)]
        [SuppressGCTransition]
        public static extern long sqlite3_column_int64(IntPtr stmt, int column);
        [DllImport(Lib, ExactSpelling = true)]
        public static extern int sqlite3_libversion_number();

        [DllImport(Lib, ExactSpelling = true)]
        public static extern int sqlite3_db_status(IntPtr db, int op, out int current, out int highwater, int reset);
#pragma warning restore SYSLIB1054

        private static readonly Lazy<bool> SameLibrary = new(() =>
            raw.GetNativeLibraryName() == Lib && sqlite3_libversion_number() == raw.sqlite3_libversion_number());

        /// <summary>The handles come from SQLitePCL: they are only valid in the very library it loaded.</summary>
        public static void EnsureSameLibrary()
        {
            if (!SameLibrary.Value)
            {
                throw new InvalidOperationException(
                    $"The SQLite bulk path needs SQLitePCL's e_sqlite3 provider, but it uses '{raw.GetNativeLibraryName()}' (SQLite {raw.sqlite3_libversion().utf8_to_string()}).");
            }
        }
    }
}

/// <summary>
/// UTF-8 copies of strings, in pinned memory, for binding as SQLITE_STATIC. <see cref="Reset"/> starts over (before
/// each row of the write loop); a span stays valid until the next reset or <see cref="Dispose"/> (a full block is kept,
/// not moved, when a new one is needed). Blocks come from a shared pool and go back on reset and dispose: a batch
/// encodes its rows into a few arenas while it is prepared, and would otherwise leave a trail of pinned blocks.
/// </summary>
internal sealed class Utf8Arena : IDisposable
{
    private const int BlockSize = 64 * 1024;
    private const int PoolLimit = 256;
    private static readonly System.Collections.Concurrent.ConcurrentBag<byte[]> Pool = [];
    private readonly List<byte[]> _full = [];
    private byte[] _block;
    private IntPtr _base;
    private int _used;

    public Utf8Arena()
    {
        _block = Take(BlockSize);
        _base = Marshal.UnsafeAddrOfPinnedArrayElement(_block, 0);
    }

    public readonly record struct Span(IntPtr Pointer, int Length, bool IsNull);

    public void Reset()
    {
        _used = 0;
        foreach (var block in _full)
        {
            Return(block);
        }

        _full.Clear();
    }

    /// <summary>Returns every block to the pool: the arena and its spans must not be used after.</summary>
    public void Dispose()
    {
        Reset();
        Return(_block);
        _block = [];
        _base = IntPtr.Zero;
    }

    public Span Add(string? value)
    {
        if (value is null)
        {
            return new Span(IntPtr.Zero, 0, true);
        }

        if (value.Length == 0)
        {
            // SQLite takes a zero length with any non-null pointer as the empty string (not NULL).
            return new Span(_base, 0, false);
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_used + max > _block.Length)
        {
            _full.Add(_block);
            _block = Take(max);
            _base = Marshal.UnsafeAddrOfPinnedArrayElement(_block, 0);
            _used = 0;
        }

        var n = Encoding.UTF8.GetBytes(value, _block.AsSpan(_used));
        var span = new Span(_base + _used, n, false);
        _used += n;
        return span;
    }

    private static byte[] Take(int atLeast) =>
        atLeast <= BlockSize && Pool.TryTake(out var block) ? block : GC.AllocateUninitializedArray<byte>(Math.Max(BlockSize, atLeast), pinned: true);

    private static void Return(byte[] block)
    {
        // Only standard blocks are pooled; a larger one (a huge text) is left to the GC.
        if (block.Length == BlockSize && Pool.Count < PoolLimit)
        {
            Pool.Add(block);
        }
    }
}
