using System.Collections.Concurrent;
using System.Text;
using Marketing.Analysis.Trends;
using Marketing.Core.Domain;
using Marketing.Core.Storage;
using Marketing.Generation.Channels;
using Marketing.Generation.Drafting;
using Marketing.Reports.Charts;
using Marketing.Reports.Data;
using Marketing.Reports.Model;
using Marketing.Web.Api;
using Marketing.Web.Jobs;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Marketing.Web.Html.Html;

namespace Marketing.Web.Pages;

/// <summary>
/// The dashboard: plain server-rendered HTML, no script. Every dynamic value is encoded through <c>Html.E</c>; forms
/// carry an antiforgery token.
/// </summary>
public static class PageEndpoints
{
    private static readonly ConcurrentDictionary<string, (DateTimeOffset At, Task<ReportData> Data)> Overviews = new();

    public static void Map(WebApplication app)
    {
        app.MapGet("/", Overview).ExcludeFromDescription();
        app.MapGet("/trends", Trends).ExcludeFromDescription();
        app.MapGet("/posts", PostsPage).ExcludeFromDescription();
        app.MapGet("/drafts", DraftsPage).ExcludeFromDescription();
        app.MapPost("/drafts", SubmitDraft).ExcludeFromDescription().DisableAntiforgery();
        app.MapGet("/drafts/{id}", DraftJobPage).ExcludeFromDescription();
        app.MapGet("/reports", ReportsPage).ExcludeFromDescription();
        app.MapGet("/reports/file/{**path}", ReportFile).ExcludeFromDescription();
        app.MapGet("/settings", Settings).ExcludeFromDescription();
    }

    private static IResult Page(string title, string active, string body, int status = 200, string? head = null) =>
        Results.Content(Layout(title, active, body, head), "text/html; charset=utf-8", Encoding.UTF8, status);

    private static async Task<IResult> Overview(WebServices s, CancellationToken ct)
    {
        var span = await s.Store.GetTimeSpanAsync(ct);
        if (span is null)
        {
            return Page("Overview", "Overview", "<h1>Overview</h1><p class=\"notice\">The store is empty. Run <code>mkt demo</code>, or <code>mkt ingest FILE</code>, then reload.</p>");
        }

        // The last seven days of data (not of the calendar), so a replayed or synthetic stream shows too.
        var end = span.Value.End;
        var period = new TimeRange(end.AddDays(-7) < span.Value.Start ? span.Value.Start : end.AddDays(-7), end);
        var key = $"{s.Store.DisplayName}|{period.Start:O}|{period.End:O}";
        var now = DateTimeOffset.UtcNow;
        if (!Overviews.TryGetValue(key, out var hit) || now - hit.At > TimeSpan.FromMinutes(1) || hit.Data.IsFaulted)
        {
            hit = (now, new ReportDataBuilder(s.Store).BuildAsync(new ReportRequest { OutDir = "", Period = period, Title = "Overview" }, ct));
            Overviews[key] = hit;
        }

        var data = await hit.Data;
        var sb = new StringBuilder();
        sb.Append("<h1>Overview</h1><p class=\"muted\">").Append(Time(period.Start)).Append(" – ").Append(Time(period.End))
          .Append(", compared with the seven days before. Store: ").Append(E(s.Store.DisplayName)).Append("</p>");
        sb.Append("<div class=\"kpis\">");
        foreach (var k in data.Kpis)
        {
            var change = k.Change.Percent is { } pct ? $"{pct:+0.#;-0.#;0}%" : $"{k.Change.Absolute:+0.##;-0.##;0}";
            sb.Append("<div class=\"card kpi\"><div class=\"l\">").Append(E(k.Label)).Append("</div><div class=\"v\">")
              .Append(E(k.Value, k.Unit == "−1..1" ? "0.00" : "#,0.##")).Append("</div><div class=\"").Append(k.Change.Direction).Append("\">")
              .Append(E(change)).Append(" vs previous</div></div>");
        }

        sb.Append("</div><h2>Volume and sentiment</h2><div class=\"charts\">");
        foreach (var chart in new[] { ReportCharts.Volume(data), ReportCharts.NetSentiment(data), ReportCharts.ShareOfVoice(data) })
        {
            sb.Append("<div class=\"card\"><img alt=\"").Append(E(chart.Title)).Append("\" src=\"data:image/png;base64,")
              .Append(Convert.ToBase64String(chart.Png)).Append("\"></div>");
        }

        sb.Append("</div><h2>Bursts</h2>");
        if (data.Bursts.Count == 0)
        {
            sb.Append("<p class=\"muted\">No bursts in this period.</p>");
        }
        else
        {
            sb.Append("<table><tr><th>What</th><th>When</th><th>Why</th><th>Examples</th></tr>");
            foreach (var b in data.Bursts.Take(8))
            {
                sb.Append("<tr><td>").Append(E(b.Brand ?? b.Term ?? b.Key)).Append("</td><td>").Append(b.Start is { } st ? Time(st) : "")
                  .Append("</td><td>").Append(E(b.Explanation)).Append("</td><td>");
                foreach (var p in b.Examples.Take(2))
                {
                    sb.Append("<div class=\"post\">").Append(E(p.Text)).Append("</div>");
                }

                sb.Append("</td></tr>");
            }

            sb.Append("</table>");
        }

        return Page("Overview", "Overview", sb.ToString());
    }

