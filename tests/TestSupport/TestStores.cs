using Marketing.Core.Storage;
using Npgsql;
using NUnit.Framework;

namespace Marketing.TestSupport;

/// <summary>
/// Fresh, empty stores for tests. SQLite: a new file. PostgreSQL: a new schema in the database that
/// <c>MKT_TEST_PG</c> names; without that variable the test is skipped with a message saying how to run it, and
/// with it a failure to connect is a failure.
/// </summary>
public static class TestStores
{
    public const string PostgresVariable = "MKT_TEST_PG";

    public static string? PostgresConnectionString => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } cs ? cs : null;

    /// <summary>A connection string (SQLite path or PostgreSQL with its own schema) for a new empty store.</summary>
    public static async Task<string> NewDatabaseAsync(StoreKind kind, CancellationToken ct = default)
    {
        if (kind == StoreKind.Sqlite)
        {
            return Path.Combine(TestPaths.NewTempDir("sqlite"), "marketing.db");
        }

        var cs = PostgresConnectionString;
        if (cs is null)
        {
            Assert.Ignore($"PostgreSQL tests need {PostgresVariable}, e.g. {PostgresVariable}='Host=127.0.0.1;Port=5432;Username=mkt;Password=mkt;Database=mkt'. " +
                          "'bash .ci/run' installs and starts PostgreSQL and sets it.");
        }

        var schema = "t_" + Guid.NewGuid().ToString("N")[..16];
        try
        {
            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync(ct);
#pragma warning disable CA2100 // The schema name is a generated hex id, not input.
            await using var cmd = new NpgsqlCommand($"CREATE SCHEMA {schema}", conn);
#pragma warning restore CA2100
            await cmd.ExecuteNonQueryAsync(ct);
        }
        catch (NpgsqlException ex)
        {
            Assert.Fail($"{PostgresVariable} is set but PostgreSQL is unreachable ({ex.Message}). Start it with 'bash .ci/run' or unset {PostgresVariable} to skip.");
        }

        return new NpgsqlConnectionStringBuilder(cs) { SearchPath = schema }.ConnectionString;
    }

    public static async Task<IPostStore> OpenNewAsync(StoreKind kind, CancellationToken ct = default) =>
        await StoreFactory.OpenAsync(await NewDatabaseAsync(kind, ct), null, ct);
}
