using Marketing.Core.Brands;

namespace Marketing.Synth.Catalog;

/// <summary>
/// The fixed cast of the synthetic stream: six fictional brands in three categories (each with a competitor) and eight
/// audience segments. Names are invented so that brand matching never collides with ordinary words. The cast is the
/// same for every seed (so the written watchlist is too); events and affinities vary with the seed.
/// </summary>
public static class SynthCatalog
{
    public static IReadOnlyList<BrandProfile> Brands { get; } =
    [
        new()
        {
            Brand = NewBrand("zyphone", "Zyphone", "mobile", ["zyphone", "zy phone"], ["@zyphone", "@zyphonesupport"], ["#zyphone", "#teamzyphone"], ["kestrel"]),
            Weight = 0.20,
            Aspects = ["battery", "camera", "signal", "screen", "5G coverage", "software update", "customer service", "data plan", "charger"],
            Launches = [("Zyphone 9 Pro", "zyphone9pro"), ("Zyphone Fold Z", "zyphonefold")],
            OutageThing = "network",
            Virals = [("my zyphone survived a 3 story drop into a lake and still took this photo", "lakephone"), ("zyphone support sang happy birthday to me on a support call", "birthdaycall")],
            Subreddit = "zyphone",
            Website = "zyphone.example",
        },
        new()
        {
            Brand = NewBrand("kestrel", "Kestrel Mobile", "mobile", ["kestrel mobile", "kestrel"], ["@kestrelmobile"], ["#kestrelmobile"], ["zyphone"]),
            Weight = 0.18,
            Aspects = ["coverage", "data plan", "roaming", "bill", "customer service", "app", "signal", "eSIM"],
            Launches = [("Kestrel Unlimited Max", "unlimitedmax"), ("Kestrel Family Plan", "kestrelfamily")],
            OutageThing = "network",
            Virals = [("kestrel mobile texted me that my bill is lower this month for no reason", "lowerbill"), ("the kestrel store guy fixed my grandma's phone for free", "kestrelkindness")],
            Subreddit = "kestrelmobile",
            Website = "kestrel.example",
        },
        new()
        {
            Brand = NewBrand("brewvana", "Brewvana", "coffee", ["brewvana"], ["@brewvana"], ["#brewvana"], ["roastly"]),
            Weight = 0.17,
            Aspects = ["oat latte", "cold brew", "mobile app", "espresso", "pastries", "rewards program", "drive-thru", "flat white"],
            Launches = [("Pumpkin Cloud Latte", "cloudlatte"), ("Brewvana Nitro Tonic", "nitrotonic")],
            OutageThing = "app",
            Virals = [("the brewvana barista drew my cat in latte foam and it looks exactly like him", "latteartcat"), ("brewvana wrote a whole poem on my cup this morning", "cuppoem")],
            Subreddit = "coffee",
            Website = "brewvana.example",
        },
        new()
        {
            Brand = NewBrand("roastly", "Roastly Coffee", "coffee", ["roastly", "roastly coffee"], ["@roastlycoffee"], ["#roastly"], ["brewvana"]),
            Weight = 0.13,
            Aspects = ["dark roast", "beans subscription", "delivery", "cold brew", "grinder", "decaf", "packaging"],
            Launches = [("Roastly Midnight Blend", "midnightblend"), ("Roastly Home Grinder", "roastlygrinder")],
            OutageThing = "website",
            Virals = [("roastly sent a handwritten note with my beans and now i am emotional", "roastlynote"), ("roastly delivered coffee to a hospital night shift for free", "nightshiftcoffee")],
            Subreddit = "coffee",
            Website = "roastly.example",
        },
        new()
        {
            Brand = NewBrand("streamora", "Streamora", "streaming", ["streamora"], ["@streamora"], ["#streamora"], ["vidlo"]),
            Weight = 0.17,
            Aspects = ["new season", "app", "catalog", "subscription", "4K streams", "recommendations", "original series", "ads tier"],
            Launches = [("Streamora Live Sports", "streamorasports"), ("Streamora Family Profiles", "familyprofiles")],
            OutageThing = "streaming",
            Virals = [("streamora recommended my own wedding video to me somehow", "weddingrec"), ("the streamora season finale made my whole office cry", "finaletears")],
            Subreddit = "cordcutters",
            Website = "streamora.example",
        },
        new()
        {
            Brand = NewBrand("vidlo", "Vidlo", "streaming", ["vidlo"], ["@vidlotv"], ["#vidlo"], ["streamora"]),
            Weight = 0.10,
            Aspects = ["free tier", "ads", "anime catalog", "app", "subtitles", "downloads", "price"],
            Launches = [("Vidlo Anime Pass", "animepass"), ("Vidlo Offline Mode", "vidlooffline")],
            OutageThing = "app",
            Virals = [("vidlo subtitles translated the villain's speech into a cooking recipe", "subtitlefail"), ("vidlo put a 12 hour fireplace video in trending and everyone is watching", "fireplace")],
            Subreddit = "cordcutters",
            Website = "vidlo.example",
        },
    ];

    /// <summary>Share of baseline posts that name no brand at all (keyword noise a listening tool still receives).</summary>
    public const double NoBrandShare = 0.05;

