namespace Marketing.Web;

/// <summary>Settings of <c>mkt serve</c>, bound from the <c>Web</c> configuration section.</summary>
public sealed class WebOptions
{
    public const string SectionName = "Web";

    /// <summary>Where to listen. Loopback by default; any other address requires <see cref="Token"/>.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>
    /// Access token required on every request when bound beyond loopback (header <c>Authorization: Bearer T</c>,
    /// or <c>?token=T</c> once, which sets a cookie). From the environment only: <c>MKT_WEB_TOKEN</c>.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>Folder the report pages list and serve (what <c>mkt report</c> and the scheduler write).</summary>
    public string ReportsDir { get; set; } = "reports";

    /// <summary>Largest request body accepted, in bytes.</summary>
    public long MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>Longest text <c>/api/sentiment</c> scores, in characters.</summary>
    public int MaxTextChars { get; set; } = 10_000;

    /// <summary>Draft jobs that may run at once; more wait in the queue.</summary>
    public int DraftWorkers { get; set; } = 1;
}
