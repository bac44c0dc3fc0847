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
            return UpsertPrepared((SqliteConnection)conn, (SqliteTransaction)tx, rows, posts, ct);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private const string ExistsSql = "SELECT COALESCE(brands, '') FROM posts WHERE platform = $platform AND post_id = $post_id";

    private const string InsertBrandLinkSql = """
        INSERT INTO post_brands (brand, platform, post_id, created_ms, sentiment, polarity, engagement)
        VALUES ($brand, $platform, $post_id, $created_ms, $sentiment, $polarity, $engagement)
        """;

    private const string InsertAuthorSql = """
        INSERT INTO authors (platform, author_id, handle, name, followers, location, verified, last_seen_ms)
        VALUES ($platform, $author_id, $handle, $name, $followers, $location, $verified, $last_seen_ms)
        """;

    private static readonly string[] PostColumns = PostUpsertSql.Columns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static readonly string InsertPostSql =
        $"INSERT INTO posts ({PostUpsertSql.Columns}) VALUES ({string.Join(", ", PostColumns.Select(c => "$" + c))}) {PostUpsertSql.OnConflict}";

    private static readonly Func<PostRow, object?>[] PostGetters = PostColumns
        .Select(c => typeof(PostRow).GetProperty(c) ?? throw new InvalidOperationException($"PostRow has no column {c}"))
        .Select(p => (Func<PostRow, object?>)(r => p.GetValue(r)))
        .ToArray();

    /// <summary>
    /// The bulk path: hand-prepared commands reused for every row (Dapper's per-row Execute is about half as fast here).
    /// </summary>
    private static int UpsertPrepared(SqliteConnection conn, SqliteTransaction tx, IReadOnlyList<PostRow> rows, IReadOnlyList<SocialPost> posts, CancellationToken ct)
    {
        using var exists = Prepare(conn, tx, ExistsSql, "platform", "post_id");
        using var insert = Prepare(conn, tx, InsertPostSql, PostColumns);
        using var unlink = Prepare(conn, tx, PostUpsertSql.DeleteBrandLinks.Replace("@", "$", StringComparison.Ordinal), "platform", "post_id");
        using var link = Prepare(conn, tx, InsertBrandLinkSql + " " + PostUpsertSql.BrandLinkOnConflict, "brand", "platform", "post_id", "created_ms", "sentiment", "polarity", "engagement");
        using var author = Prepare(conn, tx, InsertAuthorSql + " " + PostUpsertSql.AuthorOnConflict, "platform", "author_id", "handle", "name", "followers", "location", "verified", "last_seen_ms");
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
            exists.Parameters[0].Value = row.platform;
            exists.Parameters[1].Value = row.post_id;
            var storedBrands = exists.ExecuteScalar() as string;
            if (storedBrands is null)
            {
                inserted++;
            }
            else if (storedBrands != (row.brands ?? ""))
            {
                // The brand list changed: rebuild the links. Unchanged links are upserted below, which keeps a stored
                // per-brand sentiment when this copy has none.
                unlink.Parameters[0].Value = row.platform;
                unlink.Parameters[1].Value = row.post_id;
                unlink.ExecuteNonQuery();
            }

            for (var c = 0; c < PostGetters.Length; c++)
            {
                insert.Parameters[c].Value = PostGetters[c](row) ?? DBNull.Value;
            }

            insert.ExecuteNonQuery();
            foreach (var (brand, sentiment, polarity) in BrandLinks(post))
            {
                link.Parameters[0].Value = brand;
                link.Parameters[1].Value = row.platform;
                link.Parameters[2].Value = row.post_id;
                link.Parameters[3].Value = row.created_ms;
                link.Parameters[4].Value = (object?)sentiment ?? DBNull.Value;
                link.Parameters[5].Value = (object?)polarity ?? DBNull.Value;
                link.Parameters[6].Value = post.Engagement.Total;
                link.ExecuteNonQuery();
            }

            if (row.author_id.Length > 0 && seenAuthors.Add((row.platform, row.author_id)))
            {
                author.Parameters[0].Value = row.platform;
                author.Parameters[1].Value = row.author_id;
                author.Parameters[2].Value = (object?)row.author_handle ?? DBNull.Value;
                author.Parameters[3].Value = (object?)row.author_name ?? DBNull.Value;
                author.Parameters[4].Value = row.author_followers;
                author.Parameters[5].Value = (object?)row.author_location ?? DBNull.Value;
                author.Parameters[6].Value = row.author_verified;
                author.Parameters[7].Value = row.created_ms;
                author.ExecuteNonQuery();
            }
        }

        return inserted;
    }

    private static SqliteCommand Prepare(SqliteConnection conn, SqliteTransaction tx, string sql, params string[] names)
    {
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
#pragma warning disable CA2100 // Only the constant statements of this class reach here; values go in as parameters.
        cmd.CommandText = sql;
#pragma warning restore CA2100
        foreach (var name in names)
        {
            cmd.Parameters.Add(new SqliteParameter("$" + name, null));
        }

        cmd.Prepare();
        return cmd;
    }

    public override async ValueTask DisposeAsync()
    {
        _writeLock.Dispose();
        await base.DisposeAsync();
    }
}
