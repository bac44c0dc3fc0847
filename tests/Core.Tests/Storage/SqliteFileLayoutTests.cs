using Marketing.Core.Domain;
using Marketing.Core.Storage;
using Marketing.TestSupport;
using Microsoft.Data.Sqlite;
using NUnit.Framework;

namespace Marketing.Core.Tests.Storage;

/// <summary>
/// The SQLite file's layout: a new file is created in WAL mode with 16 KiB pages (the bulk write path's setting), a
/// file created with SQLite's default 4 KiB pages keeps them and takes writes as before, and the bulk path checkpoints
/// the WAL in the background.
/// </summary>
public sealed class SqliteFileLayoutTests
{
    [Test]
    public async Task A_new_store_file_has_16_KiB_pages_in_WAL_mode_and_keeps_what_it_was_given()
    {
        var path = await TestStores.NewDatabaseAsync(StoreKind.Sqlite);
        await using (var store = await StoreFactory.OpenAsync(path, null))
        {
            Assert.That(await store.UpsertPostsAsync(Posts(3000)), Is.EqualTo(new UpsertResult(3000, 0)));
        }

        Assert.That(await PragmaAsync(path, "page_size"), Is.EqualTo("16384"));
        Assert.That(await PragmaAsync(path, "journal_mode"), Is.EqualTo("wal"));
        await using var reopened = await StoreFactory.OpenAsync(path, null);
        Assert.That((await reopened.GetStatsAsync()).Posts, Is.EqualTo(3000));
    }

    [Test]
    public async Task A_store_file_made_with_4_KiB_pages_keeps_them_and_stores_as_before()
    {
        var path = await TestStores.NewDatabaseAsync(StoreKind.Sqlite);
        await using (var conn = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "PRAGMA page_size=4096; PRAGMA journal_mode=WAL; CREATE TABLE made_before (x INTEGER);";
            await cmd.ExecuteNonQueryAsync();
        }

        await using (var store = await StoreFactory.OpenAsync(path, null))
        {
            Assert.That(await store.UpsertPostsAsync(Posts(3000)), Is.EqualTo(new UpsertResult(3000, 0)));
            Assert.That(await store.UpsertPostsAsync(Posts(3000)), Is.EqualTo(new UpsertResult(0, 3000)));
            Assert.That((await store.GetStatsAsync()).Posts, Is.EqualTo(3000));
        }

        Assert.That(await PragmaAsync(path, "page_size"), Is.EqualTo("4096"));
    }

    [Test]
    public async Task Past_64_MiB_of_WAL_the_store_checkpoints_in_the_background_and_keeps_every_post()
    {
        // ~80 MiB of WAL: past the background checkpoint's 64 MiB, short of SQLite's own checkpoint at 128 MiB. Before
        // any checkpoint the database file holds only its first pages; only a background checkpoint can fill it now.
        var path = await TestStores.NewDatabaseAsync(StoreKind.Sqlite);
        var filler = string.Concat(Enumerable.Repeat("the quick brown fox jumps over the lazy dog ", 70));
        var store = await StoreFactory.OpenAsync(path, null);
        try
        {
            for (var b = 0; b < 12; b++)
            {
                var batch = Posts(2000).Select(p => { p.PostId = $"{b}-{p.PostId}"; p.Text = filler + p.PostId; return p; }).ToList();
                Assert.That(await store.UpsertPostsAsync(batch), Is.EqualTo(new UpsertResult(2000, 0)));
            }

            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (new FileInfo(path).Length < 32 << 20 && waited.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(50);
            }

            Assert.That(new FileInfo(path).Length, Is.GreaterThan(32 << 20), "the database file after a background checkpoint");
            Assert.That((await store.GetStatsAsync()).Posts, Is.EqualTo(24_000));
        }
        finally
        {
            var closing = store.DisposeAsync().AsTask();
            Assert.That(await Task.WhenAny(closing, Task.Delay(TimeSpan.FromSeconds(60))), Is.SameAs(closing), "the store closes while or after a checkpoint runs");
        }

        await using var reopened = await StoreFactory.OpenAsync(path, null);
        Assert.That((await reopened.GetStatsAsync()).Posts, Is.EqualTo(24_000));
    }

    private static async Task<string> PragmaAsync(string path, string pragma)
    {
        await using var conn = new SqliteConnection($"Data Source={path};Pooling=False");
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
#pragma warning disable CA2100 // The pragma names are this test's constants.
        cmd.CommandText = "PRAGMA " + pragma;
#pragma warning restore CA2100
        return Convert.ToString(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    private static List<SocialPost> Posts(int n) =>
        Enumerable.Range(0, n).Select(i => new SocialPost
        {
            Platform = "x",
            PostId = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Author = new Author { Id = "a" + (i % 50) },
            Text = $"post {i} about acme with some words to fill a row",
            CreatedAt = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(i),
            Brands = i % 3 == 0 ? ["acme"] : [],
        }).ToList();
}
