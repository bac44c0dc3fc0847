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

    // Version 3 makes a new post cheaper to write (the SQLite bulk path went from six B-tree inserts per single-brand
    // post to three):
    // - A post's first brand link lives in its own row (brand, brand_sentiment, brand_polarity, engagement), and
    //   post_brands keeps only the links of its other brands: most posts name one brand, and they no longer write
    //   post_brands and its time index. ix_posts_time (created_ms, brand, brand_sentiment, engagement) replaces
    //   ix_posts_created: it still serves every time range, and covers the trend query's half over posts.
    // - authors is the registry of distinct authors (what is counted), written once per author. The author's
    //   profile is in each post row as it was at that post; the old table's copy of the last profile was never read.
    private const string V3Common = """
        ALTER TABLE posts ADD COLUMN brand TEXT;
        ALTER TABLE posts ADD COLUMN brand_sentiment TEXT;
        ALTER TABLE posts ADD COLUMN brand_polarity REAL;
        ALTER TABLE posts ADD COLUMN engagement BIGINT NOT NULL DEFAULT 0;
        UPDATE posts SET engagement = likes + shares + replies, brand = {FIRST_BRAND};
        UPDATE posts SET (brand_sentiment, brand_polarity) = (
            SELECT pb.sentiment, pb.polarity FROM post_brands pb
            WHERE pb.brand = posts.brand AND pb.platform = posts.platform AND pb.post_id = posts.post_id)
        WHERE brand IS NOT NULL;
        DELETE FROM post_brands WHERE EXISTS (
            SELECT 1 FROM posts p WHERE p.platform = post_brands.platform AND p.post_id = post_brands.post_id AND p.brand = post_brands.brand);
        DROP INDEX ix_posts_created;
        CREATE INDEX ix_posts_time ON posts (created_ms, brand, brand_sentiment, engagement);
        """;

    // brands is space-separated and never has leading spaces: its first word is the first brand.
    private static readonly string V3Sqlite = V3Common.Replace("{FIRST_BRAND}",
        "CASE WHEN brands IS NULL OR brands = '' THEN NULL WHEN instr(brands, ' ') = 0 THEN brands ELSE substr(brands, 1, instr(brands, ' ') - 1) END",
        StringComparison.Ordinal) + """
        CREATE TABLE authors_v3 (
            platform TEXT NOT NULL,
            author_id TEXT NOT NULL,
            PRIMARY KEY (platform, author_id)
        ) WITHOUT ROWID;
        INSERT INTO authors_v3 (platform, author_id) SELECT platform, author_id FROM authors;
        DROP TABLE authors;
        ALTER TABLE authors_v3 RENAME TO authors;
        """;

    private static readonly string V3Postgres = V3Common.Replace("{FIRST_BRAND}", "NULLIF(split_part(COALESCE(brands, ''), ' ', 1), '')", StringComparison.Ordinal) + """
        ALTER TABLE authors DROP COLUMN handle, DROP COLUMN name, DROP COLUMN followers, DROP COLUMN location,
            DROP COLUMN verified, DROP COLUMN last_seen_ms;
        """;

    // Declared last: static fields initialize in text order, and this list uses the ones above.
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
        new(3, "first brand in the post row, author registry", V3Sqlite, V3Postgres),
    ];
}