    private static async Task<IResult> Trends(HttpRequest req, WebServices s, CancellationToken ct)
    {
        var brand = req.Query["brand"].ToString();
        var report = await TrendCache.GetAsync(s, new TrendQuery
        {
            Brand = brand.Length == 0 ? null : brand,
            Competitors = ApiEndpoints.Competitors(s),
            IncludeSeries = false,
        }, ct);
        var sb = new StringBuilder("<h1>Trends and bursts</h1>");
        sb.Append("<form class=\"filters\" method=\"get\" action=\"/trends\"><label>Brand").Append(BrandSelect(s, brand)).Append("</label><button>Show</button></form>");
        sb.Append("<p class=\"muted\">").Append(Time(report.Since)).Append(" – ").Append(Time(report.Until)).Append(", ")
          .Append(E(report.BurstTests)).Append(" bucket tests. Explanations: ").Append(E(report.ExplanationSource)).Append(".</p>");
        sb.Append("<h2>Bursts</h2>");
        if (report.Bursts.Count == 0)
        {
            sb.Append("<p class=\"muted\">No significant bursts.</p>");
        }
        else
        {
            sb.Append("<table id=\"bursts\"><tr><th>Series</th><th>Peak</th><th>Posts (expected)</th><th>q</th><th>Explanation</th><th>Top terms</th><th></th></tr>");
            foreach (var b in report.Bursts.Take(50))
            {
                var drill = $"/posts?since={Q(b.Start.ToString("O"))}&until={Q(b.End.ToString("O"))}" + (b.SeriesKind == "brand" ? $"&brand={Q(b.Key)}" : "");
                sb.Append("<tr><td><span class=\"tag\">").Append(E(b.SeriesKind)).Append("</span> ").Append(E(b.Key)).Append("</td><td>").Append(Time(b.Peak))
                  .Append("</td><td>").Append(E(b.Observed)).Append(" (").Append(E(b.Expected, "0")).Append(")</td><td>").Append(E(b.QValue, "0.###e0"))
                  .Append("</td><td>").Append(E(b.Label)).Append(b.Label is null ? "" : ": ").Append(E(b.Explanation)).Append("</td><td>")
                  .Append(E(string.Join(", ", b.TopTerms.Take(5).Select(t => t.Term)))).Append("</td><td><a href=\"").Append(E(drill)).Append("\">posts</a></td></tr>");
            }

            sb.Append("</table>");
        }

        sb.Append("<h2>Sentiment shifts</h2>");
        if (report.Shifts.Count == 0)
        {
            sb.Append("<p class=\"muted\">No significant shifts in negative share.</p>");
        }
        else
        {
            sb.Append("<table><tr><th>Brand</th><th>Negative share before → after</th><th>p</th></tr>");
            foreach (var sh in report.Shifts)
            {
                sb.Append("<tr><td>").Append(E(sh.Brand)).Append("</td><td>").Append(E(sh.BaselineNegativeShare, "0.0%")).Append(" → ").Append(E(sh.NegativeShare, "0.0%"))
                  .Append("</td><td>").Append(E(sh.PValue, "0.###e0")).Append("</td></tr>");
            }

            sb.Append("</table>");
        }

        sb.Append("<h2>Emerging terms</h2><p>");
        sb.Append(report.Emerging.Count == 0 ? "<span class=\"muted\">None.</span>" : string.Join(" ", report.Emerging.Take(30).Select(t => $"<span class=\"tag\">{E(t.Term)}</span>")));
        sb.Append("</p>");
        return Page("Trends", "Trends", sb.ToString());
    }

