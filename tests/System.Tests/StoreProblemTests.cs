using System.Net.Sockets;
using Marketing.Ingest.Kafka;
using Microsoft.Data.Sqlite;
using Npgsql;
using NUnit.Framework;

namespace Marketing.System.Tests;

/// <summary>The consumer's explanation of a failed write, from the errors the real drivers throw.</summary>
[TestFixture]
public sealed class StoreProblemTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(new SqliteException("SQLite Error 8: 'attempt to write a readonly database'.", 8), "the store is read-only").SetName("SQLite read-only file");
        yield return new TestCaseData(new SqliteException("SQLite Error 13: 'database or disk is full'.", 13), "disk is full").SetName("SQLite disk full");
        yield return new TestCaseData(new IOException("No space left on device"), "disk is full").SetName("ENOSPC");
        yield return new TestCaseData(new PostgresException("permission denied for table posts", "ERROR", "ERROR", "42501"), "the store is read-only").SetName("PostgreSQL grants revoked");
        yield return new TestCaseData(new PostgresException("cannot execute INSERT in a read-only transaction", "ERROR", "ERROR", "25006"), "the store is read-only").SetName("PostgreSQL hot standby");
        yield return new TestCaseData(new PostgresException("could not extend file: No space left on device", "ERROR", "ERROR", "53100"), "disk is full").SetName("PostgreSQL disk full");
        yield return new TestCaseData(new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException(111)), "unreachable").SetName("PostgreSQL stopped");
    }

    [TestCaseSource(nameof(Cases))]
    public void A_failed_write_is_explained_with_the_database_error(Exception error, string explanation)
    {
        var text = KafkaConsumerService.Explain(error);
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain(explanation));
            Assert.That(text, Does.Contain(error.GetBaseException().Message), "the driver's own message is kept");
        });
    }

    [Test]
    public void An_unknown_failure_is_shown_as_it_is()
    {
        Assert.That(KafkaConsumerService.Explain(new InvalidOperationException("boom")), Is.EqualTo("InvalidOperationException: boom"));
    }
}
