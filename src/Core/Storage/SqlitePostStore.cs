using System.Data.Common;
using Dapper;
using Marketing.Core.Domain;
using Marketing.Core.Threading;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace Marketing.Core.Storage;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. Writes from this process are serialized (SQLite has one writer);
/// other processes wait on the busy timeout. The bulk path reuses prepared commands inside one transaction.
/// </summary>
public sealed class SqlitePostStore : DapperPostStore
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    // The bulk path's own connection to a plain database file, opened without SQLite's per-connection mutex (see
    // WriteBatchAsync); null for other data sources (in-memory, URIs), which take the shared connections.
    private readonly string? _bulkFile;
    private sqlite3? _bulkDb;
    private long _bulkPageSize;
    private int _disposed;

    private SqlitePostStore(string connectionString, string display, string? bulkFile, ILogger logger)
        : base(logger)
    {
        _connectionString = connectionString;
        DisplayName = display;
        _bulkFile = bulkFile;
    }

    public override string Backend => "sqlite";

    public override string DisplayName { get; }

    protected override string InsensitiveLike => "LIKE";

    private static async Task<SqlitePostStore> OpenAsync(string pathOrConnectionString, ILogger logger, int upToVersion, CancellationToken ct)
    {
        var builder = pathOrConnectionString.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(pathOrConnectionString)
            : new SqliteConnectionStringBuilder { DataSource = pathOrConnectionString };
        builder.Pooling = true;
        builder.DefaultTimeout = 60;
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }
        }

        var plainFile = builder.DataSource is { Length: > 0 } f && f != ":memory:" && builder.Mode is SqliteOpenMode.ReadWriteCreate or SqliteOpenMode.ReadWrite
            && !f.StartsWith("file:", StringComparison.OrdinalIgnoreCase) && !f.Contains("|DataDirectory|", StringComparison.OrdinalIgnoreCase)
            && string.IsNullOrEmpty(builder.Password)
            ? Path.GetFullPath(f)
            : null;
        var store = new SqlitePostStore(builder.ToString(), builder.DataSource, plainFile, logger);
        await store.MigrateAsync(ct, upToVersion);
        return store;
    }

    public static Task<SqlitePostStore> OpenAsync(string pathOrConnectionString, ILogger logger, CancellationToken ct = default) =>
        OpenAsync(pathOrConnectionString, logger, int.MaxValue, ct);

    /// <summary>
    /// For benchmarks that compare store variants in one process (bench/Bench, <c>ingest-ab</c>): a store whose schema
    /// stops at <paramref name="schemaVersion"/>, with <paramref name="bulkPragmas"/> run on its bulk connection after
    /// the usual settings, and optionally without reusing the bulk statements across batches.
    /// </summary>
    internal static async Task<SqlitePostStore> OpenVariantAsync(string path, int schemaVersion, string? bulkPragmas, bool reuseStatements, ILogger logger, CancellationToken ct = default)
    {
        var store = await OpenAsync(path, logger, schemaVersion, ct);
        store._bulkPragmas = bulkPragmas;
        store._reuseStatements = reuseStatements;
        return store;
    }

    private string? _bulkPragmas;
    private bool _reuseStatements = true;

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken ct)
    {
        var conn = new SqliteConnection(_connectionString);
        await conn.OpenAsync(ct);
        // WAL lets readers (the dashboard, reports) run while a consumer writes; NORMAL is durable across a process
        // crash, and loses at most the last commit on power loss, which at-least-once redelivery covers.
        // Checkpoints (copy the WAL into the file, then fsync) every 128 MiB of WAL rather than SQLite's 1000 pages:
        // a 5000-post batch writes more than 1000 pages, so the default checkpointed (and synced) after every batch,
        // and pages rewritten by consecutive batches (authors, index tails) were copied each time.
        if (_checkpointPages == 0)
        {
            await conn.ExecuteAsync(new CommandDefinition(ConnectionPragmas, cancellationToken: ct));
            _checkpointPages = CheckpointPages(await conn.ExecuteScalarAsync<long>(new CommandDefinition("PRAGMA page_size", cancellationToken: ct)));
        }

        await conn.ExecuteAsync(new CommandDefinition(ConnectionPragmas + $" PRAGMA wal_autocheckpoint={_checkpointPages};", cancellationToken: ct));
        return conn;
    }

    // A new database gets 16 KiB pages (SQLite's default is 4 KiB): a post row is ~0.5-1 KB, so each page holds
    // four times the rows, and a batch writes a quarter of the WAL frames (one pwrite and one page-cache entry each)
    // and splits a quarter of the pages. page_size only takes effect before the file's first write, so it comes before
    // journal_mode (which writes the header); on an existing file it changes nothing. See README, Storage, Measured.
    private const string ConnectionPragmas =
        "PRAGMA busy_timeout=60000; PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-131072; PRAGMA temp_store=MEMORY;";

    // SQLite's automatic checkpoint (run by the connection that commits, inside its COMMIT) when the WAL holds
    // 128 MiB, whatever the file's page size (8192 pages of 16 KiB). For the bulk path it is only the cap: that path
    // checkpoints in the background (BackgroundCheckpointBytes). Against 32 MiB, it also copies the pages that
    // consecutive batches rewrite (index tails, authors) less often. The WAL file goes when the last connection closes.
    private const long CheckpointBytes = 128L << 20;

    // Pages per checkpoint for this file (0 until a connection has read its page size, which never changes in WAL mode).
    private int _checkpointPages;

    private static int CheckpointPages(long pageSize) => (int)(CheckpointBytes / Math.Clamp(pageSize, 512, 65536));

    // The bulk path checkpoints in the background once this much WAL was written since the last one, so the writer
    // (the pipeline's one serial stage) does not stall on the copy and its two fsyncs (~0.2 s for 128 MiB here, while
    // the decoders, two batches ahead at most, ran out of work). SQLite's automatic checkpoint (CheckpointBytes) is
    // left in place as the cap, and is the one that runs when the background ones fall behind.
    private const long BackgroundCheckpointBytes = 64L << 20;

    // Background checkpoints: the WAL bytes written since the last one (writer only, under the write lock), the
    // running one, and its own connection (used by one checkpoint at a time). No new one starts once closing.
    private long _walBytesSinceCheckpoint;
    private Task _checkpoint = Task.CompletedTask;
    private sqlite3? _checkpointDb;
    private bool _closing;

    /// <summary>
    /// Counts the WAL the commit wrote; past <see cref="BackgroundCheckpointBytes"/> starts a checkpoint on another
    /// thread. Runs under the write lock, right after COMMIT. The checkpoint is PASSIVE (it copies committed frames
    /// while the writer goes on), then takes the write lock for a second, short pass over the frames committed
    /// meanwhile: the WAL is then fully copied, and the next write starts it over instead of growing it. Durability
    /// is unchanged: a commit never waited for the checkpoint, which still syncs the WAL and then the file.
    /// </summary>
    private void AfterCommit(sqlite3 db)
    {
        _walBytesSinceCheckpoint += RawStatement.PagesWritten(db) * _bulkPageSize;
        if (_walBytesSinceCheckpoint < BackgroundCheckpointBytes || !_checkpoint.IsCompleted || _closing)
        {
            return;
        }

        _walBytesSinceCheckpoint = 0;
        _checkpoint = Task.Run(CheckpointAsync);
    }

    private async Task CheckpointAsync()
    {
        try
        {
            var db = _checkpointDb ??= OpenBulkConnection(_bulkFile!);
            Checkpoint(db);
            await _writeLock.WaitAsync();
            try
            {
                if (!_closing)
                {
                    Checkpoint(db);
                }
            }
            finally
            {
                _writeLock.Release();
            }
        }
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException or ObjectDisposedException)
        {
            // SQLite's own checkpoint at the cap still bounds the WAL.
            Logger.LogWarning(ex, "Background checkpoint of {Store} failed", DisplayName);
        }
    }

    private static void Checkpoint(sqlite3 db)
    {
        var rc = raw.sqlite3_wal_checkpoint_v2(db, null, raw.SQLITE_CHECKPOINT_PASSIVE, out _, out _);
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_BUSY or raw.SQLITE_LOCKED))
        {
            throw new SqliteException($"SQLite error {rc} in a checkpoint: {raw.sqlite3_errmsg(db).utf8_to_string()}", rc);
        }
    }

    protected override async Task LockForMigrationAsync(DbConnection conn, DbTransaction tx, CancellationToken ct)
    {
        // Take the write lock at once, so two processes opening a new file migrate one after the other.
        await conn.ExecuteAsync(new CommandDefinition("CREATE TABLE IF NOT EXISTS migration_lock (id INTEGER PRIMARY KEY); DELETE FROM migration_lock;", transaction: tx, cancellationToken: ct));
    }

    private protected override async Task<int> UpsertDistinctAsync(DbConnection conn, DbTransaction tx, PreparedPosts batch, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            using var statements = new BulkStatements(((SqliteConnection)conn).Handle!);
            return UpsertPrepared(statements, batch, ct);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// A batch on a database file goes through one long-lived connection of this store, opened in SQLite's
    /// multi-thread mode (<c>SQLITE_OPEN_NOMUTEX</c>): the serialized mode of the shared connections takes a mutex on
    /// every bind and step, about 8% of a new post's cost. That is safe here because the connection is only used under
    /// the write lock, by one thread at a time, and its statements (kept from batch to batch, see
    /// <see cref="BulkStatements"/>) are disposed under that lock before the connection, when the store is disposed:
    /// none is finalized on another thread while the connection is in use. <c>BEGIN IMMEDIATE</c> takes SQLite's write lock first, waiting on the busy
    /// timeout when another process writes.
    /// </summary>
    private protected override async Task<int> WriteBatchAsync(PreparedPosts batch, CancellationToken ct)
    {
        if (_bulkFile is null)
        {
            return await base.WriteBatchAsync(batch, ct);
        }

        await _writeLock.WaitAsync(ct);
        try
        {
            if (_bulkDb is null)
            {
                _bulkDb = OpenBulkConnection(_bulkFile);
                if (_bulkPragmas is not null)
                {
                    Exec(_bulkDb, _bulkPragmas);
                }

                _bulkPageSize = PageSize(_bulkDb);
                RawStatement.PagesWritten(_bulkDb);
            }

            var db = _bulkDb;
            Exec(db, "BEGIN IMMEDIATE");
            try
            {
                int inserted;
                if (_reuseStatements)
                {
                    _bulkStatements ??= new BulkStatements(db);
                    inserted = UpsertPrepared(_bulkStatements, batch, ct);
                }
                else
                {
                    using var statements = new BulkStatements(db);
                    inserted = UpsertPrepared(statements, batch, ct);
                }

                Exec(db, "COMMIT");
                AfterCommit(db);
                return inserted;
            }
            catch
            {
                if (raw.sqlite3_get_autocommit(db) == 0)
                {
                    raw.sqlite3_exec(db, "ROLLBACK");
                }

                throw;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static sqlite3 OpenBulkConnection(string file)
    {
        var rc = raw.sqlite3_open_v2(file, out var db, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_NOMUTEX, null);
        try
        {
            if (rc != raw.SQLITE_OK)
            {
                throw new SqliteException($"SQLite error {rc} opening {file}: {(db is null ? "" : raw.sqlite3_errmsg(db).utf8_to_string())}", rc);
            }

            // The shared connections' settings (OpenConnectionAsync), busy timeout first. A smaller page cache here
            // (32 MiB) saved ~0.3 us per post in stream order, but cost 1.5-2.5 us in random order at 1M posts,
            // whose time index no longer fitted (README, Bulk write path, Measured).
            Exec(db, ConnectionPragmas);
            Exec(db, $"PRAGMA wal_autocheckpoint={CheckpointPages(PageSize(db))}");
            return db;
        }
        catch
        {
            db?.Dispose();
            throw;
        }
    }

    private static long PageSize(sqlite3 db)
    {
        var rc = raw.sqlite3_prepare_v2(db, "PRAGMA page_size", out var stmt);
        using (stmt)
        {
            if (rc != raw.SQLITE_OK || raw.sqlite3_step(stmt) != raw.SQLITE_ROW)
            {
                throw new SqliteException($"SQLite error reading the page size: {raw.sqlite3_errmsg(db).utf8_to_string()}", rc);
            }

            return raw.sqlite3_column_int64(stmt, 0);
        }
    }

    private static void Exec(sqlite3 db, string sql)
    {
        var rc = raw.sqlite3_exec(db, sql);
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(db).utf8_to_string()}", rc);
        }
    }

    // For a post already stored: its brand list, and whether the upsert would leave its row exactly as it is (the same
    // comparison the ON CONFLICT clause makes: a copy without an analysis result keeps the stored one). Parameters
    // are numbered like the insert's (PostUpsertSql.Columns), so one set of binds serves both; a new column must be
    // added here as well as to the ON CONFLICT clause.
    private const string StoredStateSql = """
        SELECT COALESCE(brands, ''),
            author_id IS ?3 AND author_handle IS ?4 AND author_name IS ?5 AND author_followers IS ?6
            AND author_location IS ?7 AND author_verified IS ?8 AND text IS ?9 AND lang IS ?10 AND created_ms IS ?11
            AND created_offset_min IS ?12 AND likes IS ?13 AND shares IS ?14 AND replies IS ?15 AND views IS ?16
            AND url IS ?17 AND hashtags IS ?18 AND mentions IS ?19 AND links IS ?20 AND reply_to IS ?21
            AND quote_of IS ?22 AND repost_of IS ?23 AND brands IS ?24 AND campaign IS ?25
            AND near_dup_of IS COALESCE(?26, near_dup_of) AND sentiment IS COALESCE(?27, sentiment)
            AND (?27 IS NULL OR (p_neg IS ?28 AND p_neu IS ?29 AND p_pos IS ?30 AND scorer IS ?31
                AND model_version IS ?32 AND brand_sentiments IS ?33))
            AND source IS ?34 AND brand IS ?36
            AND brand_sentiment IS COALESCE(?37, brand_sentiment) AND brand_polarity IS COALESCE(?38, brand_polarity)
            AND engagement IS ?39
        FROM posts WHERE platform = ?1 AND post_id = ?2
        """;

    private const string InsertBrandLinkSql = """
        INSERT INTO post_brands (brand, platform, post_id, created_ms, sentiment, polarity, engagement)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
        """;

    private const string InsertAuthorSql = "INSERT INTO authors (platform, author_id) VALUES (?1, ?2)";

    // Authors this store has seen committed: the registry never forgets one, so they need no statement at all. Only
    // committed batches add to it (OnCommitted), so a rolled-back author is written again. Bounded: when full it starts
    // over, and the authors are looked up again (a no-op insert) until it refills. Looked up without a lock by the
    // threads that prepare batches (a lock around a HashSet made each lookup about twice as dear); the writer adds
    // under the lock.
    private const int KnownAuthorsLimit = 1 << 20;
    private readonly KnownAuthorSet _knownAuthors = new(KnownAuthorsLimit);
    private readonly Lock _knownAuthorsLock = new();

    // The authors a batch inserted, until its commit makes them known (keyed by the batch's row list).
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<PostRow>, List<PostRow>> _pendingAuthors = [];

    private static readonly int PostColumnCount = PostUpsertSql.Columns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Length;

    private static readonly string InsertPostValues =
        $"INSERT INTO posts ({PostUpsertSql.Columns}) VALUES ({string.Join(", ", Enumerable.Range(1, PostColumnCount).Select(i => "?" + i))})";

    /// <summary>
    /// The bulk path. New posts (the common case) cost one plain insert each: <c>ON CONFLICT DO NOTHING</c> reports
    /// whether the row was new. A repeat reads its stored brand list and whether anything would change: an exact
    /// repeat (a redelivery) writes nothing at all; otherwise it pays for the full upsert and its links. Statements
    /// are prepared once per batch and bound by position (see <see cref="RawStatement"/>).
    /// </summary>
    private int UpsertPrepared(BulkStatements statements, PreparedPosts batch, CancellationToken ct)
    {
        // The statements bind the batch's text without a copy: they forget it (all parameters back to NULL) before
        // the text's memory goes, whether the batch committed or failed.
        using var arena = new Utf8Arena();
        try
        {
            return UpsertPrepared(statements, arena, batch, ct);
        }
        finally
        {
            statements.ClearBindings();
        }
    }

    private int UpsertPrepared(BulkStatements statements, Utf8Arena arena, PreparedPosts batch, CancellationToken ct)
    {
        var (rows, posts) = (batch.Rows, batch.Distinct);
        // Encoded while preparing; a batch disposed before this write is encoded here, one row at a time.
        var prepared = (batch.Backend as EncodedRows)?.Texts;
        var encoded = prepared ?? new RowText[rows.Length];
        var (tryInsert, upsert, storedState, unlink, link, author) =
            (statements.TryInsert, statements.Upsert, statements.StoredState, statements.Unlink, statements.Link, statements.Author);
        var newAuthors = new List<PostRow>();
        _pendingAuthors.AddOrUpdate(rows, newAuthors);
        var inserted = 0;
        var expectRepeat = false;
        for (var i = 0; i < rows.Length; i++)
        {
            if ((i & 1023) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            var row = rows[i];
            var post = posts[i];
            arena.Reset();
            if (prepared is null)
            {
                encoded[i] = new RowText(arena, row, knownAuthor: false);
            }

            ref readonly var v = ref encoded[i];

            // Repeats come in runs (a redelivered batch, a file ingested again): after a repeat, the next post is
            // looked up first, which spares a repeat the failed insert. The first post of a batch is always an
            // insert, so the transaction takes the write lock before it reads anything (a read first could find
            // its snapshot stale at the first write, an error the busy timeout does not wait out).
            string? storedBrands = null;
            long unchanged = 0;
            var stored = false;
            if (expectRepeat)
            {
                Bind(storedState, row, v);
                stored = storedState.QueryRow(out storedBrands, out unchanged);
            }

            if (!stored)
            {
                Bind(tryInsert, row, v);
                if (tryInsert.Execute() == 1)
                {
                    inserted++;
                    expectRepeat = false;
                }
                else
                {
                    Bind(storedState, row, v);
                    stored = storedState.QueryRow(out storedBrands, out unchanged)
                        ? true
                        : throw new InvalidOperationException($"Post {row.platform}/{row.post_id} is neither new nor stored.");
                }
            }

            if (stored)
            {
                expectRepeat = true;
                if (unchanged == 1)
                {
                    // The same post again (at-least-once redelivery): its row, links and author are as this copy
                    // would leave them, so nothing is written.
                    continue;
                }

                if (storedBrands != (row.brands ?? ""))
                {
                    // The brand list changed: rebuild the links. Unchanged links are upserted below, which keeps a
                    // stored per-brand sentiment when this copy has none.
                    unlink.Text(1, v.Platform).Text(2, v.PostId).Execute();
                }

                Bind(upsert, row, v);
                upsert.Execute();
            }

            // Most posts name at most one brand (it is in the row): they skip the enumerator altogether.
            if (row.brands is not null && post.Brands.Count > 1)
            {
                foreach (var (brand, sentiment, polarity) in BrandLink.Extra(post))
                {
                    link.Text(1, arena.Add(brand)).Text(2, v.Platform).Text(3, v.PostId).Int(4, row.created_ms)
                        .Text(5, arena.Add(sentiment)).Real(6, polarity).Int(7, post.Engagement.Total).Execute();
                }
            }

            // An author new in this batch may be inserted twice here (the second insert is a no-op); the later
            // batches know it once this one is committed.
            if (row.author_id.Length > 0 && !v.KnownAuthor && !IsKnownAuthor(row.platform, row.author_id))
            {
                newAuthors.Add(row);
                author.Text(1, v.Platform).Text(2, v.AuthorId).Execute();
            }
        }

        return inserted;
    }

    /// <summary>
    /// The bulk path's statements on one connection. The store's own bulk connection keeps them from batch to batch
    /// (compiling the 39-column insert and upsert took a share of every batch), and disposes them before the connection;
    /// other connections (shared, in-memory) prepare them per batch.
    /// </summary>
    private sealed class BulkStatements : IDisposable
    {
        private readonly RawStatement[] _all;

        public BulkStatements(sqlite3 db)
        {
            string[] sql =
            [
                InsertPostValues + " ON CONFLICT (platform, post_id) DO NOTHING",
                InsertPostValues + " " + PostUpsertSql.OnConflict,
                StoredStateSql,
                "DELETE FROM post_brands WHERE platform = ?1 AND post_id = ?2",
                InsertBrandLinkSql + " " + PostUpsertSql.BrandLinkOnConflict,
                InsertAuthorSql + " " + PostUpsertSql.AuthorOnConflict,
            ];
            var made = new List<RawStatement>(sql.Length);
            try
            {
                foreach (var q in sql)
                {
                    made.Add(new RawStatement(db, q));
                }
            }
            catch
            {
                // None is left to a finalizer thread (see WriteBatchAsync).
                made.ForEach(m => m.Dispose());
                throw;
            }

            _all = [.. made];
        }

        public RawStatement TryInsert => _all[0];
        public RawStatement Upsert => _all[1];
        public RawStatement StoredState => _all[2];
        public RawStatement Unlink => _all[3];
        public RawStatement Link => _all[4];
        public RawStatement Author => _all[5];

        public void ClearBindings()
        {
            foreach (var s in _all)
            {
                s.ClearBindings();
            }
        }

        public void Dispose()
        {
            foreach (var s in _all)
            {
                s.Dispose();
            }
        }
    }

    private BulkStatements? _bulkStatements;

    /// <summary>
    /// The text columns of a row, encoded once into the arena and bound to every statement of the row, and whether its
    /// author was known to be registered when it was encoded (authors are never forgotten, so a known one stays known).
    /// </summary>
    private readonly struct RowText(Utf8Arena a, PostRow r, bool knownAuthor)
    {
        public readonly bool KnownAuthor = knownAuthor;
        public readonly Utf8Arena.Span Platform = a.Add(r.platform), PostId = a.Add(r.post_id), AuthorId = a.Add(r.author_id),
            AuthorHandle = a.Add(r.author_handle), AuthorName = a.Add(r.author_name), AuthorLocation = a.Add(r.author_location),
            Text = a.Add(r.text), Lang = a.Add(r.lang), Url = a.Add(r.url), Hashtags = a.Add(r.hashtags), Mentions = a.Add(r.mentions),
            Links = a.Add(r.links), ReplyTo = a.Add(r.reply_to), QuoteOf = a.Add(r.quote_of), RepostOf = a.Add(r.repost_of),
            Brands = a.Add(r.brands), Campaign = a.Add(r.campaign), NearDupOf = a.Add(r.near_dup_of), Sentiment = a.Add(r.sentiment),
            Scorer = a.Add(r.scorer), ModelVersion = a.Add(r.model_version), BrandSentiments = a.Add(r.brand_sentiments), Source = a.Add(r.source),
            Brand = a.Add(r.brand), BrandSentiment = a.Add(r.brand_sentiment);
    }

    // Positions follow PostUpsertSql.Columns (the every-field round-trip test catches a slip). The stored-state query
    // has no ?35 (ingested_ms keeps the first arrival): binding a number a statement does not use is allowed.
    private static void Bind(RawStatement s, PostRow r, in RowText v)
    {
        s.Text(1, v.Platform).Text(2, v.PostId).Text(3, v.AuthorId).Text(4, v.AuthorHandle).Text(5, v.AuthorName)
            .Int(6, r.author_followers).Text(7, v.AuthorLocation).Int(8, r.author_verified).Text(9, v.Text).Text(10, v.Lang)
            .Int(11, r.created_ms).Int(12, r.created_offset_min).Int(13, r.likes).Int(14, r.shares).Int(15, r.replies)
            .Int(16, r.views).Text(17, v.Url).Text(18, v.Hashtags).Text(19, v.Mentions).Text(20, v.Links)
            .Text(21, v.ReplyTo).Text(22, v.QuoteOf).Text(23, v.RepostOf).Text(24, v.Brands).Text(25, v.Campaign)
            .Text(26, v.NearDupOf).Text(27, v.Sentiment).Real(28, r.p_neg).Real(29, r.p_neu).Real(30, r.p_pos)
            .Text(31, v.Scorer).Text(32, v.ModelVersion).Text(33, v.BrandSentiments).Text(34, v.Source)
            .Int(35, r.ingested_ms).Text(36, v.Brand).Text(37, v.BrandSentiment).Real(38, r.brand_polarity).Int(39, r.engagement);
    }

    // Arrays of encoded rows, reused across batches (a batch of 2000 rows takes 800 KB, which would be a
    // large-object allocation per batch).
    private readonly System.Collections.Concurrent.ConcurrentBag<RowText[]> _textArrays = [];

    /// <summary>
    /// The rows' text encoded to UTF-8 while preparing (in parallel over the cores for a large batch), so the writer
    /// only binds. Each range of rows has its own arena; the arenas' blocks go back to their pool on dispose.
    /// </summary>
    private sealed class EncodedRows(SqlitePostStore store, RowText[] texts, Utf8Arena?[] arenas) : IDisposable
    {
        public RowText[] Texts { get; } = texts;

        public void Dispose()
        {
            foreach (var arena in arenas)
            {
                arena?.Dispose();
            }

            if (store._textArrays.Count < 8)
            {
                store._textArrays.Add(Texts);
            }
        }
    }

    /// <summary>Each row is encoded right after it is built, while its strings are still in the cache.</summary>
    private protected override IDisposable? BuildRows(SocialPost[] posts, PostRow[] rows, long nowMs)
    {
        var count = rows.Length;
        if (count == 0)
        {
            return null;
        }

        if (!_textArrays.TryTake(out var texts) || texts.Length < count)
        {
            texts = new RowText[Math.Max(count, 2048)];
        }

        var arenas = new Utf8Arena?[ParallelRanges.PartCount(count)];
        var encoded = new EncodedRows(this, texts, arenas);
        try
        {
            ParallelRanges.ForRanges(count, (part, from, to) =>
            {
                var arena = arenas[part] = new Utf8Arena();
                for (var i = from; i < to; i++)
                {
                    var row = rows[i] = PostRow.From(posts[i], nowMs);
                    texts[i] = new RowText(arena, row, row.author_id.Length > 0 && IsKnownAuthor(row.platform, row.author_id));
                }
            });
        }
        catch
        {
            encoded.Dispose();
            throw;
        }

        return encoded;
    }

    private bool IsKnownAuthor(string platform, string authorId) => _knownAuthors.Contains(platform, authorId);

    private protected override void OnCommitted(IReadOnlyList<PostRow> rows)
    {
        if (!_pendingAuthors.TryGetValue(rows, out var newAuthors))
        {
            return;
        }

        _pendingAuthors.Remove(rows);
        lock (_knownAuthorsLock)
        {
            foreach (var r in newAuthors)
            {
                _knownAuthors.Add(r.platform, r.author_id);
            }
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // A batch in flight finishes first: its connection is closed after it. Then no checkpoint starts, and the
        // one running (which may wait for the write lock) ends before its connection is closed.
        await _writeLock.WaitAsync();
        _closing = true;
        var checkpoint = _checkpoint;
        _writeLock.Release();
        await checkpoint;
        await _writeLock.WaitAsync();
        _checkpointDb?.Dispose();
        _checkpointDb = null;
        _bulkStatements?.Dispose();
        _bulkStatements = null;
        _bulkDb?.Dispose();
        _bulkDb = null;
        _writeLock.Dispose();
        await base.DisposeAsync();
    }
}
