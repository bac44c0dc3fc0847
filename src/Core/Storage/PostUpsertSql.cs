namespace Marketing.Core.Storage;

/// <summary>Upsert statements both dialects accept (SQLite 3.24+ and PostgreSQL 9.5+ share ON CONFLICT ... excluded).</summary>
internal static class PostUpsertSql
{
    public const string Columns = """
        platform, post_id, author_id, author_handle, author_name, author_followers, author_location, author_verified,
        text, lang, created_ms, created_offset_min, likes, shares, replies, views, url, hashtags, mentions, links,
        reply_to, quote_of, repost_of, brands, campaign, near_dup_of, sentiment, p_neg, p_neu, p_pos, scorer,
        model_version, brand_sentiments, source, ingested_ms, brand, brand_sentiment, brand_polarity, engagement
        """;

    // On a repeat, the newest copy's content wins, but an analysis result is never erased by a copy that has none,
    // and ingested_ms keeps the first arrival: so upserting the same posts twice changes nothing. The first brand's
    // link (brand, brand_sentiment, brand_polarity) follows the post_brands rule below: a stored per-brand sentiment
    // is kept while the brand list is the same, and the links are rebuilt from this copy when it changed.
    public const string OnConflict = """
        ON CONFLICT (platform, post_id) DO UPDATE SET
            author_id = excluded.author_id, author_handle = excluded.author_handle, author_name = excluded.author_name,
            author_followers = excluded.author_followers, author_location = excluded.author_location,
            author_verified = excluded.author_verified, text = excluded.text, lang = excluded.lang,
            created_ms = excluded.created_ms, created_offset_min = excluded.created_offset_min, likes = excluded.likes,
            shares = excluded.shares, replies = excluded.replies, views = excluded.views, url = excluded.url,
            hashtags = excluded.hashtags, mentions = excluded.mentions, links = excluded.links,
            reply_to = excluded.reply_to, quote_of = excluded.quote_of, repost_of = excluded.repost_of,
            brands = excluded.brands, campaign = excluded.campaign,
            near_dup_of = COALESCE(excluded.near_dup_of, posts.near_dup_of),
            sentiment = COALESCE(excluded.sentiment, posts.sentiment),
            p_neg = CASE WHEN excluded.sentiment IS NULL THEN posts.p_neg ELSE excluded.p_neg END,
            p_neu = CASE WHEN excluded.sentiment IS NULL THEN posts.p_neu ELSE excluded.p_neu END,
            p_pos = CASE WHEN excluded.sentiment IS NULL THEN posts.p_pos ELSE excluded.p_pos END,
            scorer = CASE WHEN excluded.sentiment IS NULL THEN posts.scorer ELSE excluded.scorer END,
            model_version = CASE WHEN excluded.sentiment IS NULL THEN posts.model_version ELSE excluded.model_version END,
            brand_sentiments = CASE WHEN excluded.sentiment IS NULL THEN posts.brand_sentiments ELSE excluded.brand_sentiments END,
            source = excluded.source, brand = excluded.brand, engagement = excluded.engagement,
            brand_sentiment = CASE WHEN posts.brands IS NOT DISTINCT FROM excluded.brands THEN COALESCE(excluded.brand_sentiment, posts.brand_sentiment) ELSE excluded.brand_sentiment END,
            brand_polarity = CASE WHEN posts.brands IS NOT DISTINCT FROM excluded.brands THEN COALESCE(excluded.brand_polarity, posts.brand_polarity) ELSE excluded.brand_polarity END
        """;

    public const string BrandLinkOnConflict = """
        ON CONFLICT (brand, platform, post_id) DO UPDATE SET
            created_ms = excluded.created_ms,
            sentiment = COALESCE(excluded.sentiment, post_brands.sentiment),
            polarity = COALESCE(excluded.polarity, post_brands.polarity),
            engagement = excluded.engagement
        """;

    // authors registers each author once; the profile is in the post rows.
    public const string AuthorOnConflict = "ON CONFLICT (platform, author_id) DO NOTHING";
}
