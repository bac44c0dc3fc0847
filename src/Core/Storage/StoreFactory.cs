using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketing.Core.Storage;

public static class StoreFactory
{
    public const string DefaultSqlitePath = "data/marketing.db";

    /// <summary>True when <paramref name="db"/> names PostgreSQL (a connection string starting <c>Host=</c>).</summary>
    public static bool IsPostgres(string db) => db.TrimStart().StartsWith("Host=", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Opens the store that <paramref name="db"/> names and applies pending migrations: a value starting <c>Host=</c>
    /// is PostgreSQL; anything else is a SQLite path or connection string.
    /// </summary>
    public static async Task<IPostStore> OpenAsync(string? db, ILoggerFactory? loggers = null, CancellationToken ct = default)
    {
        db = string.IsNullOrWhiteSpace(db) ? DefaultSqlitePath : db.Trim();
        loggers ??= NullLoggerFactory.Instance;
        return IsPostgres(db)
            ? await PostgresPostStore.OpenAsync(db, loggers.CreateLogger<PostgresPostStore>(), ct)
            : await SqlitePostStore.OpenAsync(db, loggers.CreateLogger<SqlitePostStore>(), ct);
    }
}
