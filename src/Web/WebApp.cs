using Marketing.Web.Api;
using Marketing.Web.Jobs;
using Marketing.Web.Pages;
using Marketing.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketing.Web;

/// <summary>
/// <c>mkt serve</c>: the dashboard pages and the JSON API on Kestrel, in one process with the draft worker and, when
/// configured, the Kafka consumers and the report scheduler.
/// </summary>
public static class WebApp
{
    public static WebApplication Build(WebServices services, WebOptions options, ILoggerFactory? loggers = null)
    {
        AccessPolicy.Check(options.Urls, options.Token);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        });
        builder.Logging.ClearProviders();
        if (loggers is not null)
        {
            builder.Services.AddSingleton(loggers);
        }

        builder.Services.AddSingleton(services);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<WebMetrics>();
        builder.Services.AddSingleton<ScoreCache>();
        builder.Services.AddSingleton<DraftJobQueue>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DraftJobQueue>());
        foreach (var hosted in services.HostedServices)
        {
            builder.Services.AddSingleton(hosted);
        }

        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "mkt_csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = "_csrf";
        });
        builder.Services.AddOpenApi();

        var app = builder.Build();
        var metrics = app.Services.GetRequiredService<WebMetrics>();
        metrics.AddLlm("web", services.Llm);
        foreach (var (name, llm) in services.MeteredLlms)
        {
            metrics.AddLlm(name, llm);
        }

        metrics.SetConsumers(() => app.Services.GetServices<IHostedService>().OfType<Marketing.Ingest.Kafka.KafkaConsumerService>());
        app.Use(async (ctx, next) =>
        {
            app.Services.GetRequiredService<WebMetrics>().Requests.Increment();
            var h = ctx.Response.Headers;
            h["X-Content-Type-Options"] = "nosniff";
            h["X-Frame-Options"] = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            // Pages need no script from anywhere but themselves; inline styles only.
            h["Content-Security-Policy"] = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            if (options.Token is { Length: > 0 } token && !Authorized(ctx, token))
            {
                ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await ctx.Response.WriteAsync("Access token required: send 'Authorization: Bearer <token>' or open the page with ?token=<token>.");
                return;
            }

            await next();
        });
        app.MapOpenApi("/openapi/{documentName}.json");
        ApiEndpoints.Map(app);
        PageEndpoints.Map(app);
        return app;
    }

    /// <summary>The addresses Kestrel really listens on (port 0 resolves to a free port).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    private static bool Authorized(HttpContext ctx, string token)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.Ordinal) && AccessPolicy.Matches(header[7..].Trim(), token))
        {
            return true;
        }

        if (ctx.Request.Cookies.TryGetValue(AccessPolicy.CookieName, out var cookie) && AccessPolicy.Matches(cookie, token))
        {
            return true;
        }

        if (ctx.Request.Query.TryGetValue("token", out var q) && AccessPolicy.Matches(q.ToString(), token))
        {
            ctx.Response.Cookies.Append(AccessPolicy.CookieName, token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = ctx.Request.IsHttps });
            return true;
        }

        return false;
    }
}
