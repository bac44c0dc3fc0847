using System.Text.Json;
using Marketing.Core.Domain;

namespace Marketing.Core.Storage;

/// <summary>The flat row shape of the <c>posts</c> table, shared by both backends.</summary>
internal sealed class PostRow
{
    public string platform { get; set; } = "";
    public string post_id { get; set; } = "";
    public string author_id { get; set; } = "";
    public string? author_handle { get; set; }
    public string? author_name { get; set; }
    public long author_followers { get; set; }
    public string? author_location { get; set; }
    public long author_verified { get; set; }
    public string text { get; set; } = "";
    public string? lang { get; set; }
    public long created_ms { get; set; }
    public long created_offset_min { get; set; }
    public long likes { get; set; }
    public long shares { get; set; }
    public long replies { get; set; }
    public long views { get; set; }
    public string? url { get; set; }
    public string? hashtags { get; set; }
    public string? mentions { get; set; }
    public string? links { get; set; }
    public string? reply_to { get; set; }
    public string? quote_of { get; set; }
    public string? repost_of { get; set; }
    public string? brands { get; set; }
    public string? campaign { get; set; }
    public string? near_dup_of { get; set; }
    public string? sentiment { get; set; }
    public double? p_neg { get; set; }
    public double? p_neu { get; set; }
    public double? p_pos { get; set; }
    public string? scorer { get; set; }
    public string? model_version { get; set; }
    public string? brand_sentiments { get; set; }
    public string? source { get; set; }
    public long ingested_ms { get; set; }

    // The first brand's link, kept in the row (migration 3); the other brands are in post_brands.
    public string? brand { get; set; }
    public string? brand_sentiment { get; set; }
    public double? brand_polarity { get; set; }
    public long engagement { get; set; }

    // Lists are stored space-separated: hashtags, mentions, links and brand ids never contain white space.
    private static string? Join(IReadOnlyList<string> items) => items.Count == 0 ? null : string.Join(' ', items);

    private static string[] Split(string? s) => string.IsNullOrEmpty(s) ? [] : s.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static PostRow From(SocialPost p, long nowMs)
    {
        var s = p.Sentiment;
        var brand = p.Brands.Count == 0 ? null : p.Brands[0];
        var (brandSentiment, brandPolarity) = brand is null ? (null, null) : BrandLink.SentimentOf(p, brand);
        return new PostRow
        {
            platform = p.Platform,
            post_id = p.PostId,
            author_id = p.Author.Id,
            author_handle = p.Author.Handle,
            author_name = p.Author.DisplayName,
            author_followers = p.Author.Followers,
            author_location = p.Author.Location,
            author_verified = p.Author.Verified ? 1 : 0,
            text = p.Text,
            lang = p.Language,
            created_ms = p.CreatedAt.ToUnixTimeMilliseconds(),
            created_offset_min = (long)p.CreatedAt.Offset.TotalMinutes,
            likes = p.Engagement.Likes,
            shares = p.Engagement.Shares,
            replies = p.Engagement.Replies,
            views = p.Engagement.Views,
            url = p.Url,
            hashtags = Join(p.Hashtags),
            mentions = Join(p.Mentions),
            links = Join(p.Links),
            reply_to = p.ReplyToId,
            quote_of = p.QuoteOfId,
            repost_of = p.RepostOfId,
            brands = Join(p.Brands),
            campaign = p.Campaign,
            near_dup_of = p.NearDuplicateOf,
            sentiment = s?.Label.ToWire(),
            p_neg = s?.Negative,
            p_neu = s?.Neutral,
            p_pos = s?.Positive,
            scorer = s?.Scorer,
            model_version = s?.ModelVersion,
            brand_sentiments = p.BrandSentiments.Count == 0 ? null : JsonSerializer.Serialize(p.BrandSentiments.Select(b => new BrandSentimentRow(b.Brand, b.Label.ToWire(), b.Polarity))),
            source = p.Source,
            ingested_ms = nowMs,
            brand = brand,
            brand_sentiment = brandSentiment,
            brand_polarity = brandPolarity,
            engagement = p.Engagement.Total,
        };
    }

    public SocialPost ToPost()
    {
        var offset = TimeSpan.FromMinutes(created_offset_min);
        var post = new SocialPost
        {
            Platform = platform,
            PostId = post_id,
            Author = new Author
            {
                Id = author_id,
                Handle = author_handle,
                DisplayName = author_name,
                Followers = author_followers,
                Location = author_location,
                Verified = author_verified != 0,
            },
            Text = text,
            Language = lang,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(created_ms).ToOffset(offset),
            Engagement = new Engagement { Likes = likes, Shares = shares, Replies = replies, Views = views },
            Url = url,
            Hashtags = Split(hashtags),
            Mentions = Split(mentions),
            Links = Split(links),
            ReplyToId = reply_to,
            QuoteOfId = quote_of,
            RepostOfId = repost_of,
            Brands = Split(brands),
            Campaign = campaign,
            NearDuplicateOf = near_dup_of,
            Source = source,
        };
        if (sentiment is not null)
        {
            post.Sentiment = new SentimentResult(SentimentLabels.Parse(sentiment), (float)(p_neg ?? 0), (float)(p_neu ?? 0), (float)(p_pos ?? 0), scorer ?? "unknown", model_version);
        }

        if (brand_sentiments is not null)
        {
            post.BrandSentiments = JsonSerializer.Deserialize<BrandSentimentRow[]>(brand_sentiments)!
                .Select(b => new BrandSentiment(b.Brand, SentimentLabels.Parse(b.Label), b.Polarity)).ToArray();
        }

        return post;
    }

    internal sealed record BrandSentimentRow(string Brand, string Label, float Polarity);
}
