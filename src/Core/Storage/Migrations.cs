namespace Marketing.Core.Storage;

/// <summary>
/// Versioned schema migrations, applied in order on open. Never edit a released migration: add a new one.
/// Each has a SQLite and a PostgreSQL form where the dialects differ (auto-increment keys, mostly).
/// Times are stored as Unix milliseconds (BIGINT) in both, so bucketing is the same integer arithmetic everywhere.
/// </summary>
internal static class Migrations
{
    public sealed record Migration(int Version, string Name, string Sqlite, string Postgres);

    private const string V1Common = """
        CREATE TABLE posts (
            platform TEXT NOT NULL,
            post_id TEXT NOT NULL,
            author_id TEXT NOT NULL,
            author_handle TEXT,
            author_name TEXT,
            author_followers BIGINT NOT NULL DEFAULT 0,
            author_location TEXT,
            author_verified INTEGER NOT NULL DEFAULT 0,
            text TEXT NOT NULL,
            lang TEXT,
            created_ms BIGINT NOT NULL,
            created_offset_min INTEGER NOT NULL DEFAULT 0,
            likes BIGINT NOT NULL DEFAULT 0,
            shares BIGINT NOT NULL DEFAULT 0,
            replies BIGINT NOT NULL DEFAULT 0,
            views BIGINT NOT NULL DEFAULT 0,
            url TEXT,
            hashtags TEXT,
            mentions TEXT,
            links TEXT,
            reply_to TEXT,
            quote_of TEXT,
            repost_of TEXT,
            brands TEXT,
            campaign TEXT,
            near_dup_of TEXT,
            sentiment TEXT,
            p_neg REAL,
            p_neu REAL,
            p_pos REAL,
            scorer TEXT,
            model_version TEXT,
            brand_sentiments TEXT,
            source TEXT,
            ingested_ms BIGINT NOT NULL,
            PRIMARY KEY (platform, post_id)
        );
        CREATE INDEX ix_posts_created ON posts (created_ms);
        CREATE TABLE post_brands (
            brand TEXT NOT NULL,
            platform TEXT NOT NULL,
            post_id TEXT NOT NULL,
            created_ms BIGINT NOT NULL,
            sentiment TEXT,
            polarity REAL,
            engagement BIGINT NOT NULL DEFAULT 0,
            PRIMARY KEY (brand, platform, post_id)
        ) {WITHOUT_ROWID};
        -- Covering index: an all-brand trend query over a time range reads the index only.
        CREATE INDEX ix_post_brands_time ON post_brands (created_ms, brand, sentiment, engagement);
        CREATE TABLE authors (
            platform TEXT NOT NULL,
            author_id TEXT NOT NULL,
            handle TEXT,
            name TEXT,
            followers BIGINT NOT NULL DEFAULT 0,
            location TEXT,
            verified INTEGER NOT NULL DEFAULT 0,
            last_seen_ms BIGINT NOT NULL,
            PRIMARY KEY (platform, author_id)
        ) {WITHOUT_ROWID};
        CREATE TABLE artifacts (
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            json TEXT NOT NULL,
            updated_ms BIGINT NOT NULL,
            PRIMARY KEY (kind, key)
        );
        """;

    public static readonly IReadOnlyList<Migration> All =
    [
        new(1, "posts, brands, authors, rejects, artifacts",
            // Narrow link tables are clustered on their key in SQLite (one B-tree fewer per write); PostgreSQL has no such clause.
            V1Common.Replace("{WITHOUT_ROWID}", "WITHOUT ROWID", StringComparison.Ordinal) + """
            CREATE TABLE rejects (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                reason TEXT NOT NULL,
                detail TEXT NOT NULL,
                source TEXT NOT NULL,
                raw TEXT,
                at_ms BIGINT NOT NULL
            );
            """,
            V1Common.Replace("{WITHOUT_ROWID}", "", StringComparison.Ordinal) + """
            CREATE TABLE rejects (
                id BIGSERIAL PRIMARY KEY,
                reason TEXT NOT NULL,
                detail TEXT NOT NULL,
                source TEXT NOT NULL,
                raw TEXT,
                at_ms BIGINT NOT NULL
            );
            """),
        new(2, "reject reason index",
            "CREATE INDEX ix_rejects_reason ON rejects (reason);",
            "CREATE INDEX ix_rejects_reason ON rejects (reason);"),
    ];
}
