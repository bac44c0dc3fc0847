using Dapper;
using Marketing.Core.Domain;

namespace Marketing.Core.Storage;

public abstract partial class DapperPostStore
{
    // 1970-01-05 was a Monday: week buckets are aligned to it so that they start on Mondays.
    private const long MondayOriginMs = 4L * 86_400_000;

    private const string StatsSql = """
        SELECT
            (SELECT COUNT(*) FROM posts) AS posts,
            (SELECT COUNT(*) FROM authors) AS authors,
            (SELECT COUNT(*) FROM (SELECT brand FROM posts WHERE brand IS NOT NULL UNION SELECT brand FROM post_brands) b) AS brands,
            (SELECT COUNT(*) FROM rejects) AS rejected,
            (SELECT COUNT(*) FROM posts WHERE sentiment IS NOT NULL AND sentiment <> 'unscored') AS scored,
            (SELECT MIN(created_ms) FROM posts) AS first_ms,
            (SELECT MAX(created_ms) FROM posts) AS last_ms
        """;

    public async Task<StoreStats> GetStatsAsync(CancellationToken ct = default)
    {
        await using var conn = await OpenConnectionAsync(ct);
        var r = await conn.QuerySingleAsync<(long posts, long authors, long brands, long rejected, long scored, long? first_ms, long? last_ms)>(
            new CommandDefinition(StatsSql, cancellationToken: ct));
        return new StoreStats(r.posts, r.authors, r.brands, r.rejected, r.scored, ToTime(r.first_ms), ToTime(r.last_ms));
    }

    public async Task<TimeRange?> GetTimeSpanAsync(CancellationToken ct = default)
    {
        await using var conn = await OpenConnectionAsync(ct);
        var r = await conn.QuerySingleAsync<(long? first_ms, long? last_ms)>(new CommandDefinition(
            "SELECT MIN(created_ms) AS first_ms, MAX(created_ms) AS last_ms FROM posts", cancellationToken: ct));
        return r.first_ms is null ? null : new TimeRange(ToTime(r.first_ms)!.Value, ToTime(r.last_ms + 1)!.Value);
    }

    private static DateTimeOffset? ToTime(long? ms) => ms is null ? null : DateTimeOffset.FromUnixTimeMilliseconds(ms.Value);

    private const string InsertRejectSql = """
        INSERT INTO rejects (reason, detail, source, raw, at_ms) VALUES (@Reason, @Detail, @Source, @Raw, @AtMs)
        """;

    // Raw input is kept for diagnosis, truncated so that a 10 MB hostile field cannot bloat the store.
    public const int MaxStoredRawChars = 4096;

