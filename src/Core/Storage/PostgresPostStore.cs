using System.Data.Common;
using Dapper;
using Marketing.Core.Domain;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Marketing.Core.Storage;

/// <summary>
/// The scale-out store. Batches go in with binary COPY into session temp tables, then one set-based upsert each,
/// so a batch costs a handful of round trips whatever its size. Several consumer processes may write at once.
/// </summary>
public sealed class PostgresPostStore : DapperPostStore
{
    private readonly NpgsqlDataSource _dataSource;

    private PostgresPostStore(NpgsqlDataSource dataSource, string display, ILogger logger)
        : base(logger)
    {
        _dataSource = dataSource;
        DisplayName = display;
    }

    public override string Backend => "postgres";

    public override string DisplayName { get; }

    protected override string InsensitiveLike => "ILIKE";

    public static async Task<PostgresPostStore> OpenAsync(string connectionString, ILogger logger, CancellationToken ct = default)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var display = $"postgres://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";
        var store = new PostgresPostStore(NpgsqlDataSource.Create(builder.ConnectionString), display, logger);
        try
        {
            await store.MigrateAsync(ct);
        }
        catch (NpgsqlException ex)
        {
            await store.DisposeAsync();
            throw new InvalidOperationException(
                $"Cannot reach PostgreSQL at {display}: {ex.Message}. Start it (see README, 'PostgreSQL') or point --db / MKT_DB at a running server.", ex);
        }

