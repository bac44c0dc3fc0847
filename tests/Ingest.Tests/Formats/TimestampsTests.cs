using Marketing.Ingest.Formats;
using NUnit.Framework;

namespace Marketing.Ingest.Tests.Formats;

public class TimestampsTests
{
    private static readonly object[] Forms =
    [
        new object[] { "2026-10-01T08:00:00+02:00", new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.FromHours(2)) },
        new object[] { "2026-10-01T06:00:00Z", new DateTimeOffset(2026, 10, 1, 6, 0, 0, TimeSpan.Zero) },
        new object[] { "2026-10-10T20:19:24.000Z", new DateTimeOffset(2026, 10, 10, 20, 19, 24, TimeSpan.Zero) },
        new object[] { "2026-10-01T08:00:00", new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.Zero) },
        new object[] { "2015-02-24 11:35:52 -0800", new DateTimeOffset(2015, 2, 24, 11, 35, 52, TimeSpan.FromHours(-8)) },
        new object[] { "2015-02-24 11:35:52 +0530", new DateTimeOffset(2015, 2, 24, 11, 35, 52, new TimeSpan(5, 30, 0)) },
        new object[] { "2015-02-24 11:35:52", new DateTimeOffset(2015, 2, 24, 11, 35, 52, TimeSpan.Zero) },
        new object[] { "Tue, 24 Feb 2015 11:35:52 -0800", new DateTimeOffset(2015, 2, 24, 11, 35, 52, TimeSpan.FromHours(-8)) },
        new object[] { "Tue, 24 Feb 2015 19:35:52 GMT", new DateTimeOffset(2015, 2, 24, 19, 35, 52, TimeSpan.Zero) },
        new object[] { "Wed Oct 10 20:19:24 +0000 2018", new DateTimeOffset(2018, 10, 10, 20, 19, 24, TimeSpan.Zero) },
        new object[] { "1727776800", DateTimeOffset.FromUnixTimeSeconds(1727776800) },
        new object[] { "1727776800.5", DateTimeOffset.FromUnixTimeMilliseconds(1727776800500) },
        new object[] { "1727776800123", DateTimeOffset.FromUnixTimeMilliseconds(1727776800123) },
    ];

    [TestCaseSource(nameof(Forms))]
    public void Every_timestamp_form_parses_and_keeps_its_offset(string text, DateTimeOffset expected)
    {
        Assert.That(Timestamps.TryParse(text, out var at), Is.True, text);
        Assert.Multiple(() =>
        {
            Assert.That(at, Is.EqualTo(expected));
            Assert.That(at.Offset, Is.EqualTo(expected.Offset));
        });
    }

    [TestCase("")]
    [TestCase("yesterday")]
    [TestCase("2026-13-45")]
    [TestCase("-5")]
    [TestCase("99999999999999999999")]
    public void Things_that_are_not_times_do_not_parse(string text)
    {
        Assert.That(Timestamps.TryParse(text, out _), Is.False);
    }

    [Test]
    public void A_JSON_number_is_an_epoch_in_seconds_or_milliseconds()
    {
        var post = DecodeHelpers.Single("""{"post_id":"1","text":"x","created_at":1727776800123}""");
        Assert.That(post.CreatedAt, Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(1727776800123)));
    }
}
