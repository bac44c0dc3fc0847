using Marketing.Core.Brands;
using Marketing.Core.Domain;
using Marketing.Core.Storage;
using Marketing.Synth;

namespace Marketing.Analysis.Tests;

/// <summary>
/// Synthetic posts as the pipeline would store them: brands matched from the text by the watchlist, and the generator's
/// true label as sentiment (scorer <c>truth</c>), so these tests do not depend on the sentiment model.
/// </summary>
internal static class SynthData
{
    public static List<SocialPost> Posts(SynthGenerator generator)
    {
        var matcher = new BrandMatcher(generator.Watchlist);
        return generator.Generate().Select(sp =>
        {
            var p = sp.Post;
            p.Brands = matcher.Match(p.Text, p.Mentions, p.Hashtags);
            p.Sentiment = new SentimentResult(sp.Truth, sp.Truth == SentimentLabel.Negative ? 1 : 0, sp.Truth == SentimentLabel.Neutral ? 1 : 0,
                sp.Truth == SentimentLabel.Positive ? 1 : 0, "truth", null);
            return p;
        }).ToList();
    }

    public static async Task FillAsync(IPostStore store, IReadOnlyList<SocialPost> posts)
    {
        for (var i = 0; i < posts.Count; i += 5000)
        {
            await store.UpsertPostsAsync(posts.Skip(i).Take(5000).ToList());
        }
    }
}