        return store;
    }

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken ct) => await _dataSource.OpenConnectionAsync(ct);

    protected override async Task LockForMigrationAsync(DbConnection conn, DbTransaction tx, CancellationToken ct)
    {
        // Several consumer processes may open a new database at once: one migrates, the others wait here.
        await conn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(727274)", transaction: tx, cancellationToken: ct));
    }

    private const string CreateStageSql = """
        CREATE TEMP TABLE IF NOT EXISTS posts_stage (LIKE posts) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS post_brands_stage (LIKE post_brands) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS authors_stage (LIKE authors) ON COMMIT DELETE ROWS;
        """;

    // Links of posts whose brand list changed are rebuilt; unchanged ones are upserted so a copy without sentiment
    // keeps the stored per-brand sentiment.
    private const string UnlinkChangedSql = """
        DELETE FROM post_brands pb USING posts_stage s, posts p
        WHERE p.platform = s.platform AND p.post_id = s.post_id AND p.brands IS DISTINCT FROM s.brands
          AND pb.platform = s.platform AND pb.post_id = s.post_id
        """;

    private static readonly string MergePostsSql =
        $"INSERT INTO posts ({PostUpsertSql.Columns}) SELECT {PostUpsertSql.Columns} FROM posts_stage {PostUpsertSql.OnConflict} RETURNING (xmax = 0) AS inserted";

    private static readonly string MergeLinksSql =
        $"INSERT INTO post_brands SELECT * FROM post_brands_stage {PostUpsertSql.BrandLinkOnConflict}";

    private static readonly string MergeAuthorsSql =
        $"INSERT INTO authors SELECT * FROM authors_stage {PostUpsertSql.AuthorOnConflict}";

    private protected override async Task<int> UpsertDistinctAsync(DbConnection conn, DbTransaction tx, PreparedPosts batch, CancellationToken ct)
    {
        var (rows, posts) = (batch.Rows, batch.Distinct);
        var npg = (NpgsqlConnection)conn;
        await conn.ExecuteAsync(new CommandDefinition(CreateStageSql, transaction: tx, cancellationToken: ct));
        await CopyPostsAsync(npg, rows, ct);
        await CopyLinksAsync(npg, posts, ct);
        await CopyAuthorsAsync(npg, rows, ct);
        await conn.ExecuteAsync(new CommandDefinition(UnlinkChangedSql, transaction: tx, cancellationToken: ct));
        var flags = await conn.QueryAsync<bool>(new CommandDefinition(MergePostsSql, transaction: tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(MergeLinksSql, transaction: tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(MergeAuthorsSql, transaction: tx, cancellationToken: ct));
        return flags.Count(f => f);
    }

    private static async Task CopyPostsAsync(NpgsqlConnection conn, IReadOnlyList<PostRow> rows, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync($"COPY posts_stage ({PostUpsertSql.Columns}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var r in rows)
        {
            await w.StartRowAsync(ct);
            await Text(w, r.platform, ct);
            await Text(w, r.post_id, ct);
            await Text(w, r.author_id, ct);
            await Text(w, r.author_handle, ct);
            await Text(w, r.author_name, ct);
            await w.WriteAsync(r.author_followers, NpgsqlDbType.Bigint, ct);
            await Text(w, r.author_location, ct);
            await w.WriteAsync((int)r.author_verified, NpgsqlDbType.Integer, ct);
            await Text(w, r.text, ct);
            await Text(w, r.lang, ct);
            await w.WriteAsync(r.created_ms, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync((int)r.created_offset_min, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(r.likes, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(r.shares, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(r.replies, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(r.views, NpgsqlDbType.Bigint, ct);
            await Text(w, r.url, ct);
            await Text(w, r.hashtags, ct);
            await Text(w, r.mentions, ct);
            await Text(w, r.links, ct);
            await Text(w, r.reply_to, ct);
            await Text(w, r.quote_of, ct);
            await Text(w, r.repost_of, ct);
            await Text(w, r.brands, ct);
            await Text(w, r.campaign, ct);
            await Text(w, r.near_dup_of, ct);
            await Text(w, r.sentiment, ct);
            await Real(w, r.p_neg, ct);
            await Real(w, r.p_neu, ct);
            await Real(w, r.p_pos, ct);
            await Text(w, r.scorer, ct);
            await Text(w, r.model_version, ct);
            await Text(w, r.brand_sentiments, ct);
            await Text(w, r.source, ct);
            await w.WriteAsync(r.ingested_ms, NpgsqlDbType.Bigint, ct);
            await Text(w, r.brand, ct);
            await Text(w, r.brand_sentiment, ct);
            await Real(w, r.brand_polarity, ct);
            await w.WriteAsync(r.engagement, NpgsqlDbType.Bigint, ct);
        }

        await w.CompleteAsync(ct);
    }

    private static async Task CopyLinksAsync(NpgsqlConnection conn, IReadOnlyList<SocialPost> posts, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync(
            "COPY post_brands_stage (brand, platform, post_id, created_ms, sentiment, polarity, engagement) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var p in posts)
        {
            foreach (var (brand, sentiment, polarity) in BrandLink.Extra(p))
            {
                await w.StartRowAsync(ct);
                await Text(w, brand, ct);
                await Text(w, p.Platform, ct);
                await Text(w, p.PostId, ct);
                await w.WriteAsync(p.CreatedAt.ToUnixTimeMilliseconds(), NpgsqlDbType.Bigint, ct);
                await Text(w, sentiment, ct);
                await Real(w, polarity, ct);
                await w.WriteAsync(p.Engagement.Total, NpgsqlDbType.Bigint, ct);
            }
        }

        await w.CompleteAsync(ct);
    }

    private static async Task CopyAuthorsAsync(NpgsqlConnection conn, IReadOnlyList<PostRow> rows, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync(
            "COPY authors_stage (platform, author_id) FROM STDIN (FORMAT BINARY)", ct);
        var seen = new HashSet<(string, string)>();
        foreach (var r in rows)
        {
            if (r.author_id.Length == 0 || !seen.Add((r.platform, r.author_id)))
            {
                continue;
            }

            await w.StartRowAsync(ct);
            await Text(w, r.platform, ct);
            await Text(w, r.author_id, ct);
        }

        await w.CompleteAsync(ct);
    }

    private static Task Text(NpgsqlBinaryImporter w, string? value, CancellationToken ct) =>
        value is null ? w.WriteNullAsync(ct) : w.WriteAsync(value, NpgsqlDbType.Text, ct);

    private static Task Real(NpgsqlBinaryImporter w, double? value, CancellationToken ct) =>
        value is null ? w.WriteNullAsync(ct) : w.WriteAsync((float)value.Value, NpgsqlDbType.Real, ct);

    public override async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await base.DisposeAsync();
    }
}
