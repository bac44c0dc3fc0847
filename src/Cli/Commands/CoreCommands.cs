using System.CommandLine;
using System.Globalization;
using Marketing.Core.Domain;
using Marketing.Core.Storage;

namespace Marketing.Cli.Commands;

/// <summary>Looking at what is stored: stats, posts, brands.</summary>
public static class CoreCommands
{
    public static IEnumerable<Command> Create() => [Stats(), Posts(), Brands()];

    private static Command Stats()
    {
        var json = JsonOption.Create();
        var cmd = new Command("stats", "Count what is stored: posts, authors, brands, rejected; first and last post time.") { json };
        return cmd.WithAction(async (ctx, parse, ct) =>
        {
            var store = await ctx.StoreAsync(ct);
            var s = await store.GetStatsAsync(ct);
            if (parse.GetValue(json))
            {
                ctx.WriteJson(new
                {
                    store = store.DisplayName,
                    backend = store.Backend,
                    s.Posts,
                    s.Authors,
                    s.Brands,
                    s.Rejected,
                    s.Scored,
                    first_post = s.FirstPost,
                    last_post = s.LastPost,
                });
            }
            else
            {
                ctx.Out.WriteLine($"store     {store.DisplayName} ({store.Backend})");
                ctx.Out.WriteLine($"posts     {s.Posts:N0}");
                ctx.Out.WriteLine($"authors   {s.Authors:N0}");
                ctx.Out.WriteLine($"brands    {s.Brands:N0}");
                ctx.Out.WriteLine($"rejected  {s.Rejected:N0}");
                ctx.Out.WriteLine($"scored    {s.Scored:N0}");
                ctx.Out.WriteLine($"first     {s.FirstPost?.ToString("u", CultureInfo.InvariantCulture) ?? "-"}");
                ctx.Out.WriteLine($"last      {s.LastPost?.ToString("u", CultureInfo.InvariantCulture) ?? "-"}");
            }

            return ExitCodes.Ok;
        });
    }

    private static Command Posts()
    {
        var id = new Option<string?>("--id") { Description = "A post id (any platform)." };
        var platform = new Option<string?>("--platform") { Description = "Only this platform." };
        var brand = new Option<string?>("--brand") { Description = "Only posts that mention this brand id." };
        var sentiment = new Option<string?>("--sentiment") { Description = "negative, neutral, positive or unscored." };
        var since = new Option<string?>("--since") { Description = "From this time (ISO-8601, or a date)." };
        var until = new Option<string?>("--until") { Description = "Before this time (ISO-8601, or a date)." };
        var text = new Option<string?>("--text") { Description = "Words that must all occur in the text." };
        var limit = new Option<int>("--limit") { Description = "At most this many posts, newest first.", DefaultValueFactory = _ => 20 };
        var json = JsonOption.Create();
        var cmd = new Command("posts", "Find stored posts.") { id, platform, brand, sentiment, since, until, text, limit, json };
        return cmd.WithAction(async (ctx, parse, ct) =>
        {
            SentimentLabel? label = null;
            if (parse.GetValue(sentiment) is { } s)
            {
                label = SentimentLabels.TryParse(s, out var l) ? l : throw new UsageException($"--sentiment '{s}' is not one of negative, neutral, positive, unscored.");
            }

            if (parse.GetValue(limit) is < 1 or > 100_000)
            {
                throw new UsageException("--limit must be between 1 and 100000.");
            }

            var query = new PostQuery
            {
                PostId = parse.GetValue(id),
                Platform = parse.GetValue(platform),
                Brand = parse.GetValue(brand),
                Sentiment = label,
                Since = TimeArgument.Parse(parse.GetValue(since), "--since"),
                Until = TimeArgument.Parse(parse.GetValue(until), "--until"),
                Text = parse.GetValue(text),
                Limit = parse.GetValue(limit),
            };
            var store = await ctx.StoreAsync(ct);
            var posts = await store.FindPostsAsync(query, ct);
            if (parse.GetValue(json))
            {
                ctx.WriteJson(new { count = posts.Count, posts });
            }
            else
            {
                foreach (var p in posts)
                {
                    var sent = p.Sentiment is { } r ? $"{r.Label.ToWire()} {r.Confidence:0.00}" : "unscored";
                    ctx.Out.WriteLine($"{p.CreatedAt:yyyy-MM-dd HH:mm zzz}  {p.Platform}/{p.PostId}  @{p.Author.Handle ?? p.Author.Id}  [{string.Join(',', p.Brands)}]  {sent}");
                    ctx.Out.WriteLine($"    {OneLine(p.Text)}");
                }

                ctx.Error.WriteLine($"{posts.Count} post(s).");
            }

            return ExitCodes.Ok;
        });
    }

    private static Command Brands()
    {
        var json = JsonOption.Create();
        var cmd = new Command("brands", "List the brands of the watchlist (--brands FILE).") { json };
        return cmd.WithAction((ctx, parse, ct) =>
        {
            var list = ctx.LoadBrands();
            if (parse.GetValue(json))
            {
                ctx.WriteJson(new { count = list.Brands.Count, brands = list.Brands });
            }
            else
            {
                foreach (var b in list.Brands)
                {
                    ctx.Out.WriteLine($"{b.Id,-14} {b.Name,-24} aliases: {string.Join(", ", b.Aliases)}; handles: {string.Join(", ", b.Handles)}; hashtags: {string.Join(", ", b.Hashtags)}; competitors: {string.Join(", ", b.Competitors)}");
                }
            }

            return Task.FromResult(ExitCodes.Ok);
        });
    }

    private static string OneLine(string text)
    {
        var flat = text.ReplaceLineEndings(" ");
        return flat.Length <= 160 ? flat : flat[..157] + "...";
    }
}
