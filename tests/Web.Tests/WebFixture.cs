using Marketing.Analysis.Sentiment;
using Marketing.Core.Brands;
using Marketing.Core.Domain;
using Marketing.Core.Storage;
using Marketing.Llm;
using Marketing.TestSupport;
using Microsoft.AspNetCore.Builder;

namespace Marketing.Web.Tests;

/// <summary>A running app on a free loopback port, over a SQLite store with posts for the brand 'acme'.</summary>
public sealed class WebFixture : IAsyncDisposable
{
    private static SentimentModel? _model;
    private static readonly Lock Gate = new();

    private WebFixture(WebApplication app, IPostStore store, HttpClient http)
    {
        App = app;
        Store = store;
        Http = http;
    }

    public WebApplication App { get; }

    public IPostStore Store { get; }

    public HttpClient Http { get; }

    public Uri BaseAddress => Http.BaseAddress!;

    public static BrandWatchlist Watchlist() => BrandWatchlist.Parse("""{"brands":[{"id":"acme","name":"Acme","aliases":["acme"],"competitors":["globex"]},{"id":"globex","name":"Globex","aliases":["globex"]}]}""");

    /// <summary>A tiny model trained once per test run.</summary>
    public static SentimentModel Model()
    {
        lock (Gate)
        {
            if (_model is null)
            {
                var data = new List<SentimentExample>();
                string[] pos = ["love it", "great product", "amazing service", "so happy with this", "excellent quality", "best ever"];
                string[] neg = ["hate it", "terrible product", "awful service", "so angry with this", "broken quality", "worst ever"];
                string[] neu = ["it is a phone", "the store opens at nine", "new version released", "shipping today", "price is listed", "available in blue"];
                for (var i = 0; i < 5; i++)
                {
                    data.AddRange(pos.Select(t => new SentimentExample(SentimentLabel.Positive, t + " " + i)));
                    data.AddRange(neg.Select(t => new SentimentExample(SentimentLabel.Negative, t + " " + i)));
                    data.AddRange(neu.Select(t => new SentimentExample(SentimentLabel.Neutral, t + " " + i)));
                }

                _model = new SentimentTrainer().Train(data, new SentimentTrainingOptions { MaxIterations = 50 }).Model;
            }

            return _model;
        }
    }

    public static async Task<WebFixture> StartAsync(bool withModel = true, WebOptions? options = null, IEnumerable<SocialPost>? extraPosts = null)
    {
        var store = await TestStores.OpenNewAsync(StoreKind.Sqlite);
        var posts = new List<SocialPost>();
        for (var i = 0; i < 24; i++)
        {
            var label = (i % 3) switch { 0 => SentimentLabel.Positive, 1 => SentimentLabel.Negative, _ => SentimentLabel.Neutral };
            posts.Add(Posts.Make("a" + i, $"acme phone battery review {i}", Posts.Epoch.AddHours(i), author: "u" + (i % 5), brands: ["acme"], sentiment: label, likes: i));
        }

        posts.Add(Posts.Make("g1", "globex is fine", Posts.Epoch.AddHours(3), brands: ["globex"], sentiment: SentimentLabel.Neutral));
        posts.AddRange(extraPosts ?? []);
        await store.UpsertPostsAsync(posts);
        var watchlist = Watchlist();
        var services = new WebServices
        {
            Store = store,
            Llm = LlmClientFactory.Create(new LlmOptions { Provider = LlmOptions.OfflineProvider }, null, store),
            Sentiment = withModel ? new SentimentScorer(Model(), new BrandMatcher(watchlist)) : null,
            Watchlist = watchlist,
            DisplaySettings = new Dictionary<string, string> { ["Urls"] = "test" },
        };
        options ??= new WebOptions();
        options.Urls = options.Urls == new WebOptions().Urls ? "http://127.0.0.1:0" : options.Urls;
        options.ReportsDir = TestPaths.NewTempDir("web-reports");
        var app = WebApp.Build(services, options);
        await app.StartAsync();
        var address = WebApp.Addresses(app).First();
        var http = new HttpClient { BaseAddress = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal)) };
        return new WebFixture(app, store, http);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        if (Store is IAsyncDisposable d)
        {
            await d.DisposeAsync();
        }
    }
}