    private static string BrandSelect(WebServices s, string? selected, string name = "brand", bool allowAll = true)
    {
        var sb = new StringBuilder("<select name=\"").Append(name).Append("\" id=\"").Append(name).Append("\">");
        if (allowAll)
        {
            sb.Append("<option value=\"\">all brands</option>");
        }

        foreach (var b in s.Watchlist?.Brands ?? [])
        {
            sb.Append("<option value=\"").Append(E(b.Id)).Append('"').Append(b.Id == selected ? " selected" : "").Append('>').Append(E(b.Name)).Append("</option>");
        }

        return sb.Append("</select>").ToString();
    }

    private static async Task<IResult> PostsPage(HttpRequest req, WebServices s, CancellationToken ct)
    {
        var q = req.Query;
        var sb = new StringBuilder("<h1>Posts</h1><form class=\"filters\" method=\"get\" action=\"/posts\" id=\"filters\">");
        sb.Append("<label>Brand").Append(BrandSelect(s, q["brand"])).Append("</label>");
        sb.Append("<label>Sentiment<select name=\"sentiment\" id=\"sentiment\"><option value=\"\">any</option>");
        foreach (var label in new[] { "positive", "neutral", "negative", "unscored" })
        {
            sb.Append("<option").Append(q["sentiment"] == label ? " selected" : "").Append('>').Append(label).Append("</option>");
        }

        sb.Append("</select></label>");
        sb.Append("<label>Since<input name=\"since\" value=\"").Append(E(q["since"])).Append("\" placeholder=\"2026-10-01\"></label>");
        sb.Append("<label>Until<input name=\"until\" value=\"").Append(E(q["until"])).Append("\" placeholder=\"2026-10-08\"></label>");
        sb.Append("<label>Text<input name=\"text\" id=\"text\" value=\"").Append(E(q["text"])).Append("\" placeholder=\"words\"></label>");
        sb.Append("<button id=\"search\">Search</button></form>");
        if (!ApiEndpoints.TryQuery(req, out var query, out var error))
        {
            sb.Append("<p class=\"error\">").Append(E(error)).Append("</p>");
            return Page("Posts", "Posts", sb.ToString(), 400);
        }

        var posts = await s.Store.FindPostsAsync(query, ct);
        sb.Append("<p class=\"muted\" id=\"count\">").Append(posts.Count).Append(posts.Count == query.Limit ? "+" : "").Append(" posts, newest first.</p>");
        sb.Append("<table id=\"posts\"><tr><th>When</th><th>Author</th><th>Post</th><th>Brands</th><th>Sentiment</th><th>Engagement</th></tr>");
        foreach (var p in posts)
        {
            var label = p.Sentiment?.Label.ToWire() ?? "unscored";
            sb.Append("<tr class=\"post-row\" data-id=\"").Append(E(p.Platform + "/" + p.PostId)).Append("\"><td>").Append(Time(p.CreatedAt)).Append("<br><span class=\"muted\">")
              .Append(E(p.Platform)).Append("</span></td><td>@").Append(E(p.Author.Handle ?? p.Author.Id)).Append("</td><td class=\"post\">").Append(E(p.Text))
              .Append("</td><td>").Append(E(string.Join(", ", p.Brands))).Append("</td><td class=\"").Append(label).Append("\">").Append(label)
              .Append(p.Sentiment is { } r && r.Label != SentimentLabel.Unscored ? $" {E(r.Confidence, "0.00")}" : "")
              .Append("</td><td>").Append(E(p.Engagement.Total)).Append("</td></tr>");
        }

        sb.Append("</table>");
        return Page("Posts", "Posts", sb.ToString());
    }

