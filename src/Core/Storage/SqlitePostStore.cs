using System.Data.Common;
using Dapper;
using Marketing.Core.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Marketing.Core.Storage;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. Writes from this process are serialized (SQLite has one writer);
/// other processes wait on the busy timeout. The bulk path reuses prepared commands inside one transaction.
/// </summary>
public sealed class SqlitePostStore : DapperPostStore
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    private SqlitePostStore(string connectionString, string display, ILogger logger)
        : base(logger)
    {
        _connectionString = connectionString;
        DisplayName = display;
    }

    public override string Backend => "sqlite";

    public override string DisplayName { get; }

    protected override string InsensitiveLike => "LIKE";

    public static async Task<SqlitePostStore> OpenAsync(string pathOrConnectionString, ILogger logger, CancellationToken ct = default)
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

        var store = new SqlitePostStore(builder.ToString(), builder.DataSource, logger);
        await store.MigrateAsync(ct);
        return store;
    }

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken ct)
    {
        var conn = new SqliteConnection(_connectionString);
        await conn.OpenAsync(ct);
        // WAL lets readers (the dashboard, reports) run while a consumer writes; NORMAL is durable across a process
        // crash, and loses at most the last commit on power loss, which at-least-once redelivery covers.
        await conn.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=60000; PRAGMA cache_size=-131072; PRAGMA temp_store=MEMORY;", cancellationToken: ct));
        return conn;
    }

    protected override async Task LockForMigrationAsync(DbConnection conn, DbTransaction tx, CancellationToken ct)
    {
        // Take the write lock at once, so two processes opening a new file migrate one after the other.
        await conn.ExecuteAsync(new CommandDefinition("CREATE TABLE IF NOT EXISTS migration_lock (id INTEGER PRIMARY KEY); DELETE FROM migration_lock;", transaction: tx, cancellationToken: ct));
    }

    private protected override async Task<int> UpsertDistinctAsync(DbConnection conn, DbTransaction tx, IReadOnlyList<PostRow> rows, IReadOnlyList<SocialPost> posts, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            return UpsertPrepared((SqliteConnection)conn, rows, posts, ct);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private const string StoredBrandsSql = "SELECT COALESCE(brands, '') FROM posts WHERE platform = $platform AND post_id = $post_id";

    private const string InsertBrandLinkSql = """
        INSERT INTO post_brands (brand, platform, post_id, created_ms, sentiment, polarity, engagement)
        VALUES ($brand, $platform, $post_id, $created_ms, $sentiment, $polarity, $engagement)
        """;

    private const string InsertAuthorSql = """
        INSERT INTO authors (platform, author_id, handle, name, followers, location, verified, last_seen_ms)
        VALUES ($platform, $author_id, $handle, $name, $followers, $location, $verified, $last_seen_ms)
        """;

    private static readonly string[] PostColumns = PostUpsertSql.Columns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static readonly string InsertPostValues =
        $"INSERT INTO posts ({PostUpsertSql.Columns}) VALUES ({string.Join(", ", PostColumns.Select(c => "$" + c))})";

    /// <summary>
    /// The bulk path. New posts (the common case) cost one plain insert each: <c>ON CONFLICT DO NOTHING</c> reports
    /// whether the row was new; only a repeat pays for the brand-list lookup and the full upsert. Statements are
    /// prepared once per batch and bound by position through SQLitePCL directly: Microsoft.Data.Sqlite binds every
    /// parameter by name on every execution, which cost more than SQLite's own work at 35 columns a row.
    /// </summary>
    private static int UpsertPrepared(SqliteConnection conn, IReadOnlyList<PostRow> rows, IReadOnlyList<SocialPost> posts, CancellationToken ct)
    {
        var db = conn.Handle!;
        using var tryInsert = new RawStatement(db, InsertPostValues + " ON CONFLICT (platform, post_id) DO NOTHING");
        using var upsert = new RawStatement(db, InsertPostValues + " " + PostUpsertSql.OnConflict);
        using var storedBrands = new RawStatement(db, StoredBrandsSql);
        using var unlink = new RawStatement(db, PostUpsertSql.DeleteBrandLinks.Replace("@", "$", StringComparison.Ordinal));
        using var link = new RawStatement(db, InsertBrandLinkSql + " " + PostUpsertSql.BrandLinkOnConflict);
        using var author = new RawStatement(db, InsertAuthorSql + " " + PostUpsertSql.AuthorOnConflict);
        var seenAuthors = new HashSet<(string, string)>();
        var inserted = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            if ((i & 1023) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            var row = rows[i];
            var post = posts[i];
            Bind(tryInsert, row);
            if (tryInsert.Execute() == 1)
            {
                inserted++;
            }
            else
            {
                storedBrands.Text(1, row.platform).Text(2, row.post_id);
                if (storedBrands.QueryText() != (row.brands ?? ""))
                {
                    // The brand list changed: rebuild the links. Unchanged links are upserted below, which keeps a
                    // stored per-brand sentiment when this copy has none.
                    unlink.Text(1, row.platform).Text(2, row.post_id).Execute();
                }

                Bind(upsert, row);
                upsert.Execute();
            }

            foreach (var (brand, sentiment, polarity) in BrandLinks(post))
            {
                link.Text(1, brand).Text(2, row.platform).Text(3, row.post_id).Int(4, row.created_ms)
                    .Text(5, sentiment).Real(6, polarity).Int(7, post.Engagement.Total).Execute();
            }

            if (row.author_id.Length > 0 && seenAuthors.Add((row.platform, row.author_id)))
            {
                author.Text(1, row.platform).Text(2, row.author_id).Text(3, row.author_handle).Text(4, row.author_name)
                    .Int(5, row.author_followers).Text(6, row.author_location).Int(7, row.author_verified).Int(8, row.created_ms).Execute();
            }
        }

        return inserted;
    }

    // Positions follow PostUpsertSql.Columns (the every-field round-trip test catches a slip).
    private static void Bind(RawStatement s, PostRow r) =>
        s.Text(1, r.platform).Text(2, r.post_id).Text(3, r.author_id).Text(4, r.author_handle).Text(5, r.author_name)
            .Int(6, r.author_followers).Text(7, r.author_location).Int(8, r.author_verified).Text(9, r.text).Text(10, r.lang)
            .Int(11, r.created_ms).Int(12, r.created_offset_min).Int(13, r.likes).Int(14, r.shares).Int(15, r.replies)
            .Int(16, r.views).Text(17, r.url).Text(18, r.hashtags).Text(19, r.mentions).Text(20, r.links)
            .Text(21, r.reply_to).Text(22, r.quote_of).Text(23, r.repost_of).Text(24, r.brands).Text(25, r.campaign)
            .Text(26, r.near_dup_of).Text(27, r.sentiment).Real(28, r.p_neg).Real(29, r.p_neu).Real(30, r.p_pos)
            .Text(31, r.scorer).Text(32, r.model_version).Text(33, r.brand_sentiments).Text(34, r.source).Int(35, r.ingested_ms);

    public override async ValueTask DisposeAsync()
    {
        _writeLock.Dispose();
        await base.DisposeAsync();
    }
}
