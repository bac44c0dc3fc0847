using System.Text.Json.Nodes;

namespace Marketing.Reports.Notebook;

/// <summary>
/// analysis.ipynb (nbformat 4.5): loads the exported tables (Parquet when pandas has an engine, otherwise the CSV
/// twins; Debian's pandas has none) and redraws the report's key charts with matplotlib on the Agg backend, so it
/// runs headless under <c>jupyter nbconvert --execute</c>. Charts are saved under charts/ and shown inline.
/// </summary>
public static class AnalysisNotebook
{
    private const string Setup = """
        import os
        import matplotlib
        matplotlib.use('Agg')  # headless: nbconvert and CI have no display
        import matplotlib.pyplot as plt
        import pandas as pd
        from IPython.display import Image, display

        os.makedirs('charts', exist_ok=True)
        TIME_COLUMNS = {'posts': ['created_at'], 'scores': ['created_at'], 'trends': ['day'],
                        'bursts': ['start', 'end'], 'topics': ['start', 'end'], 'drafts': ['created_at']}

        def load(name):
            # Parquet needs pyarrow or fastparquet; without one, read the CSV twin (same columns).
            try:
                df = pd.read_parquet(f'{name}.parquet')
                source = 'parquet'
            except (ImportError, ValueError, OSError):
                df = pd.read_csv(f'{name}.csv', keep_default_na=False, na_values=[''])
                source = 'csv'
            for c in TIME_COLUMNS.get(name, []):
                if c in df.columns:
                    # All times are UTC; drop the zone so matplotlib and pandas mix them freely.
                    df[c] = pd.to_datetime(df[c], utc=True, errors='coerce').dt.tz_convert(None)
            print(f'{name}: {len(df)} rows from {source}')
            return df

        def show(path):
            plt.tight_layout()
            plt.savefig(path, dpi=100)
            plt.close()
            display(Image(path))
        """;

    private const string Load = """
        posts = load('posts')
        scores = load('scores')
        trends = load('trends')
        bursts = load('bursts')
        topics = load('topics')
        segments = load('segments')
        drafts = load('drafts')
        """;

    private const string Volume = """
        if trends.empty:
            print('No brand mentions in this export.')
        else:
            volume = trends.pivot_table(index='day', columns='brand', values='mentions', aggfunc='sum').fillna(0)
            ax = volume.plot(figsize=(10, 4.5), marker='o')
            ax.set_title('Mentions per day by brand')
            ax.set_xlabel('day (UTC)')
            ax.set_ylabel('posts per day')
            ax.legend(title='brand')
            show('charts/volume.png')
        """;

    private const string Sentiment = """
        if trends.empty:
            print('No scored mentions in this export.')
        else:
            net = trends.pivot_table(index='day', columns='brand', values='net_sentiment', aggfunc='mean')
            ax = net.plot(figsize=(10, 4.5), marker='o')
            ax.axhline(0, color='gray', linestyle='--', linewidth=1)
            ax.set_ylim(-1.05, 1.05)
            ax.set_title('Net sentiment per day by brand')
            ax.set_xlabel('day (UTC)')
            ax.set_ylabel('net sentiment (-1..1)')
            ax.legend(title='brand')
            show('charts/sentiment.png')
        """;

    private const string Share = """
        if trends.empty:
            print('No brand mentions, so no share of voice.')
        else:
            share = trends.groupby('brand')['mentions'].sum().sort_values(ascending=False)
            share = share / share.sum() * 100
            ax = share.plot.bar(figsize=(10, 4.5), color='steelblue', label='share of mentions')
            ax.set_title('Share of voice over the export period')
            ax.set_xlabel('brand')
            ax.set_ylabel('share of mentions (%)')
            ax.legend()
            show('charts/share_of_voice.png')
            print(share.round(1).to_string())
        """;

    private const string BurstChart = """
        if trends.empty:
            print('No brand mentions in this export.')
        else:
            total = trends.groupby('day')['mentions'].sum()
            ax = total.plot(figsize=(10, 4.5), marker='o', color='black', label='all brands')
            for _, b in bursts.dropna(subset=['start']).iterrows():
                end = b['end'] if pd.notna(b['end']) and b['end'] > b['start'] else b['start'] + pd.Timedelta(days=1)
                ax.axvspan(b['start'], end, color='orange', alpha=0.25)
            ax.set_title(f'Mentions per day with {len(bursts)} burst(s) shaded')
            ax.set_xlabel('day (UTC)')
            ax.set_ylabel('posts per day')
            ax.legend()
            show('charts/bursts.png')
        if bursts.empty:
            print('No bursts detected in this export.')
        else:
            display(bursts[['brand', 'term', 'start', 'end', 'score', 'explanation']])
        """;

    private const string Authors = """
        if posts.empty:
            print('No posts in this export.')
        else:
            top = (posts.groupby('author_handle', dropna=False)
                   .agg(posts=('post_id', 'count'), engagement=('engagement', 'sum'))
                   .sort_values('engagement', ascending=False).head(10))
            display(top)
            print(posts['sentiment'].fillna('unscored').value_counts().to_string())
        """;

    private const string Rest = """
        for name, df in [('topics', topics), ('segments', segments), ('drafts', drafts)]:
            print(f'--- {name}: {len(df)} rows')
            if not df.empty:
                display(df.head(10))
        """;

    public static string Build(string title, bool redacted)
    {
        var cells = new JsonArray
        {
            Markdown("intro", $"""
                # {title}

                Tables exported by `mkt export notebook`: posts, scores (per-brand sentiment), trends (brand × day),
                bursts, topics, segments and drafts. Each is a Parquet file with a CSV twin; see `data_dictionary.md`
                for every column.{(redacted ? " **Redacted export**: author ids and handles are salted hashes; e-mails, phone numbers and @handles are removed from text." : "")}

                Run it with `jupyter nbconvert --to notebook --execute analysis.ipynb` or open it in Jupyter.
                """),
            Code("setup", Setup),
            Code("load", Load),
            Markdown("volume-md", "## Volume per brand per day"),
            Code("volume", Volume),
            Markdown("sentiment-md", "## Net sentiment per brand per day"),
            Code("sentiment", Sentiment),
            Markdown("share-md", "## Share of voice"),
            Code("share", Share),
            Markdown("bursts-md", "## Bursts"),
            Code("bursts", BurstChart),
            Markdown("authors-md", "## Top authors and sentiment mix"),
            Code("authors", Authors),
            Markdown("rest-md", "## Topics, segments and drafts"),
            Code("rest", Rest),
        };
        var nb = new JsonObject
        {
            ["cells"] = cells,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = "Python 3", ["language"] = "python", ["name"] = "python3" },
                ["language_info"] = new JsonObject { ["name"] = "python" },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        return nb.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Markdown(string id, string text) => new()
    {
        ["cell_type"] = "markdown",
        ["id"] = id,
        ["metadata"] = new JsonObject(),
        ["source"] = Lines(text),
    };

    private static JsonObject Code(string id, string text) => new()
    {
        ["cell_type"] = "code",
        ["execution_count"] = null,
        ["id"] = id,
        ["metadata"] = new JsonObject(),
        ["outputs"] = new JsonArray(),
        ["source"] = Lines(text),
    };

    private static JsonArray Lines(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var array = new JsonArray();
        for (var i = 0; i < lines.Length; i++)
        {
            array.Add(i < lines.Length - 1 ? lines[i] + "\n" : lines[i]);
        }

        return array;
    }
}
