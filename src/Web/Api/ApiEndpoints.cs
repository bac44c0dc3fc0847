using System.Diagnostics;
using System.Text.Json;
using Marketing.Analysis.Trends;
using Marketing.Core.Domain;
using Marketing.Core.Json;
using Marketing.Core.Storage;
using Marketing.Web.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Marketing.Web.Api;

/// <summary>The JSON API. Responses use the same snake_case shape as the CLI's --json output.</summary>
public static class ApiEndpoints
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/posts", Posts).WithSummary("Find stored posts: brand, sentiment, since, until, text, limit.");
        api.MapGet("/trends", Trends).WithSummary("Bursts, shifts, share of voice and top authors: brand, bucket (hour|day|week), since, until, tz.");
        api.MapPost("/sentiment", Sentiment).WithSummary("Score one text: {\"text\": \"...\"} -> label and probabilities.");
        api.MapPost("/drafts", CreateDraft).WithSummary("Start a draft job: {\"brand\",\"channels\",\"segments\",\"variants\"}. 202 with the job id.");
        api.MapGet("/drafts/{id}", GetDraft).WithSummary("A draft job's status and, when done, its drafts.");
        api.MapGet("/reports", Reports).WithSummary("Reports written to the reports folder.");
        app.MapGet("/healthz", Health).WithSummary("Liveness and store reachability.");
        app.MapGet("/metrics", (WebMetrics m) => Results.Text(m.Render(), "text/plain; version=0.0.4")).WithSummary("Prometheus metrics.");
    }

    private static IResult Json(object value, int status = 200) => Results.Json(value, SnakeCaseJson.Options, statusCode: status);

    private static IResult Problem(int status, string message) => Json(new { error = message }, status);

    private static async Task<IResult> Posts(HttpRequest req, WebServices s, CancellationToken ct)
    {
        if (!TryQuery(req, out var query, out var error))
        {
            return Problem(400, error);
        }

        var posts = await s.Store.FindPostsAsync(query, ct);
        return Json(new { count = posts.Count, posts });
    }

    /// <summary>Reads the post filters shared by the API and the posts page.</summary>
    public static bool TryQuery(HttpRequest req, out PostQuery query, out string error)
    {
        query = new PostQuery();
        error = "";
        var q = req.Query;
        SentimentLabel? label = null;
        if (q["sentiment"].ToString() is { Length: > 0 } s)
        {
            if (!SentimentLabels.TryParse(s, out var l))
            {
                error = $"sentiment '{s}' is not one of negative, neutral, positive, unscored.";
                return false;
            }

            label = l;
        }

        if (!TryTime(q["since"], out var since) || !TryTime(q["until"], out var until))
        {
            error = "since and until take ISO-8601 times, e.g. 2026-10-01 or 2026-10-01T08:00:00Z.";
            return false;
        }

        var limit = 50;
        if (q["limit"].ToString() is { Length: > 0 } ls && (!int.TryParse(ls, out limit) || limit is < 1 or > 1000))
        {
            error = "limit must be a whole number from 1 to 1000.";
            return false;
        }

        query = new PostQuery
        {
            Brand = Empty(q["brand"]),
            Sentiment = label,
            Since = since,
            Until = until,
            Text = Empty(q["text"]),
            Platform = Empty(q["platform"]),
            Limit = limit,
        };
        return true;
    }

    private static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static bool TryTime(string? s, out DateTimeOffset? t)
    {
        t = null;
        if (string.IsNullOrWhiteSpace(s))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var v))
        {
            t = v;
            return true;
        }

        return false;
    }

    private static async Task<IResult> Trends(HttpRequest req, WebServices s, CancellationToken ct)
    {
        var q = req.Query;
        if (!TryTime(q["since"], out var since) || !TryTime(q["until"], out var until))
        {
            return Problem(400, "since and until take ISO-8601 times.");
        }

        var bucket = BucketSize.Hour;
        if (q["bucket"].ToString() is { Length: > 0 } b && !Enum.TryParse(b, ignoreCase: true, out bucket))
        {
            return Problem(400, "bucket must be hour, day or week.");
        }

        var brand = Empty(q["brand"]);
        var report = await TrendCache.GetAsync(s, new TrendQuery
        {
            Brand = brand,
            Since = since,
            Until = until,
            Bucket = bucket,
            TimeZone = Empty(q["tz"]),
            Competitors = Competitors(s),
            IncludeSeries = q["series"] == "true",
        }, ct);
        return Json(report);
    }

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Competitors(WebServices s) =>
        s.Watchlist?.Brands.ToDictionary(b => b.Id, b => (IReadOnlyList<string>)b.Competitors) ?? new Dictionary<string, IReadOnlyList<string>>();

    private sealed record SentimentBody(string? Text);

    private static async Task<IResult> Sentiment(HttpRequest req, WebServices s, WebMetrics metrics, ScoreCache cache, WebOptions options, CancellationToken ct)
    {
        metrics.SentimentRequests.Increment();
        if (!req.HasJsonContentType())
        {
            return Problem(415, "Send JSON: Content-Type: application/json with {\"text\": \"...\"}.");
        }

        SentimentBody? body;
        try
        {
            body = await req.ReadFromJsonAsync<SentimentBody>(SnakeCaseJson.Options, ct);
        }
        catch (JsonException ex)
        {
            return Problem(400, "The body is not valid JSON: " + ex.Message);
        }

        if (string.IsNullOrWhiteSpace(body?.Text))
        {
            return Problem(400, "Give the text to score: {\"text\": \"...\"}.");
        }

        if (body.Text.Length > options.MaxTextChars)
        {
            return Problem(413, $"The text is {body.Text.Length:N0} characters; the limit is {options.MaxTextChars:N0}.");
        }

        if (s.Sentiment is null)
        {
            return Problem(503, "No sentiment model is loaded. Train one with 'mkt train --data FILE --out models/sentiment.zip' (or run 'mkt demo'), then restart 'mkt serve'.");
        }

        var cached = cache.TryGet(body.Text, out var result);
        if (cached)
        {
            metrics.SentimentCacheHits.Increment();
        }
        else
        {
            var sw = Stopwatch.StartNew();
            result = s.Sentiment.Model.Predict(body.Text);
            metrics.ScoringSeconds.Observe(sw.Elapsed.TotalSeconds);
            cache.Add(body.Text, result);
        }

        return Json(new
        {
            label = result.Label.ToWire(),
            probabilities = new { negative = result.Negative, neutral = result.Neutral, positive = result.Positive },
            scorer = result.Scorer,
            model_version = result.ModelVersion,
            cached,
        });
    }

    private sealed record DraftBody(string? Brand, List<string>? Channels, List<string>? Segments, int? Variants, string? Goal);

    private static async Task<IResult> CreateDraft(HttpRequest req, DraftJobQueue jobs, CancellationToken ct)
    {
        if (!req.HasJsonContentType())
        {
            return Problem(415, "Send JSON: Content-Type: application/json.");
        }

        DraftBody? body;
        try
        {
            body = await req.ReadFromJsonAsync<DraftBody>(SnakeCaseJson.Options, ct);
        }
        catch (JsonException ex)
        {
            return Problem(400, "The body is not valid JSON: " + ex.Message);
        }

        if (string.IsNullOrWhiteSpace(body?.Brand))
        {
            return Problem(400, "Give a brand: {\"brand\": \"acme\", \"channels\": [\"x\"], \"variants\": 2}.");
        }

        try
        {
            var (job, cached) = jobs.Submit(new DraftJobRequest
            {
                Brand = body.Brand,
                Channels = body.Channels ?? ["x"],
                Segments = body.Segments ?? [],
                Variants = body.Variants ?? 2,
                Goal = body.Goal,
            });
            return Json(new { id = job.Id, status = job.Status, cached, status_url = $"/api/drafts/{job.Id}" }, cached && job.Status == "done" ? 200 : 202);
        }
        catch (ArgumentException ex)
        {
            return Problem(400, ex.Message);
        }
    }

    private static IResult GetDraft(string id, DraftJobQueue jobs)
    {
        var job = jobs.Get(id);
        return job is null
            ? Problem(404, $"No draft job '{id}'. Jobs live as long as the server process; finished drafts are also kept in the store.")
            : Json(new { id = job.Id, status = job.Status, created_at = job.CreatedAt, finished_at = job.FinishedAt, error = job.Error, request = job.Request, result = job.Result });
    }

    private static IResult Reports(WebOptions options) => Json(new { dir = options.ReportsDir, reports = ReportFiles.List(options.ReportsDir) });

    private static async Task<IResult> Health(WebServices s, CancellationToken ct)
    {
        try
        {
            var stats = await s.Store.GetStatsAsync(ct);
            return Json(new { status = "ok", store = s.Store.DisplayName, posts = stats.Posts, llm = s.Llm.Provider.Name, sentiment_model = s.Sentiment?.Model.Version });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Json(new { status = "unhealthy", store = s.Store.DisplayName, error = ex.Message }, 503);
        }
    }
}
