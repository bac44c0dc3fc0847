using System.Globalization;
using Marketing.Core.Domain;
using Marketing.Ingest.Formats;

namespace Marketing.Ingest;

public sealed partial class RecordDecoder
{
    /// <summary>One CSV/TSV row, its columns found by <see cref="ColumnMap.Resolve"/>.</summary>
    public DecodeResult DecodeRow(IReadOnlyDictionary<string, int> columns, IReadOnlyList<string> fields, string source, string raw)
    {
        try
        {
            string? Field(string name) =>
                columns.TryGetValue(name, out var i) && i < fields.Count && fields[i].Length > 0 ? fields[i] : null;

            long Count(string name)
            {
                var v = Field(name);
                if (v is null)
                {
                    return 0;
                }

                if (long.TryParse(v, NumberStyles.Integer | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var n))
                {
                    return n;
                }

                return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && Math.Abs(d) < 9e18
                    ? (long)Math.Round(d)
                    : throw new RecordRejectedException(RejectReasons.WrongType, $"Column for '{name}' must be a count, but it is \"{Short(v)}\".");
            }

            List<string> Items(string name) =>
                Field(name)?.Split([',', ' ', ';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList() ?? [];

            var id = Field("id");
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new RecordRejectedException(RejectReasons.MissingId, "The row has no id.");
            }

            var text = Field("text");
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new RecordRejectedException(RejectReasons.NoText, $"Row {id} has no text.");
            }

            var date = Field("created_at");
            if (!Timestamps.TryParse(date, out var at))
            {
                throw new RecordRejectedException(RejectReasons.BadDate, date is null
                    ? $"Row {id} has no created_at."
                    : $"Row {id}: created_at \"{Short(date)}\" is not a time (use ISO-8601, 2015-02-24 11:35:52 -0800, RFC 2822, or Unix seconds).");
            }

            var handle = Field("author");
            var post = new SocialPost
            {
                Platform = Field("platform") ?? _options.DefaultPlatform ?? "csv",
                PostId = id,
                Text = text,
                CreatedAt = at,
                Author = new Author
                {
                    Id = Field("author_id") ?? handle ?? "",
                    Handle = handle,
                    DisplayName = Field("author_name"),
                    Followers = Count("followers"),
                    Location = Field("location"),
                    Verified = Field("verified") is { } v && (v.Equals("true", StringComparison.OrdinalIgnoreCase) || v == "1"),
                },
                Language = Field("language"),
                Engagement = new Engagement { Likes = Count("likes"), Shares = Count("shares"), Replies = Count("replies"), Views = Count("views") },
                Url = Field("url"),
                ReplyToId = Field("reply_to"),
                QuoteOfId = Field("quote_of"),
                RepostOfId = Field("repost_of"),
                Campaign = Field("campaign"),
                Hashtags = Items("hashtags"),
                Brands = Items("brands"),
            };
            return DecodeResult.Of(Finish(post, source, null));
        }
        catch (RecordRejectedException ex)
        {
            return DecodeResult.Reject(MakeReject(ex.Reason, ex.Message, source, raw));
        }
    }

    private static string Short(string s) => s.Length <= 60 ? s : s[..60] + "...";
}
