using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Dapper;
using Marketing.Core.Domain;
using Marketing.Core.Threading;
using Microsoft.Extensions.Logging;

namespace Marketing.Core.Storage;

/// <summary>
/// The SQL both backends share. Subclasses supply connections, the bulk upsert (where the dialects really differ)
/// and the migration lock. Every value reaches SQL as a parameter; the only text spliced into SQL is fixed fragments.
/// </summary>
public abstract partial class DapperPostStore : IPostStore
{
    private const int StreamPageSize = 5000;

    protected DapperPostStore(ILogger logger)
    {
        Logger = logger;
    }

    public abstract string Backend { get; }

    public abstract string DisplayName { get; }

    protected ILogger Logger { get; }

    /// <summary>The case-insensitive LIKE of the dialect.</summary>
    protected abstract string InsensitiveLike { get; }

    protected abstract Task<DbConnection> OpenConnectionAsync(CancellationToken ct);

    /// <summary>Upserts the rows of a prepared batch (distinct on (platform, post_id)); returns how many were new.</summary>
    private protected abstract Task<int> UpsertDistinctAsync(DbConnection conn, DbTransaction tx, PreparedPosts batch, CancellationToken ct);

    protected abstract Task LockForMigrationAsync(DbConnection conn, DbTransaction tx, CancellationToken ct);

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Applies the pending migrations up to <paramref name="upToVersion"/> (all of them by default; a lower one is for benchmarks comparing schemas).</summary>
    internal async Task MigrateAsync(CancellationToken ct, int upToVersion = int.MaxValue)
    {
        await using var conn = await OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await LockForMigrationAsync(conn, tx, ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms BIGINT NOT NULL)",
            transaction: tx, cancellationToken: ct));
        var current = await conn.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MAX(version) FROM schema_version", transaction: tx, cancellationToken: ct)) ?? 0;
        foreach (var m in Migrations.All.Where(m => m.Version > current && m.Version <= upToVersion))
        {
            Logger.LogInformation("Applying migration {Version} ({Name}) to {Store}", m.Version, m.Name, DisplayName);
            await conn.ExecuteAsync(new CommandDefinition(Backend == "sqlite" ? m.Sqlite : m.Postgres, transaction: tx, cancellationToken: ct));
            await conn.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_version (version, name, applied_ms) VALUES (@Version, @Name, @Now)",
                new { m.Version, m.Name, Now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }, tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
    }

    /// <summary>The schema version now applied.</summary>
    public async Task<int> GetSchemaVersionAsync(CancellationToken ct = default)
    {
        await using var conn = await OpenConnectionAsync(ct);
        return (int)(await conn.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT MAX(version) FROM schema_version", cancellationToken: ct)) ?? 0);
    }

    public static int LatestSchemaVersion => Migrations.All[^1].Version;

    public async Task<UpsertResult> UpsertPostsAsync(IReadOnlyList<SocialPost> posts, CancellationToken ct = default)
    {
        if (posts.Count == 0)
        {
            return default;
        }

        using var batch = Prepare(posts);
        return await UpsertPreparedAsync(batch, ct);
    }

    public PreparedPosts Prepare(IReadOnlyList<SocialPost> posts)
    {
        var distinct = Distinct(posts);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var rows = new PostRow[distinct.Length];
        var backend = BuildRows(distinct, rows, now);
        return new PreparedPosts(this, posts, distinct, rows) { Backend = backend };
    }

    public async Task<UpsertResult> UpsertPreparedAsync(PreparedPosts batch, CancellationToken ct = default)
    {
        if (batch.Posts.Count == 0)
        {
            return default;
        }

        if (!ReferenceEquals(batch.Owner, this))
        {
            return await UpsertPostsAsync(batch.Posts, ct);
        }

        var inserted = await WriteBatchAsync(batch, ct);
        OnCommitted(batch.Rows);
        return new UpsertResult(inserted, batch.Posts.Count - inserted);
    }

    /// <summary>
    /// Fills <paramref name="rows"/> from <paramref name="posts"/> (in parallel for a large batch) and returns what the
    /// backend prepares besides them (<see cref="PreparedPosts.Backend"/>), or null.
    /// </summary>
    private protected virtual IDisposable? BuildRows(SocialPost[] posts, PostRow[] rows, long nowMs)
    {
        ParallelRanges.For(rows.Length, i => rows[i] = PostRow.From(posts[i], nowMs));
        return null;
    }

    /// <summary>
    /// The posts validated and distinct on (platform, post id). A batch may hold the same post twice (at-least-once
    /// delivery): the last copy wins, in the first copy's place, and the others count as updates, so one statement
    /// never touches a row twice.
    /// </summary>
    private static SocialPost[] Distinct(IReadOnlyList<SocialPost> posts)
    {
        // Keyed by post id alone: a string key with the default comparer hashes several times faster than a
        // (platform, id) tuple, and ids clash across platforms only in mixed batches, which take the tuple key.
        var byId = new Dictionary<string, int>(posts.Count);
        SocialPost[]? chosen = null;
        bool[]? folded = null;
        for (var i = 0; i < posts.Count; i++)
        {
            var p = posts[i];
            Validate(p);
            ref var first = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(byId, p.PostId, out var seen);
            if (!seen)
            {
                first = i;
                continue;
            }

            if (posts[first].Platform != p.Platform)
            {
                return DistinctByPlatformAndId(posts);
            }

            chosen ??= [.. posts];
            folded ??= new bool[posts.Count];
            chosen[first] = p;
            folded[i] = true;
        }

        if (chosen is null)
        {
            return [.. posts];
        }

        var distinct = new List<SocialPost>(byId.Count);
        for (var i = 0; i < chosen.Length; i++)
        {
            if (!folded![i])
            {
                distinct.Add(chosen[i]);
            }
        }

        return [.. distinct];
    }

    private static SocialPost[] DistinctByPlatformAndId(IReadOnlyList<SocialPost> posts)
    {
        var distinct = new Dictionary<(string, string), SocialPost>(posts.Count);
        foreach (var p in posts)
        {
            // The posts after the clash have not been validated yet.
            Validate(p);
            distinct[(p.Platform, p.PostId)] = p;
        }

        return [.. distinct.Values];
    }

    /// <summary>Upserts the distinct rows of a batch in one transaction; returns how many were new.</summary>
    private protected virtual async Task<int> WriteBatchAsync(PreparedPosts batch, CancellationToken ct)
    {
        await using var conn = await OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var inserted = await UpsertDistinctAsync(conn, tx, batch, ct);
        await tx.CommitAsync(ct);
        return inserted;
    }

    /// <summary>Called once the rows of a batch are committed (never for a batch that failed).</summary>
    private protected virtual void OnCommitted(IReadOnlyList<PostRow> rows)
    {
    }

    private static void Validate(SocialPost p)
    {
        if (string.IsNullOrEmpty(p.Platform) || string.IsNullOrEmpty(p.PostId))
        {
            throw new ArgumentException("A post needs a platform and a post id to be stored.");
        }

        if (!Spaceless(p.Hashtags) || !Spaceless(p.Mentions) || !Spaceless(p.Links) || !Spaceless(p.Brands))
        {
            throw new ArgumentException($"Post {p.Platform}/{p.PostId}: hashtags, mentions, links and brand ids must be non-empty and contain no white space.");
        }
    }

    // Plain loops: this runs for every stored post, and the LINQ form cost as much as binding the row. The search is
    // vectorized over the characters char.IsWhiteSpace accepts (links are long); arrays and lists skip the interface.
    private static bool Spaceless(IReadOnlyList<string> items) => items switch
    {
        string[] a => Spaceless(a.AsSpan()),
        List<string> l => Spaceless(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(l)),
        _ => SpacelessSlow(items),
    };

    private static bool Spaceless(ReadOnlySpan<string> items)
    {
        foreach (var s in items)
        {
            if (!Spaceless(s))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SpacelessSlow(IReadOnlyList<string> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (!Spaceless(items[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Spaceless(string s) => s.Length > 0 && !s.AsSpan().ContainsAny(WhiteSpace);

    // Every character char.IsWhiteSpace accepts (the Unicode White_Space property).
    private static readonly System.Buffers.SearchValues<char> WhiteSpace = System.Buffers.SearchValues.Create(
        "\t\n\v\f\r \u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000");

    // The first brand's link in the row is updated like a post_brands row: only if this copy names that brand first.
    private const string UpdateSentimentSql = """
        UPDATE posts SET sentiment = @sentiment, p_neg = @p_neg, p_neu = @p_neu, p_pos = @p_pos,
            scorer = @scorer, model_version = @model_version, brand_sentiments = @brand_sentiments,
            brand_sentiment = CASE WHEN brand IS NOT DISTINCT FROM @brand THEN @brand_sentiment ELSE brand_sentiment END,
            brand_polarity = CASE WHEN brand IS NOT DISTINCT FROM @brand THEN @brand_polarity ELSE brand_polarity END
        WHERE platform = @platform AND post_id = @post_id
        """;

    private const string UpdateBrandSentimentSql = """
        UPDATE post_brands SET sentiment = @Sentiment, polarity = @Polarity
        WHERE brand = @Brand AND platform = @Platform AND post_id = @PostId
        """;

    public async Task UpdateSentimentAsync(IReadOnlyList<SocialPost> posts, CancellationToken ct = default)
    {
        if (posts.Count == 0)
        {
            return;
        }

        await using var conn = await OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await conn.ExecuteAsync(new CommandDefinition(UpdateSentimentSql, posts.Select(p => PostRow.From(p, now)), tx, cancellationToken: ct));
        var links = posts.SelectMany(p => BrandLink.Extra(p).Select(l => new { l.Brand, l.Sentiment, l.Polarity, p.Platform, p.PostId }));
        await conn.ExecuteAsync(new CommandDefinition(UpdateBrandSentimentSql, links, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    private const string SelectPostColumns = """
        SELECT platform, post_id, author_id, author_handle, author_name, author_followers, author_location, author_verified,
            text, lang, created_ms, created_offset_min, likes, shares, replies, views, url, hashtags, mentions, links,
            reply_to, quote_of, repost_of, brands, campaign, near_dup_of, sentiment, p_neg, p_neu, p_pos, scorer,
            model_version, brand_sentiments, source, ingested_ms
        FROM posts p
        """;

    public async Task<SocialPost?> GetPostAsync(string platform, string postId, CancellationToken ct = default)
    {
        await using var conn = await OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<PostRow>(new CommandDefinition(
            SelectPostColumns + " WHERE platform = @platform AND post_id = @postId", new { platform, postId }, cancellationToken: ct));
        return row?.ToPost();
    }

    public async Task<IReadOnlyList<SocialPost>> FindPostsAsync(PostQuery query, CancellationToken ct = default)
    {
        if (query.Limit is < 0 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(query), "Limit must be between 0 and 100000.");
        }

        var (where, args) = BuildWhere(query);
        args.Add("limit", query.Limit);
        args.Add("offset", Math.Max(0, query.Offset));
        await using var conn = await OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<PostRow>(new CommandDefinition(
            SelectPostColumns + where + " ORDER BY created_ms DESC, platform, post_id LIMIT @limit OFFSET @offset", args, cancellationToken: ct));
        return rows.Select(r => r.ToPost()).ToList();
    }

    public async IAsyncEnumerable<SocialPost> StreamPostsAsync(PostQuery query, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var (where, args) = BuildWhere(query);
        // Pages after the first continue after the last row. The keyset's OR alone is no index range for SQLite, which
        // then reads the whole time range before LIMIT (35-170 ms for a one-row page of a day of 1M posts, against
        // 0.1 ms), and a second lower bound beside "created_ms >= @since" may be the one it picks. So the first page
        // has no keyset, and later ones carry the resume point in the single lower bound.
        var keyset = (where.Length == 0 ? " WHERE " : " AND ")
            + (query.Since is null ? "created_ms >= @k_ms AND " : "")
            + "(created_ms > @k_ms OR (created_ms = @k_ms AND (platform > @k_pl OR (platform = @k_pl AND post_id > @k_id))))";
        long kMs = long.MinValue;
        string kPl = "", kId = "";
        var first = true;
        var remaining = query.Limit > 0 ? query.Limit : int.MaxValue;
        while (remaining > 0)
        {
            args.Add("page", Math.Min(StreamPageSize, remaining));
            if (!first)
            {
                args.Add("k_ms", kMs);
                args.Add("k_pl", kPl);
                args.Add("k_id", kId);
                if (query.Since is { } since)
                {
                    args.Add("since", Math.Max(since.ToUnixTimeMilliseconds(), kMs));
                }
            }

            List<PostRow> page;
            await using (var conn = await OpenConnectionAsync(ct))
            {
                page = (await conn.QueryAsync<PostRow>(new CommandDefinition(
                    SelectPostColumns + where + (first ? "" : keyset) + " ORDER BY created_ms, platform, post_id LIMIT @page", args, cancellationToken: ct))).AsList();
            }

            foreach (var row in page)
            {
                yield return row.ToPost();
            }

            if (page.Count < StreamPageSize)
            {
                yield break;
            }

            remaining -= page.Count;
            var last = page[^1];
            (kMs, kPl, kId) = (last.created_ms, last.platform, last.post_id);
            first = false;
        }
    }

    private (string Where, DynamicParameters Args) BuildWhere(PostQuery q)
    {
        var clauses = new List<string>();
        var args = new DynamicParameters();
        if (q.Platform is not null)
        {
            clauses.Add("platform = @platform");
            args.Add("platform", q.Platform);
        }

        if (q.PostId is not null)
        {
            clauses.Add("post_id = @post_id");
            args.Add("post_id", q.PostId);
        }

        if (q.Brand is not null)
        {
            clauses.Add("(p.brand = @brand OR EXISTS (SELECT 1 FROM post_brands pb WHERE pb.brand = @brand AND pb.platform = p.platform AND pb.post_id = p.post_id))");
            args.Add("brand", q.Brand.ToLowerInvariant());
        }

        if (q.Sentiment is { } s)
        {
            clauses.Add(s == SentimentLabel.Unscored ? "(sentiment IS NULL OR sentiment = 'unscored')" : "sentiment = @sentiment");
            args.Add("sentiment", s.ToWire());
        }

        if (q.Since is { } since)
        {
            clauses.Add("created_ms >= @since");
            args.Add("since", since.ToUnixTimeMilliseconds());
        }

        if (q.Until is { } until)
        {
            clauses.Add("created_ms < @until");
            args.Add("until", until.ToUnixTimeMilliseconds());
        }

        if (q.AuthorId is not null)
        {
            clauses.Add("author_id = @author_id");
            args.Add("author_id", q.AuthorId);
        }

        if (q.Language is not null)
        {
            clauses.Add("lang = @lang");
            args.Add("lang", q.Language);
        }

        if (!string.IsNullOrWhiteSpace(q.Text))
        {
            var words = q.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var i = 0; i < words.Length && i < 16; i++)
            {
                clauses.Add($"text {InsensitiveLike} @w{i} ESCAPE '\\'");
                args.Add($"w{i}", "%" + EscapeLike(words[i]) + "%");
            }
        }

        return (clauses.Count == 0 ? "" : " WHERE " + string.Join(" AND ", clauses), args);
    }

    private static string EscapeLike(string word)
    {
        var sb = new StringBuilder(word.Length + 4);
        foreach (var c in word)
        {
            if (c is '%' or '_' or '\\')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