    private static IResult DraftsPage(HttpContext ctx, WebServices s, DraftJobQueue jobs, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(ctx);
        var sb = new StringBuilder("<h1>Campaign drafts</h1>");
        sb.Append("<form method=\"post\" action=\"/drafts\" class=\"card\" id=\"draft-form\"><input type=\"hidden\" name=\"_csrf\" value=\"").Append(E(tokens.RequestToken)).Append("\">");
        sb.Append("<div class=\"filters\"><label>Brand").Append(BrandSelect(s, null, "brand", allowAll: false)).Append("</label>");
        sb.Append("<label>Segment<input name=\"segment\" id=\"segment\" placeholder=\"blank = whole audience\"></label>");
        sb.Append("<label>Variants<input name=\"variants\" id=\"variants\" type=\"number\" min=\"1\" max=\"10\" value=\"2\"></label></div><p>Channels: ");
        foreach (var c in ChannelIds.All)
        {
            sb.Append("<label style=\"display:inline-flex;flex-direction:row;gap:.3rem;margin-right:1rem\"><input type=\"checkbox\" name=\"channels\" value=\"").Append(c).Append('"')
              .Append(c is "x" or "meta" ? " checked" : "").Append('>').Append(c).Append("</label>");
        }

        sb.Append("</p><button id=\"generate\">Generate drafts</button> <span class=\"muted\">Provider: ").Append(E(s.Llm.Provider.Name)).Append(" (").Append(E(s.Llm.Provider.Model)).Append(")</span></form>");
        sb.Append("<h2>Recent jobs</h2>");
        var recent = jobs.Recent(20);
        if (recent.Count == 0)
        {
            sb.Append("<p class=\"muted\">No draft jobs yet.</p>");
        }
        else
        {
            sb.Append("<table><tr><th>Job</th><th>Brand</th><th>Channels</th><th>Status</th></tr>");
            foreach (var j in recent)
            {
                sb.Append("<tr><td><a href=\"/drafts/").Append(E(j.Id)).Append("\">").Append(E(j.Id)).Append("</a></td><td>").Append(E(j.Request.Brand))
                  .Append("</td><td>").Append(E(string.Join(", ", j.Request.Channels))).Append("</td><td class=\"status\">").Append(E(j.Status)).Append("</td></tr>");
            }

            sb.Append("</table>");
        }

        return Page("Drafts", "Drafts", sb.ToString());
    }

