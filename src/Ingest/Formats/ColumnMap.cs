namespace Marketing.Ingest.Formats;

/// <summary>
/// Which CSV/TSV column fills which post field: <c>--map id=tweet_id,text=text,created_at=tweet_created,author=name</c>.
/// Fields not mapped are looked up under their own name and common export names (id: id, post_id, tweet_id, ...).
/// </summary>
public sealed class ColumnMap
{
    /// <summary>Post fields a column can fill, with the header names tried when the field is not mapped.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Fields = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = ["id", "post_id", "tweet_id", "status_id", "id_str"],
        ["text"] = ["text", "full_text", "body", "content", "message", "tweet", "tweet_text"],
        ["created_at"] = ["created_at", "tweet_created", "created_utc", "date", "timestamp", "time", "created"],
        ["platform"] = ["platform"],
        ["author"] = ["author", "handle", "username", "screen_name", "user", "user_name"],
        ["author_id"] = ["author_id", "user_id"],
        ["author_name"] = ["author_name", "display_name", "user_display_name"],
        ["followers"] = ["followers", "followers_count", "user_followers"],
        ["location"] = ["location", "user_location", "tweet_location"],
        ["verified"] = ["verified", "user_verified"],
        ["language"] = ["language", "lang"],
        ["likes"] = ["likes", "like_count", "favorite_count", "favorites", "score"],
        ["shares"] = ["shares", "retweet_count", "retweets"],
        ["replies"] = ["replies", "reply_count", "num_comments"],
        ["views"] = ["views", "impression_count", "impressions"],
        ["url"] = ["url", "permalink"],
        ["reply_to"] = ["reply_to", "reply_to_id", "in_reply_to_status_id"],
        ["quote_of"] = ["quote_of", "quote_of_id"],
        ["repost_of"] = ["repost_of", "repost_of_id"],
        ["campaign"] = ["campaign"],
        ["hashtags"] = ["hashtags"],
        ["brands"] = ["brands"],
    };

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["post_id"] = "id",
        ["handle"] = "author",
        ["lang"] = "language",
        ["display_name"] = "author_name",
        ["date"] = "created_at",
    };

    private ColumnMap(IReadOnlyDictionary<string, string> explicitMap) => Explicit = explicitMap;

    /// <summary>field -> column as given on the command line.</summary>
    public IReadOnlyDictionary<string, string> Explicit { get; }

    public static ColumnMap Parse(string? spec)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(spec))
        {
            return new ColumnMap(map);
        }

        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0 || eq == part.Length - 1)
            {
                throw new ArgumentException($"--map entry '{part}' is not field=column (e.g. --map id=tweet_id,text=text,created_at=tweet_created,author=name).");
            }

            var field = part[..eq].Trim();
            field = Aliases.TryGetValue(field, out var canonical) ? canonical : field;
            if (!Fields.ContainsKey(field))
            {
                throw new ArgumentException($"--map field '{part[..eq].Trim()}' is unknown. Fields: {string.Join(", ", Fields.Keys)}.");
            }

            map[field] = part[(eq + 1)..].Trim();
        }

        return new ColumnMap(map);
    }

    /// <summary>field -> column index for this header. A mapped column missing from the header is an error.</summary>
    public IReadOnlyDictionary<string, int> Resolve(IReadOnlyList<string> header, string file)
    {
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            index.TryAdd(header[i].Trim().Trim('\uFEFF'), i);
        }

        var resolved = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (field, column) in Explicit)
        {
            if (!index.TryGetValue(column, out var i))
            {
                throw new ArgumentException($"{file}: --map {field}={column}, but the header has no column '{column}'. Columns: {string.Join(", ", header)}.");
            }

            resolved[field] = i;
        }

        foreach (var (field, names) in Fields)
        {
            if (resolved.ContainsKey(field))
            {
                continue;
            }

            foreach (var name in names)
            {
                if (index.TryGetValue(name, out var i) && !resolved.ContainsValue(i))
                {
                    resolved[field] = i;
                    break;
                }
            }
        }

        foreach (var required in new[] { "id", "text", "created_at" })
        {
            if (!resolved.ContainsKey(required))
            {
                throw new ArgumentException($"{file}: no column for '{required}'. Map one with --map {required}=COLUMN. Columns: {string.Join(", ", header)}.");
            }
        }

        return resolved;
    }
}
