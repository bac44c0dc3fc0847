using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Marketing.Web.Security;

/// <summary>
/// Loopback by default. Binding to any other address requires an access token, checked on every request: header
/// <c>Authorization: Bearer T</c>, or <c>?token=T</c> once (which sets an HttpOnly, SameSite=Strict cookie).
/// </summary>
public static class AccessPolicy
{
    public const string CookieName = "mkt_token";

    /// <summary>True when every URL binds a loopback address (127.0.0.0/8, ::1 or localhost).</summary>
    public static bool IsLoopbackOnly(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(IsLoopback);

    private static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url.Replace("*", "wildcard", StringComparison.Ordinal).Replace("+", "wildcard", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        var host = uri.Host.Trim('[', ']');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    /// <summary>Throws when the bind needs a token and none is set, with what to do about it.</summary>
    public static void Check(string urls, string? token)
    {
        if (!IsLoopbackOnly(urls) && string.IsNullOrWhiteSpace(token))
        {
            throw new InvalidOperationException(
                $"Refusing to listen on {urls} without an access token: anyone who can reach it could read posts and spend LLM budget. " +
                "Set MKT_WEB_TOKEN to a long random secret (then send 'Authorization: Bearer <token>' or open the page once with ?token=<token>), or bind to 127.0.0.1.");
        }
    }

    public static bool Matches(string? presented, string expected) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