    public async Task AddRejectsAsync(IReadOnlyList<RejectedRecord> rejects, CancellationToken ct = default)
    {
        if (rejects.Count == 0)
        {
            return;
        }

        await using var conn = await OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(InsertRejectSql, rejects.Select(r => new
        {
            r.Reason,
            r.Detail,
            r.Source,
            Raw = r.Raw is null ? null : Truncate(r.Raw.Replace("\0", "\\0", StringComparison.Ordinal), MaxStoredRawChars),
            AtMs = r.At.ToUnixTimeMilliseconds(),
        }), tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    public async Task<IReadOnlyList<RejectedRecord>> GetRejectsAsync(int limit, CancellationToken ct = default)
    {
        await using var conn = await OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(string reason, string detail, string source, string? raw, long at_ms)>(new CommandDefinition(
            "SELECT reason, detail, source, raw, at_ms FROM rejects ORDER BY id DESC LIMIT @limit", new { limit }, cancellationToken: ct));
        return rows.Select(r => new RejectedRecord(r.reason, r.detail, r.source, r.raw, DateTimeOffset.FromUnixTimeMilliseconds(r.at_ms))).ToList();
    }

    /// <summary>Rejected-record counts by reason.</summary>
    public async Task<IReadOnlyDictionary<string, long>> GetRejectCountsAsync(CancellationToken ct = default)
    {
        await using var conn = await OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(string reason, long n)>(new CommandDefinition(
            "SELECT reason, COUNT(*) AS n FROM rejects GROUP BY reason ORDER BY reason", cancellationToken: ct));
        return rows.ToDictionary(r => r.reason, r => r.n);
    }

    // A post's first brand link is in its row, the others in post_brands (migration 3): both halves are read.
    private const string BrandBucketsSql = """
        SELECT (created_ms - @origin) / @width AS b, brand,
            COUNT(*) AS volume,
            SUM(CASE WHEN sentiment = 'positive' THEN 1 ELSE 0 END) AS pos,
            SUM(CASE WHEN sentiment = 'neutral' THEN 1 ELSE 0 END) AS neu,
            SUM(CASE WHEN sentiment = 'negative' THEN 1 ELSE 0 END) AS neg,
            SUM(engagement) AS eng
        FROM (
            SELECT created_ms, brand, brand_sentiment AS sentiment, engagement FROM posts
            WHERE created_ms >= @start AND created_ms < @end AND brand IS NOT NULL AND (@brand IS NULL OR brand = @brand)
            UNION ALL
            SELECT created_ms, brand, sentiment, engagement FROM post_brands
            WHERE created_ms >= @start AND created_ms < @end AND (@brand IS NULL OR brand = @brand)
        ) l
        GROUP BY (created_ms - @origin) / @width, brand
        ORDER BY b, brand
        """;

    public async Task<IReadOnlyList<BrandBucket>> GetBrandBucketsAsync(TimeRange range, TimeSpan bucket, string? brand = null, CancellationToken ct = default)
    {
        var (origin, width) = BucketGeometry(bucket);
        await using var conn = await OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(long b, string brand, long volume, long pos, long neu, long neg, long eng)>(new CommandDefinition(
            BrandBucketsSql,
            new { origin, width, start = range.Start.ToUnixTimeMilliseconds(), end = range.End.ToUnixTimeMilliseconds(), brand = brand?.ToLowerInvariant() },
            cancellationToken: ct));
        return rows.Select(r => new BrandBucket(DateTimeOffset.FromUnixTimeMilliseconds(origin + (r.b * width)), r.brand, r.volume, r.pos, r.neu, r.neg, r.eng)).ToList();
    }

    private const string HashtagScanSql = """
        SELECT created_ms, hashtags FROM posts
        WHERE created_ms >= @start AND created_ms < @end AND hashtags IS NOT NULL
        """;

    private const string HashtagScanByBrandSql = """
        SELECT created_ms, hashtags FROM posts
        WHERE brand = @brand AND created_ms >= @start AND created_ms < @end AND hashtags IS NOT NULL
        UNION ALL
        SELECT p.created_ms, p.hashtags FROM post_brands pb
        JOIN posts p ON p.platform = pb.platform AND p.post_id = pb.post_id
        WHERE pb.brand = @brand AND pb.created_ms >= @start AND pb.created_ms < @end AND p.hashtags IS NOT NULL
        """;

    public async Task<IReadOnlyList<KeyBucket>> GetHashtagBucketsAsync(TimeRange range, TimeSpan bucket, int minCount, string? brand = null, CancellationToken ct = default)
    {
        var (origin, width) = BucketGeometry(bucket);
        var counts = new Dictionary<(long, string), long>();
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var conn = await OpenConnectionAsync(ct);
        // Hashtags are stored space-separated in the post row; exploding them here keeps the bulk write path to one
        // row per post (a tag table would cost write speed on every post for a read that is rare).
        using var reader = await conn.ExecuteReaderAsync(new CommandDefinition(
            brand is null ? HashtagScanSql : HashtagScanByBrandSql,
            new { start = range.Start.ToUnixTimeMilliseconds(), end = range.End.ToUnixTimeMilliseconds(), brand = brand?.ToLowerInvariant() },
            cancellationToken: ct));
        while (await reader.ReadAsync(ct))
        {
            var b = (reader.GetInt64(0) - origin) / width;
            foreach (var tag in reader.GetString(1).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var key = tag.ToLowerInvariant();
                counts[(b, key)] = counts.GetValueOrDefault((b, key)) + 1;
                totals[key] = totals.GetValueOrDefault(key) + 1;
            }
        }

        return counts.Where(kv => totals[kv.Key.Item2] >= minCount)
            .OrderBy(kv => kv.Key.Item1).ThenBy(kv => kv.Key.Item2, StringComparer.Ordinal)
            .Select(kv => new KeyBucket(DateTimeOffset.FromUnixTimeMilliseconds(origin + (kv.Key.Item1 * width)), kv.Key.Item2, kv.Value))
            .ToList();
    }

    private static (long Origin, long Width) BucketGeometry(TimeSpan bucket)
    {
        var width = (long)bucket.TotalMilliseconds;
        if (width <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bucket), "A bucket must be longer than zero.");
        }

        return (bucket == TimeSpan.FromDays(7) ? MondayOriginMs : 0, width);
    }

    private const string PutArtifactSql = """
        INSERT INTO artifacts (kind, key, json, updated_ms) VALUES (@kind, @key, @json, @now)
        ON CONFLICT (kind, key) DO UPDATE SET json = excluded.json, updated_ms = excluded.updated_ms
        """;

    public async Task PutArtifactAsync(string kind, string key, string json, CancellationToken ct = default)
    {
        await using var conn = await OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(PutArtifactSql,
            new { kind, key, json, now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }, cancellationToken: ct));
    }

    public async Task<string?> GetArtifactAsync(string kind, string key, CancellationToken ct = default)
    {
        await using var conn = await OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT json FROM artifacts WHERE kind = @kind AND key = @key", new { kind, key }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<Artifact>> ListArtifactsAsync(string kind, int limit = 1000, CancellationToken ct = default)
    {
        await using var conn = await OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(string kind, string key, string json, long updated_ms)>(new CommandDefinition(
            "SELECT kind, key, json, updated_ms FROM artifacts WHERE kind = @kind ORDER BY updated_ms DESC, key LIMIT @limit",
            new { kind, limit }, cancellationToken: ct));
        return rows.Select(r => new Artifact(r.kind, r.key, r.json, DateTimeOffset.FromUnixTimeMilliseconds(r.updated_ms))).ToList();
    }

    public async Task DeleteArtifactAsync(string kind, string key, CancellationToken ct = default)
    {
        await using var conn = await OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("DELETE FROM artifacts WHERE kind = @kind AND key = @key", new { kind, key }, cancellationToken: ct));
    }
}
