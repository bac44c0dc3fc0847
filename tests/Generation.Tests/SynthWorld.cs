using Marketing.Core.Brands;
using Marketing.Core.Domain;
using Marketing.Core.Storage;
using Marketing.Synth;
using Marketing.Synth.Truth;
using Marketing.TestSupport;

namespace Marketing.Generation.Tests;

/// <summary>
/// A store filled from the synthetic generator with its ground truth. Sentiment is the generator's true label, as if
/// scored perfectly, so targeting is measured on its own merits. Brands are matched by the watchlist, as ingest does.
/// </summary>
public sealed class SynthWorld : IAsyncDisposable
{
    private SynthWorld(IPostStore store, SynthTruth truth, BrandWatchlist watchlist)
    {
        Store = store;
        Truth = truth;
        Watchlist = watchlist;
    }

    public IPostStore Store { get; }

    public SynthTruth Truth { get; }

    public BrandWatchlist Watchlist { get; }

    public static async Task<SynthWorld> CreateAsync(int posts = 30_000, int days = 14, int seed = 7)
    {
        var generator = new SynthGenerator(new SynthOptions { Posts = posts, Days = days, Seed = seed });
        var matcher = new BrandMatcher(generator.Watchlist);
        var store = await TestStores.OpenNewAsync(StoreKind.Sqlite);
        var batch = new List<SocialPost>(5000);
        foreach (var sp in generator.Generate())
        {
            var p = sp.Post;
            var brands = matcher.Match(p.Text, p.Mentions, p.Hashtags).ToList();
            if (sp.Brand is { } b && !brands.Contains(b))
            {
                brands.Add(b);
            }

            p.Brands = brands;
            var pos = sp.Truth == SentimentLabel.Positive ? 0.9f : 0.05f;
            var neg = sp.Truth == SentimentLabel.Negative ? 0.9f : 0.05f;
            p.Sentiment = new SentimentResult(sp.Truth, neg, 1 - pos - neg, pos, "truth", "synth");
            batch.Add(p);
            if (batch.Count == batch.Capacity)
            {
                await store.UpsertPostsAsync(batch);
                batch.Clear();
            }
        }

        await store.UpsertPostsAsync(batch);
        return new SynthWorld(store, generator.Truth, generator.Watchlist);
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
