using System.Text.Json;
using Marketing.Reports.Scheduling;
using Marketing.Reports.Tests.Support;
using Marketing.TestSupport;

namespace Marketing.Reports.Tests.Scheduling;

public sealed class ReportScheduleJobTests
{
    private static readonly DateTimeOffset FireTime = ReportStore.Period.End;

    private static WebhookDelivery Webhook(int retries = 2) =>
        new(new HttpClient(), Enumerable.Repeat(TimeSpan.Zero, retries).ToList(), TimeSpan.FromSeconds(10));

    [Test]
    public async Task A_scheduled_run_writes_the_report_for_the_period_ending_at_the_fire_time()
    {
        await using var store = await ReportStore.OpenFilledAsync();
        var outDir = TestPaths.NewTempDir("sched");
        var job = new ReportScheduleJob(store, new ReportWriter());

        var outcome = await job.RunAsync(new ReportScheduleOptions { Name = "weekly", Cron = "0 0 * * SUN", Period = "7d", Out = outDir }, FireTime, CancellationToken.None);

        Assert.That(outcome.Succeeded, Is.True);
        Assert.That(Path.GetFileName(outcome.ReportDir), Is.EqualTo("weekly-20261115T000000Z"));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outcome.ReportDir!, "report.json")));
        Assert.That(json.RootElement.GetProperty("period").GetProperty("start").GetDateTimeOffset(), Is.EqualTo(ReportStore.PeriodStart));
        Assert.That(Directory.GetDirectories(outDir).Select(Path.GetFileName), Is.EqualTo(new[] { "weekly-20261115T000000Z" }), "no staging folder is left");
    }

    [Test]
    public async Task Retention_keeps_the_newest_n_reports_of_the_schedule()
    {
        await using var store = await ReportStore.OpenFilledAsync(artifacts: false);
        var outDir = TestPaths.NewTempDir("retention");
        Directory.CreateDirectory(Path.Combine(outDir, "other-20260101T000000Z"));
        var clock = new FakeClock(FireTime.AddMinutes(-30));
        var options = new ReportsOptions
        {
            Schedules = [new ReportScheduleOptions { Name = "hourly", Cron = "0 * * * *", Period = "1d", Out = outDir, Keep = 2 }],
        };
        var scheduler = new ReportScheduler(options, new ReportScheduleJob(store, new ReportWriter(clock)), new InMemoryScheduleState(), clock);

        await clock.RunToCompletionAsync(scheduler.RunAsync(CancellationToken.None, until: FireTime.AddHours(3).AddMinutes(30)));

        Assert.That(Directory.GetDirectories(outDir).Select(Path.GetFileName).Order(), Is.EqualTo(new[]
        {
            "hourly-20261115T020000Z", "hourly-20261115T030000Z", "other-20260101T000000Z",
        }), "4 runs, the 2 newest kept; another schedule's folder is untouched");
    }

    [Test]
    public async Task The_webhook_gets_the_summary_and_a_link_after_a_retry()
    {
        await using var store = await ReportStore.OpenFilledAsync();
        using var hook = new LoopbackWebhook(503);
        var job = new ReportScheduleJob(store, new ReportWriter(), Webhook());

        var outcome = await job.RunAsync(new ReportScheduleOptions { Name = "weekly", Out = TestPaths.NewTempDir("hook"), Webhook = hook.Url.ToString() }, FireTime, CancellationToken.None);

        Assert.That(outcome.Delivered, Is.True);
        Assert.That(hook.Requests, Is.EqualTo(2), "the first attempt got 503 and was retried");
        using var body = JsonDocument.Parse(hook.Bodies.Last());
        Assert.That(body.RootElement.GetProperty("schedule").GetString(), Is.EqualTo("weekly"));
        Assert.That(body.RootElement.GetProperty("html").GetString(), Is.EqualTo(new Uri(Path.Combine(outcome.ReportDir!, "report.html")).AbsoluteUri));
        Assert.That(body.RootElement.GetProperty("kpis").GetArrayLength(), Is.GreaterThan(0));
    }

    [Test]
    public async Task A_webhook_that_keeps_failing_never_loses_the_report()
    {
        await using var store = await ReportStore.OpenFilledAsync();
        using var hook = new LoopbackWebhook(500, 500, 500, 500);
        var job = new ReportScheduleJob(store, new ReportWriter(), Webhook(retries: 2));

        var outcome = await job.RunAsync(new ReportScheduleOptions { Name = "weekly", Out = TestPaths.NewTempDir("hook"), Webhook = hook.Url.ToString() }, FireTime, CancellationToken.None);

        Assert.That(outcome.Succeeded, Is.True);
        Assert.That(outcome.Delivered, Is.False);
        Assert.That(hook.Requests, Is.EqualTo(3), "one attempt plus two retries");
        Assert.That(File.Exists(Path.Combine(outcome.ReportDir!, "report.html")), Is.True);
    }

    [Test]
    public async Task A_webhook_client_error_is_not_retried()
    {
        await using var store = await ReportStore.OpenFilledAsync();
        using var hook = new LoopbackWebhook(404);
        var job = new ReportScheduleJob(store, new ReportWriter(), Webhook(retries: 3));

        var outcome = await job.RunAsync(new ReportScheduleOptions { Name = "weekly", Out = TestPaths.NewTempDir("hook"), Webhook = hook.Url.ToString() }, FireTime, CancellationToken.None);

        Assert.That((outcome.Delivered, hook.Requests), Is.EqualTo(((bool?)false, 1)));
    }
}
