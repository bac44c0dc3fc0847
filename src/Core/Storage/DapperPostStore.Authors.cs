using Dapper;

namespace Marketing.Core.Storage;

public abstract partial class DapperPostStore
{
    // Engagement is likes + shares + replies, as Engagement.Total defines it. CASTs keep SUM a BIGINT on PostgreSQL.
    // COUNT(*) OVER () counts the groups before LIMIT: the distinct authors come from the same pass as the top ones.
    private const string TopAuthorsSql = """
        SELECT platform, author_id, MAX(author_handle) AS handle, COUNT(*) AS posts, COUNT(*) OVER () AS authors,
            CAST(SUM(likes + shares + replies) AS BIGINT) AS engagement, MAX(author_followers) AS followers,
            CAST(SUM(CASE WHEN sentiment = 'positive' THEN 1 ELSE 0 END) AS BIGINT) AS pos,
            CAST(SUM(CASE WHEN sentiment = 'negative' THEN 1 ELSE 0 END) AS BIGINT) AS neg,
            CAST(SUM(CASE WHEN sentiment IN ('positive', 'neutral', 'negative') THEN 1 ELSE 0 END) AS BIGINT) AS scored
        FROM posts
        WHERE created_ms >= @start AND created_ms < @end
        GROUP BY platform, author_id
        ORDER BY engagement DESC, posts DESC, platform, author_id
        LIMIT @top
        """;

    // The brand's posts: those naming it first (the link is in the row) and those naming it later (post_brands).
    private const string TopAuthorsByBrandSql = """
        SELECT platform, author_id, MAX(author_handle) AS handle, COUNT(*) AS posts, COUNT(*) OVER () AS authors,
            CAST(SUM(likes + shares + replies) AS BIGINT) AS engagement, MAX(author_followers) AS followers,
            CAST(SUM(CASE WHEN sentiment = 'positive' THEN 1 ELSE 0 END) AS BIGINT) AS pos,
            CAST(SUM(CASE WHEN sentiment = 'negative' THEN 1 ELSE 0 END) AS BIGINT) AS neg,
            CAST(SUM(CASE WHEN sentiment IN ('positive', 'neutral', 'negative') THEN 1 ELSE 0 END) AS BIGINT) AS scored
        FROM (
            SELECT platform, author_id, author_handle, likes, shares, replies, author_followers, brand_sentiment AS sentiment
            FROM posts
            WHERE brand = @brand AND created_ms >= @start AND created_ms < @end
            UNION ALL
            SELECT p.platform, p.author_id, p.author_handle, p.likes, p.shares, p.replies, p.author_followers, pb.sentiment
            FROM post_brands pb
            JOIN posts p ON p.platform = pb.platform AND p.post_id = pb.post_id
            WHERE pb.brand = @brand AND pb.created_ms >= @start AND pb.created_ms < @end
        ) bp
        GROUP BY platform, author_id
        ORDER BY engagement DESC, posts DESC, platform, author_id
        LIMIT @top
        """;

    public async Task<AuthorSummary> GetAuthorSummaryAsync(TimeRange range, int top, string? brand = null, CancellationToken ct = default)
    {
        // At least one row is read even for top = 0, because that row carries the distinct count.
        var args = new { start = range.Start.ToUnixTimeMilliseconds(), end = range.End.ToUnixTimeMilliseconds(), brand = brand?.ToLowerInvariant(), top = Math.Max(1, top) };
        await using var conn = await OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<(string platform, string author_id, string? handle, long posts, long authors, long engagement, long followers, long pos, long neg, long scored)>(
            new CommandDefinition(brand is null ? TopAuthorsSql : TopAuthorsByBrandSql, args, cancellationToken: ct))).AsList();
        var distinct = rows.Count == 0 ? 0 : rows[0].authors;
        return new AuthorSummary(distinct, rows.Take(Math.Max(0, top)).Select(r => new AuthorActivity(r.platform, r.author_id, r.handle, r.posts, r.engagement, r.followers, r.pos, r.neg, r.scored)).ToList());
    }
}