    private static async Task<IResult> SubmitDraft(HttpContext ctx, DraftJobQueue jobs, IAntiforgery antiforgery)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(ctx);
        }
        catch (AntiforgeryValidationException)
        {
            return Page("Drafts", "Drafts", "<h1>Campaign drafts</h1><p class=\"error\">The form expired or did not come from this site. Reload the drafts page and try again.</p>", 400);
        }

        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        try
        {
            var segment = form["segment"].ToString().Trim();
            var (job, _) = jobs.Submit(new DraftJobRequest
            {
                Brand = form["brand"].ToString(),
                Channels = form["channels"].Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!).ToList(),
                Segments = segment.Length == 0 ? [] : [segment],
                Variants = int.TryParse(form["variants"], out var v) ? v : 2,
            });
            return Results.Redirect($"/drafts/{job.Id}", permanent: false);
        }
        catch (ArgumentException ex)
        {
            return Page("Drafts", "Drafts", "<h1>Campaign drafts</h1><p class=\"error\">" + E(ex.Message) + "</p><p><a href=\"/drafts\">Back</a></p>", 400);
        }
    }

    private static IResult DraftJobPage(string id, DraftJobQueue jobs)
    {
        var job = jobs.Get(id);
        if (job is null)
        {
            return Page("Drafts", "Drafts", "<h1>Draft job</h1><p class=\"error\">No such job. Jobs live as long as the server process.</p>", 404);
        }

        var sb = new StringBuilder("<h1>Drafts for ").Append(E(job.Request.Brand)).Append("</h1>");
        sb.Append("<p>Status: <span class=\"status\" id=\"status\">").Append(E(job.Status)).Append("</span></p>");
        string? head = null;
        if (job.Status is "queued" or "running")
        {
            // The page refreshes itself while the job runs: no script needed.
            head = "<meta http-equiv=\"refresh\" content=\"1\">";
            sb.Append("<p class=\"muted\">Working… this page refreshes every second.</p>");
        }
        else if (job.Status == "failed")
        {
            sb.Append("<p class=\"error\">").Append(E(job.Error)).Append("</p>");
        }
        else if (job.Result is { } set)
        {
            sb.Append("<p class=\"muted\">Provider ").Append(E(set.Provider)).Append(" · model ").Append(E(set.Model)).Append(" · ")
              .Append(set.Drafts.Count).Append(" drafts, ").Append(set.Rejected.Count).Append(" rejected by guardrails.</p>");
            foreach (var note in set.Notes)
            {
                sb.Append("<p class=\"notice\">").Append(E(note)).Append("</p>");
            }

            sb.Append("<table id=\"drafts\"><tr><th>Channel</th><th>Variant</th><th>Tests</th><th>Copy</th><th>Evidence</th></tr>");
            foreach (var d in set.Drafts)
            {
                sb.Append("<tr class=\"draft\"><td>").Append(E(d.Channel)).Append("</td><td>").Append(E(d.Variant)).Append("</td><td>").Append(E(d.TestedElement)).Append("</td><td>");
                foreach (var (field, value) in d.Fields.All())
                {
                    sb.Append("<div><span class=\"muted\">").Append(E(field)).Append(":</span> <span class=\"post\">").Append(E(value)).Append("</span></div>");
                }

                sb.Append("</td><td class=\"muted\">").Append(E(string.Join(", ", d.EvidenceIds.Take(4)))).Append("</td></tr>");
            }

            sb.Append("</table>");
        }

        return Page("Drafts", "Drafts", sb.ToString(), head: head);
    }

    private static IResult ReportsPage(WebOptions options)
    {
        var reports = ReportFiles.List(options.ReportsDir);
        var sb = new StringBuilder("<h1>Reports</h1><p class=\"muted\">From ").Append(E(Path.GetFullPath(options.ReportsDir))).Append(". Write one with <code>mkt report --out ")
            .Append(E(options.ReportsDir)).Append("/NAME</code>, or let the scheduler do it.</p>");
        if (reports.Count == 0)
        {
            sb.Append("<p class=\"muted\">No reports yet.</p>");
        }
        else
        {
            sb.Append("<table><tr><th>Report</th><th>Written</th><th>Files</th></tr>");
            foreach (var r in reports)
            {
                sb.Append("<tr><td>").Append(E(r.Name)).Append("</td><td>").Append(Time(r.WrittenAt)).Append("</td><td>");
                foreach (var f in r.Files.Where(f => f.EndsWith(".html", StringComparison.Ordinal) || f.EndsWith(".md", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)))
                {
                    sb.Append("<a href=\"/reports/file/").Append(E(string.Join('/', f.Split('/').Select(Uri.EscapeDataString)))).Append("\">").Append(E(f)).Append("</a><br>");
                }

                sb.Append("</td></tr>");
            }

            sb.Append("</table>");
        }

        return Page("Reports", "Reports", sb.ToString());
    }

    private static IResult ReportFile(string path, WebOptions options)
    {
        var full = ReportFiles.Resolve(options.ReportsDir, path);
        if (full is null)
        {
            return Results.NotFound();
        }

        var type = Path.GetExtension(full) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".md" => "text/markdown; charset=utf-8",
            ".json" => "application/json",
            ".png" => "image/png",
            ".svg" => "image/svg+xml",
            ".csv" => "text/csv",
            _ => "application/octet-stream",
        };
        return Results.File(full, type);
    }

    private static IResult Settings(WebServices s, WebOptions options)
    {
        var sb = new StringBuilder("<h1>Settings</h1><p class=\"muted\">Secrets are never shown: only whether they are set.</p><table>");
        void Row(string k, string? v) => sb.Append("<tr><th>").Append(E(k)).Append("</th><td>").Append(E(v)).Append("</td></tr>");
        Row("Store", s.Store.DisplayName);
        Row("Listening on", options.Urls);
        Row("Access token", string.IsNullOrEmpty(options.Token) ? "not set (loopback only)" : "set");
        Row("LLM provider", s.Llm.Provider.Name);
        Row("LLM model", s.Llm.Provider.Model);
        Row("LLM endpoint", s.Llm.Provider.Endpoint ?? "none (offline templates)");
        Row("Sentiment model", s.Sentiment is null ? "none: train with mkt train" : s.Sentiment.Model.Version);
        Row("Brands", string.Join(", ", s.Watchlist?.Brands.Select(b => b.Id) ?? []));
        Row("Reports folder", options.ReportsDir);
        foreach (var (k, v) in s.DisplaySettings)
        {
            Row(k, v);
        }

        sb.Append("</table>");
        return Page("Settings", "Settings", sb.ToString());
    }
}
