using System.CommandLine;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Marketing.Analysis.Sentiment;
using Marketing.Core.Domain;
using Marketing.Core.Storage;
using Marketing.Llm;
using Marketing.Web;

namespace Marketing.Bench;

/// <summary>
/// <c>mkt-bench web</c>: loopback load test of POST /api/sentiment and cached POST /api/drafts, side by side in the same
/// run with the Flask baseline (../shared/peers/flask_baseline.py). Fixed connection count, bounded in time.
/// </summary>
public static class WebBench
{
    public static IEnumerable<Command> Create() => [Web()];

    private static Command Web()
    {
        var seconds = new Option<double>("--seconds") { Description = "Seconds per target.", DefaultValueFactory = _ => 5 };
        var connections = new Option<int>("--connections") { Description = "Concurrent connections.", DefaultValueFactory = _ => 16 };
        var flask = new Option<string?>("--flask") { Description = "Path of flask_baseline.py (run with /usr/bin/python3). Default: /work/shared/peers/flask_baseline.py; skipped when missing." };
        var cmd = new Command("web", "Loopback load test of /api/sentiment and cached /api/drafts vs the Flask baseline: req/s, p50, p99.") { seconds, connections, flask };
        cmd.SetAction(async (parse, ct) =>
        {
            var duration = TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(seconds), 1, 60));
            var conns = Math.Clamp(parse.GetValue(connections), 1, 256);
            var db = Path.Combine(Path.GetTempPath(), $"mkt-webbench-{Guid.NewGuid():N}.db");
            await using var store = (IAsyncDisposable)await StoreFactory.OpenAsync(db, null, ct);
            var s = (IPostStore)store;
            var posts = Enumerable.Range(0, 50).Select(i => new SocialPost
            {
                Platform = "x", PostId = "b" + i, Text = $"acme phone battery review {i}", Language = "en",
                Author = new Author { Id = "u" + (i % 7), Handle = "u" + (i % 7) }, CreatedAt = DateTimeOffset.UtcNow.AddHours(-i),
                Engagement = new Engagement { Likes = i }, Brands = ["acme"],
                Sentiment = new SentimentResult((SentimentLabel)(i % 3), 0.3f, 0.3f, 0.4f, "bench", "v1"),
            }).ToList();
            await s.UpsertPostsAsync(posts, ct);
            var watch = Marketing.Core.Brands.BrandWatchlist.Parse("""{"brands":[{"id":"acme","name":"Acme","aliases":["acme"]}]}""");
            var services = new WebServices
            {
                Store = s,
                Llm = LlmClientFactory.Create(new LlmOptions { Provider = LlmOptions.OfflineProvider }, null, s),
                Sentiment = new SentimentScorer(TinyModel()),
                Watchlist = watch,
            };
            await using var app = WebApp.Build(services, new WebOptions { Urls = "http://127.0.0.1:0" });
            await app.StartAsync(ct);
            var baseUrl = WebApp.Addresses(app).First();
            const string draftBody = """{"brand":"acme","channels":["x"],"variants":2}""";
            using (var warm = new HttpClient())
            {
                await warm.PostAsync(baseUrl + "/api/drafts", new StringContent(draftBody, Encoding.UTF8, "application/json"), ct);
                await Task.Delay(2000, ct);
            }

            var results = new Dictionary<string, object>
            {
                ["mkt_sentiment"] = await LoadAsync(baseUrl + "/api/sentiment", """{"text":"I love the new acme phone, great battery"}""", conns, duration, ct),
                ["mkt_drafts_cached"] = await LoadAsync(baseUrl + "/api/drafts", draftBody, conns, duration, ct),
            };
            await app.StopAsync(ct);

            var script = parse.GetValue(flask) ?? "/work/shared/peers/flask_baseline.py";
            if (File.Exists(script))
            {
                var port = FreePort();
                using var py = Process.Start(new ProcessStartInfo("/usr/bin/python3", [script, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
                // Flask logs every request: drain its pipes or it blocks once they fill.
                py.OutputDataReceived += (_, _) => { };
                py.ErrorDataReceived += (_, _) => { };
                py.BeginOutputReadLine();
                py.BeginErrorReadLine();
                try
                {
                    var url = $"http://127.0.0.1:{port}/api/sentiment";
                    using var probe = new HttpClient();
                    for (var i = 0; i < 100; i++)
                    {
                        try
                        {
                            (await probe.PostAsync(url, new StringContent("""{"text":"x"}""", Encoding.UTF8, "application/json"), ct)).Dispose();
                            break;
                        }
                        catch (HttpRequestException)
                        {
                            await Task.Delay(100, ct);
                        }
                    }

                    results["flask_sentiment"] = await LoadAsync(url, """{"text":"I love the new acme phone, great battery"}""", conns, duration, ct);
                }
                finally
                {
                    py.Kill(entireProcessTree: true);
                    await py.WaitForExitAsync(CancellationToken.None);
                }
            }

            File.Delete(db);
            BenchResult.Write("web", new { machine = BenchResult.Machine(), connections = conns, seconds = duration.TotalSeconds, results });
            return 0;
        });
        return cmd;
    }

    private static async Task<object> LoadAsync(string url, string body, int conns, TimeSpan duration, CancellationToken ct)
    {
        await Console.Error.WriteLineAsync($"web: loading {url} for {duration.TotalSeconds:0} s at {conns} connections");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = conns }) { Timeout = TimeSpan.FromSeconds(10) };
        var payload = Encoding.UTF8.GetBytes(body);
        var latencies = new List<double>[conns];
        var errors = 0;
        var sw = Stopwatch.StartNew();
        var stop = sw.Elapsed + duration;
        await Task.WhenAll(Enumerable.Range(0, conns).Select(async c =>
        {
            var mine = latencies[c] = new List<double>(100_000);
            while (sw.Elapsed < stop && mine.Count < 2_000_000)
            {
                var t = Stopwatch.GetTimestamp();
                using var content = new ByteArrayContent(payload);
                content.Headers.ContentType = new("application/json");
                using var r = await http.PostAsync(url, content, ct);
                await r.Content.ReadAsByteArrayAsync(ct);
                if (!r.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }

                mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        }));
        var elapsed = sw.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double P(double q) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(q * all.Length))];
        return new { requests = all.Length, errors, req_per_s = Math.Round(all.Length / elapsed), p50_ms = Math.Round(P(0.5), 2), p99_ms = Math.Round(P(0.99), 2) };
    }

    private static int FreePort()
    {
        var l = new TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        var port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private static SentimentModel TinyModel()
    {
        var data = new List<SentimentExample>();
        string[] pos = ["love it", "great product", "amazing service", "so happy"], neg = ["hate it", "terrible product", "awful service", "so angry"], neu = ["it is a phone", "opens at nine", "new version", "shipping today"];
        for (var i = 0; i < 5; i++)
        {
            data.AddRange(pos.Select(t => new SentimentExample(SentimentLabel.Positive, t + " " + i)));
            data.AddRange(neg.Select(t => new SentimentExample(SentimentLabel.Negative, t + " " + i)));
            data.AddRange(neu.Select(t => new SentimentExample(SentimentLabel.Neutral, t + " " + i)));
        }

        return new SentimentTrainer().Train(data, new SentimentTrainingOptions { MaxIterations = 50 }).Model;
    }
}