    public static IReadOnlyList<SegmentProfile> Segments { get; } =
    [
        new()
        {
            Id = "us-west-genz-gamers", Region = "US-West", UtcOffsetMinutes = -8 * 60, AgeBand = "18-24",
            Interests = ["gaming", "tech"], FollowerBand = "1k-10k", FollowersMin = 1_000, FollowersMax = 10_000, Weight = 0.16,
            FirstNames = ["Tyler", "Kayla", "Jordan", "Madison", "Brandon", "Ashley", "Dylan", "Mia"],
            LastNames = ["Smith", "Nguyen", "Garcia", "Lee", "Miller", "Kim"],
        },
        new()
        {
            Id = "us-east-professionals", Region = "US-East", UtcOffsetMinutes = -5 * 60, AgeBand = "35-44",
            Interests = ["business", "productivity"], FollowerBand = "100-1k", FollowersMin = 100, FollowersMax = 1_000, Weight = 0.18,
            FirstNames = ["James", "Mary", "Chris", "Jessica", "Michael", "Laura", "David", "Karen"],
            LastNames = ["Johnson", "Brown", "Davis", "Wilson", "Moore", "Taylor"],
        },
        new()
        {
            Id = "uk-students", Region = "UK", UtcOffsetMinutes = 0, AgeBand = "18-24",
            Interests = ["music", "fashion"], FollowerBand = "<100", FollowersMin = 3, FollowersMax = 100, Weight = 0.14,
            FirstNames = ["Oliver", "Amelia", "Harry", "Isla", "George", "Poppy", "Jack", "Freya"],
            LastNames = ["Evans", "Wright", "Walker", "Hughes", "Clarke", "Patel"],
        },
        new()
        {
            Id = "fr-foodies", Region = "France", UtcOffsetMinutes = 60, AgeBand = "25-34",
            Interests = ["food", "travel"], FollowerBand = "100-1k", FollowersMin = 100, FollowersMax = 1_000, Weight = 0.11, NativeLanguage = "fr",
            FirstNames = ["Camille", "Louis", "Léa", "Hugo", "Chloé", "Lucas", "Manon", "Théo"],
            LastNames = ["Martin", "Bernard", "Dubois", "Moreau", "Laurent", "Lefèvre"],
        },
        new()
        {
            Id = "de-techies", Region = "Germany", UtcOffsetMinutes = 60, AgeBand = "25-34",
            Interests = ["tech", "cars"], FollowerBand = "1k-10k", FollowersMin = 1_000, FollowersMax = 10_000, Weight = 0.11, NativeLanguage = "de",
            FirstNames = ["Lukas", "Mia", "Leon", "Hannah", "Finn", "Lea", "Jonas", "Lena"],
            LastNames = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker"],
        },
        new()
        {
            Id = "es-families", Region = "Spain", UtcOffsetMinutes = 60, AgeBand = "35-44",
            Interests = ["family", "football"], FollowerBand = "100-1k", FollowersMin = 100, FollowersMax = 1_000, Weight = 0.09, NativeLanguage = "es",
            FirstNames = ["Lucía", "Hugo", "Sofía", "Martín", "Paula", "Pablo", "Alba", "Daniel"],
            LastNames = ["García", "López", "Martínez", "Sánchez", "Pérez", "Gómez"],
        },
        new()
        {
            Id = "in-creators", Region = "India", UtcOffsetMinutes = 5 * 60 + 30, AgeBand = "18-24",
            Interests = ["film", "cricket"], FollowerBand = "10k-100k", FollowersMin = 10_000, FollowersMax = 100_000, Weight = 0.12,
            FirstNames = ["Aarav", "Diya", "Vihaan", "Ananya", "Arjun", "Isha", "Rohan", "Priya"],
            LastNames = ["Sharma", "Patel", "Singh", "Gupta", "Iyer", "Reddy"],
        },
        new()
        {
            Id = "br-fitness", Region = "Brazil", UtcOffsetMinutes = -3 * 60, AgeBand = "25-34",
            Interests = ["fitness", "wellness"], FollowerBand = "100k+", FollowersMin = 100_000, FollowersMax = 900_000, Weight = 0.09,
            FirstNames = ["Gabriel", "Ana", "Lucas", "Júlia", "Pedro", "Beatriz", "Mateus", "Larissa"],
            LastNames = ["Silva", "Santos", "Oliveira", "Souza", "Costa", "Lima"],
        },
    ];

    /// <summary>Platforms and their share of authors.</summary>
    public static IReadOnlyList<(string Name, double Weight)> Platforms { get; } =
    [
        ("x", 0.40),
        ("reddit", 0.20),
        ("instagram", 0.18),
        ("tiktok", 0.12),
        ("facebook", 0.10),
    ];

    /// <summary>The watchlist that matches the stream (a fresh copy each call: callers may change it).</summary>
    public static BrandWatchlist Watchlist() => new()
    {
        Brands = Brands.Select(p => new Brand
        {
            Id = p.Brand.Id,
            Name = p.Brand.Name,
            Aliases = [.. p.Brand.Aliases],
            Handles = [.. p.Brand.Handles],
            Hashtags = [.. p.Brand.Hashtags],
            Competitors = [.. p.Brand.Competitors],
            Category = p.Brand.Category,
        }).ToList(),
    };

    private static Brand NewBrand(string id, string name, string category, List<string> aliases, List<string> handles, List<string> hashtags, List<string> competitors) => new()
    {
        Id = id,
        Name = name,
        Category = category,
        Aliases = aliases,
        Handles = handles,
        Hashtags = hashtags,
        Competitors = competitors,
    };
}
