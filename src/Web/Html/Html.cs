using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Marketing.Web.Html;

/// <summary>
/// The one way pages put text into HTML: every dynamic value goes through <see cref="E"/>, so post text (untrusted)
/// renders as text. Markup is only ever written from constants here and in the page classes.
/// </summary>
public static class Html
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    public static string E(string? text) => text is null ? "" : Encoder.Encode(text);

    public static string E(double value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string E(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset t) => E(t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)) + " UTC";

    /// <summary>A URL query value.</summary>
    public static string Q(string? value) => value is null ? "" : Uri.EscapeDataString(value);

    public static string Layout(string title, string active, string body, string? head = null)
    {
        var sb = new StringBuilder(body.Length + 4096);
        sb.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">");
        sb.Append("<title>").Append(E(title)).Append(" · Marketing</title>");
        sb.Append("<style>").Append(Css).Append("</style>").Append(head ?? "").Append("</head><body>");
        sb.Append("<header><span class=\"logo\">Marketing</span><nav>");
        foreach (var (href, label) in Nav)
        {
            sb.Append("<a href=\"").Append(href).Append('"').Append(label == active ? " class=\"on\"" : "").Append('>').Append(label).Append("</a>");
        }

        sb.Append("</nav></header><main>").Append(body).Append("</main></body></html>");
        return sb.ToString();
    }

    private static readonly (string Href, string Label)[] Nav =
    [
        ("/", "Overview"), ("/trends", "Trends"), ("/posts", "Posts"), ("/drafts", "Drafts"), ("/reports", "Reports"), ("/settings", "Settings"),
    ];

    private const string Css = """
        :root{--fg:#1f2937;--mut:#6b7280;--bd:#e5e7eb;--bg:#f9fafb;--acc:#2563eb;--pos:#15803d;--neg:#b91c1c}
        *{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg)}
        header{display:flex;align-items:center;gap:2rem;padding:.7rem 1.5rem;background:#111827;color:#fff}
        .logo{font-weight:700;letter-spacing:.02em}nav a{color:#d1d5db;text-decoration:none;margin-right:1.1rem}nav a.on,nav a:hover{color:#fff;border-bottom:2px solid #60a5fa}
        main{max-width:1180px;margin:1.5rem auto;padding:0 1.5rem}h1{font-size:1.5rem;margin:.2rem 0 1rem}h2{font-size:1.15rem;margin:1.6rem 0 .6rem}
        .kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:.8rem}
        .card{background:#fff;border:1px solid var(--bd);border-radius:8px;padding:.8rem 1rem}
        .kpi .v{font-size:1.6rem;font-weight:650}.kpi .l{color:var(--mut);font-size:.85rem}.up{color:var(--pos)}.down{color:var(--neg)}
        table{width:100%;border-collapse:collapse;background:#fff;border:1px solid var(--bd);border-radius:8px}
        th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid var(--bd);vertical-align:top}th{font-size:.8rem;color:var(--mut);text-transform:uppercase;letter-spacing:.03em}
        .post{white-space:pre-wrap;word-break:break-word}.muted{color:var(--mut)}.tag{display:inline-block;padding:0 .4rem;border-radius:4px;background:#eef2ff;font-size:.8rem}
        .positive{color:var(--pos)}.negative{color:var(--neg)}
        form.filters{display:flex;flex-wrap:wrap;gap:.6rem;align-items:end;margin-bottom:1rem}
        label{display:flex;flex-direction:column;font-size:.8rem;color:var(--mut)}input,select{font:inherit;padding:.35rem .5rem;border:1px solid var(--bd);border-radius:6px;background:#fff}
        button{font:inherit;padding:.45rem 1rem;border:0;border-radius:6px;background:var(--acc);color:#fff;cursor:pointer}
        .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:.8rem}.charts img{width:100%;height:auto}
        .status{font-weight:600}.error{color:var(--neg)}.notice{background:#fffbeb;border:1px solid #fde68a;padding:.6rem 1rem;border-radius:8px}
        """;
}
