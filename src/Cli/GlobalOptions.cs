using System.CommandLine;

namespace Marketing.Cli;

/// <summary>Options every command accepts (they are recursive on the root).</summary>
public static class GlobalOptions
{
    public static readonly Option<string?> Db = new("--db")
    {
        Description = "Store: a SQLite path, or a PostgreSQL connection string starting 'Host='. Default: $MKT_DB, then Marketing:Db, then data/marketing.db.",
        Recursive = true,
    };

    public static readonly Option<string?> Brands = new("--brands")
    {
        Description = "Brand watchlist JSON. Default: $MKT_BRANDS, then Marketing:Brands, then data/brands.json.",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Log debug detail to stderr.",
        Recursive = true,
    };

    public static IReadOnlyList<Option> All { get; } = [Db, Brands, Verbose];
}
