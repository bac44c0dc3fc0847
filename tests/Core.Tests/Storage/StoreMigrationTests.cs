using System.Text;
using Marketing.Core.Domain;
using Marketing.Core.Json;
using Marketing.Core.Storage;
using Marketing.TestSupport;
using Npgsql;
using NUnit.Framework;

namespace Marketing.Core.Tests.Storage;

/// <summary>
/// A store written by an older schema migrates on open and then holds the same data as a new store given the same
/// writes. The fixtures (Fixtures/store-v2.*) were written by the schema-2 store from <see cref="StoreV2Scenario"/>:
/// SQLite as the file itself, PostgreSQL as a pg_dump of its schema.
/// </summary>
[TestFixture(StoreKind.Sqlite)]
[TestFixture(StoreKind.Postgres)]
public sealed class StoreMigrationTests(StoreKind kind)
{
    private static readonly string[] Brands = ["", "acme", "globex", "initech"];

    [Test]
    public async Task A_schema_2_store_migrates_and_answers_every_query_like_a_new_store_given_the_same_writes()
    {
        await using var migrated = await OpenSchema2StoreAsync();
        await using var fresh = await TestStores.OpenNewAsync(kind);
        await StoreV2Scenario.WriteAsync(fresh);

        Assert.That(await ((DapperPostStore)migrated).GetSchemaVersionAsync(), Is.EqualTo(DapperPostStore.LatestSchemaVersion));
        var stats = await migrated.GetStatsAsync();
        Assert.That((stats.Posts, stats.Authors, stats.Brands, stats.Rejected), Is.EqualTo((60L, 18L, 3L, 2L)));
        Assert.That(await SnapshotAsync(migrated), Is.EqualTo(await SnapshotAsync(fresh)));
    }

    [Test]
    public async Task Storing_the_migrated_posts_again_finds_every_one_and_changes_nothing()
    {
        await using var migrated = await OpenSchema2StoreAsync();
        var before = await SnapshotAsync(migrated);
        var posts = await migrated.FindPostsAsync(new PostQuery { Limit = 1000 });

        var again = await migrated.UpsertPostsAsync(posts);

        Assert.That(again, Is.EqualTo(new UpsertResult(0, 60)));
        Assert.That(await SnapshotAsync(migrated), Is.EqualTo(before));
    }

    private async Task<IPostStore> OpenSchema2StoreAsync()
    {
        var fixtures = Path.Combine(TestContext.CurrentContext.TestDirectory, "Storage", "Fixtures");
        var target = await TestStores.NewDatabaseAsync(kind);
        if (kind == StoreKind.Sqlite)
        {
            File.Copy(Path.Combine(fixtures, "store-v2.db"), target);
        }
        else
        {
            // The dump names its schema v2fix; it is loaded into the test's own schema instead.
            var schema = new NpgsqlConnectionStringBuilder(target).SearchPath!;
            var script = new StringBuilder();
            foreach (var line in await File.ReadAllLinesAsync(Path.Combine(fixtures, "store-v2.pg.sql")))
            {
                if (!line.StartsWith("CREATE SCHEMA", StringComparison.Ordinal) && !line.Contains("set_config('search_path'", StringComparison.Ordinal))
                {
                    script.AppendLine(line.Replace("v2fix.", schema + ".", StringComparison.Ordinal));
                }
            }

            await using var conn = new NpgsqlConnection(target);
            await conn.OpenAsync();
#pragma warning disable CA2100 // A fixture of this repository, not input.
            await using var cmd = new NpgsqlCommand(script.ToString(), conn);
#pragma warning restore CA2100
            await cmd.ExecuteNonQueryAsync();
        }

        return await StoreFactory.OpenAsync(target, null);
    }

    /// <summary>What every read of the store answers over the scenario's period, as text.</summary>
    private static async Task<string> SnapshotAsync(IPostStore store)
    {
        var range = new TimeRange(StoreV2Scenario.Start, StoreV2Scenario.Start.AddDays(10));
        var s = new StringBuilder();
        var stats = await store.GetStatsAsync();
        s.AppendLine(SnakeCaseJson.Serialize(stats)).AppendLine(SnakeCaseJson.Serialize(await store.GetTimeSpanAsync()));
        foreach (var p in await store.FindPostsAsync(new PostQuery { Limit = 1000 }))
        {
            s.AppendLine(SnakeCaseJson.Serialize(p));
        }

        await foreach (var p in store.StreamPostsAsync(new PostQuery()))
        {
            s.Append(p.Platform).Append('/').Append(p.PostId).Append(' ');
        }

        s.AppendLine();
        foreach (var brand in Brands)
        {
            var b = brand.Length == 0 ? null : brand;
            s.AppendLine("brand " + brand)
                .AppendLine(SnakeCaseJson.Serialize(await store.GetBrandBucketsAsync(range, TimeSpan.FromDays(1), b)))
                .AppendLine(SnakeCaseJson.Serialize(await store.GetBrandBucketsAsync(range, TimeSpan.FromHours(1), b)))
                .AppendLine(SnakeCaseJson.Serialize(await store.GetHashtagBucketsAsync(range, TimeSpan.FromDays(1), 1, b)))
                .AppendLine(SnakeCaseJson.Serialize(await store.GetAuthorSummaryAsync(range, 20, b)))
                .AppendLine(string.Join(" ", (await store.FindPostsAsync(new PostQuery { Brand = b, Limit = 1000 })).Select(p => p.Platform + "/" + p.PostId)));
        }

        s.AppendLine(SnakeCaseJson.Serialize(await store.GetRejectsAsync(10)));
        s.AppendLine(await store.GetArtifactAsync("burst", "acme-1"));
        return s.ToString();
    }
}
