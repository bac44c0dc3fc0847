using Marketing.Core.Storage;

namespace Marketing.Core.Configuration;

/// <summary>
/// Root settings, bound from the <c>Marketing</c> configuration section: appsettings.json, then environment
/// variables (<c>MKT__Marketing__Db</c>, or the short forms <c>MKT_DB</c> / <c>MKT_BRANDS</c>), then command options.
/// </summary>
public sealed class MarketingOptions
{
    public const string SectionName = "Marketing";

    /// <summary>
    /// The store: a value starting <c>Host=</c> is a PostgreSQL connection string; anything else is a SQLite file
    /// path or connection string. Default <c>data/marketing.db</c>.
    /// </summary>
    public string Db { get; set; } = StoreFactory.DefaultSqlitePath;

    /// <summary>Path of the brand watchlist JSON. Default <c>data/brands.json</c>.</summary>
    public string Brands { get; set; } = "data/brands.json";

    /// <summary>Path of the sentiment model. Default <c>models/sentiment.zip</c>.</summary>
    public string Model { get; set; } = "models/sentiment.zip";
}
