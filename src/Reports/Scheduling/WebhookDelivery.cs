using System.Net.Http.Json;
using Marketing.Core.Json;
using Marketing.Reports.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketing.Reports.Scheduling;

/// <summary>
/// POSTs a report's JSON summary and a link to it to a webhook, retrying on failure (network error, timeout, 5xx,
/// 408/429). It returns whether the hook accepted it; it never throws for a delivery failure, because the report
/// is already safely on disk. The URL is logged without its query string (hooks often carry a token there).
/// </summary>
public sealed class WebhookDelivery
{
    private readonly HttpClient _http;
    private readonly IReadOnlyList<TimeSpan> _retryDelays;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public WebhookDelivery(HttpClient http, IReadOnlyList<TimeSpan> retryDelays, TimeSpan timeout, TimeProvider? time = null, ILogger<WebhookDelivery>? logger = null)
    {
        _http = http;
        _retryDelays = retryDelays;
        _timeout = timeout;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public static object Summary(string schedule, DateTimeOffset scheduledFor, ReportResult r) => new
    {
        @event = "report.ready",
        schedule,
        scheduled_for = scheduledFor,
        period = new { start = r.Data.Period.Start, end = r.Data.Period.End },
        brand = r.Data.Brand,
        report_dir = r.Dir,
        html = new Uri(r.Html).AbsoluteUri,
        markdown = new Uri(r.Markdown).AbsoluteUri,
        json = new Uri(r.Json).AbsoluteUri,
        kpis = r.Data.Kpis.Select(k => new { k.Name, k.Value, k.Previous, change_percent = k.Change.Percent, change_absolute = k.Change.Absolute }),
        bursts = r.Data.Bursts.Count,
        significant_sentiment_shifts = r.Data.SentimentShifts.Count(s => s.Significant),
    };

    public async Task<bool> DeliverAsync(Uri url, object summary, CancellationToken ct)
    {
        var safeUrl = url.GetLeftPart(UriPartial.Path);
        for (var attempt = 0; ; attempt++)
        {
            string failure;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(_timeout);
                using var response = await _http.PostAsJsonAsync(url, summary, SnakeCaseJson.Options, timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    _logger.LogInformation("Webhook {Url} accepted the report (HTTP {Status}, attempt {Attempt})", safeUrl, (int)response.StatusCode, attempt + 1);
                    return true;
                }

                failure = $"HTTP {(int)response.StatusCode}";
                var status = (int)response.StatusCode;
                if (status is >= 400 and < 500 and not 408 and not 429)
                {
                    _logger.LogError("Webhook {Url} refused the report ({Failure}); not retrying a client error. The report is kept on disk", safeUrl, failure);
                    return false;
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                failure = "timed out after " + _timeout;
            }
            catch (HttpRequestException ex)
            {
                failure = ex.Message;
            }

            if (attempt >= _retryDelays.Count)
            {
                _logger.LogError("Webhook {Url} failed after {Attempts} attempts ({Failure}). The report is kept on disk", safeUrl, attempt + 1, failure);
                return false;
            }

            _logger.LogWarning("Webhook {Url} attempt {Attempt} failed ({Failure}); retrying in {Delay}", safeUrl, attempt + 1, failure, _retryDelays[attempt]);
            await Task.Delay(_retryDelays[attempt], _time, ct);
        }
    }
}
