using System.Diagnostics;
using System.Text.Json;
using Marketing.Core.Domain;
using Marketing.Core.Storage;
using Marketing.Reports.Notebook;
using Marketing.Reports.Tests.Support;
using Marketing.TestSupport;
using Parquet.Serialization;

namespace Marketing.Reports.Tests.Notebook;

public sealed class NotebookExporterTests
{
    private const string PiiText = "Mail me at jane.doe@example.com or call +1 (555) 123-4567, cc @bob_smith and 06 12 34 56 78 — launch on 2026-11-28";

    private static async Task<IPostStore> StoreWithPiiAsync()
    {
        var store = await ReportStore.OpenFilledAsync();
        var p = Posts.Make("pii1", PiiText, ReportStore.PeriodStart.AddHours(5), author: "jane_author", brands: ["acme"], sentiment: SentimentLabel.Negative);
        p.Author.Handle = "JaneHandle";
        var q = Posts.Make("pii2", "second post by jane", ReportStore.PeriodStart.AddHours(6), author: "jane_author", brands: ["acme"]);
        q.Author.Handle = "JaneHandle";
        await store.UpsertPostsAsync([p, q]);
        return store;
    }

    [Test]
    public async Task Export_writes_parquet_and_csv_for_every_table_a_dictionary_and_a_notebook()
    {
        await using var store = await ReportStore.OpenFilledAsync();
        var dir = Path.Combine(TestPaths.NewTempDir("nb"), "export");

        var result = await new NotebookExporter().ExportAsync(store, new NotebookExportRequest { OutDir = dir });

        foreach (var t in ExportTables.All)
        {
            Assert.That(File.Exists(Path.Combine(dir, t.Name + ".csv")), Is.True, t.Name);
            var parquet = await File.ReadAllBytesAsync(Path.Combine(dir, t.Name + ".parquet"));
            Assert.That(System.Text.Encoding.ASCII.GetString(parquet, 0, 4), Is.EqualTo("PAR1"), t.Name);
            var header = (await File.ReadAllLinesAsync(Path.Combine(dir, t.Name + ".csv")))[0];
            Assert.That(header, Is.EqualTo(string.Join(',', t.Columns.Select(c => c.Name))), t.Name);
        }

        Assert.That(result.Rows["posts"], Is.EqualTo(62));
        Assert.That(result.Rows["scores"], Is.EqualTo(62), "one brand per post");
        Assert.That(result.Rows["bursts"], Is.EqualTo(2));
        Assert.That(result.Rows["topics"], Is.EqualTo(1));
        Assert.That(result.Rows["segments"], Is.EqualTo(1));
        Assert.That(result.Rows["drafts"], Is.EqualTo(1));
        Assert.That(File.Exists(Path.Combine(dir, "analysis.ipynb")), Is.True);
    }

    [Test]
    public async Task Topics_from_the_topic_steps_report_are_exported_with_its_window()
    {
        await using var store = await ReportStore.OpenFilledAsync();
        var report = new Marketing.Analysis.Topics.TopicReport
        {
            Since = ReportStore.PeriodStart,
            Until = ReportStore.PeriodStart.AddDays(7),
            Topics =
            [
                new("t01", "cold brew / oat latte", null, null, ["cold brew", "oat latte"], 120, 0.4, 0.2, false, ["x/1"]),
                new("t02", "outage / app", null, null, ["outage", "app"], 80, 0.3, -0.6, true, ["x/2"]),
            ],
        };
        await store.PutArtifactAsync(Marketing.Analysis.Topics.TopicAnalyzer.ReportKind, "latest", Marketing.Core.Json.SnakeCaseJson.Serialize(report));
        var dir = Path.Combine(TestPaths.NewTempDir("nb"), "export");

        var result = await new NotebookExporter().ExportAsync(store, new NotebookExportRequest { OutDir = dir });

        Assert.That(result.Rows["topics"], Is.EqualTo(3), "the fixture's single topic artifact and the report's two topics");
        var lines = await File.ReadAllLinesAsync(Path.Combine(dir, "topics.csv"));
        var row = lines.Single(l => l.Contains("outage / app", StringComparison.Ordinal));
        Assert.That(row, Does.Contain("80"));
        Assert.That(row, Does.Contain(ReportStore.PeriodStart.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), "the report's window is the topic's");
    }

    [Test]
    public async Task The_data_dictionary_describes_every_column_of_every_table()
    {
        await using var store = await ReportStore.OpenFilledAsync();
        var dir = Path.Combine(TestPaths.NewTempDir("nb"), "export");
        await new NotebookExporter().ExportAsync(store, new NotebookExportRequest { OutDir = dir });

        var md = await File.ReadAllTextAsync(Path.Combine(dir, "data_dictionary.md"));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "data_dictionary.json")));
        foreach (var t in ExportTables.All)
        {
            var csvColumns = (await File.ReadAllLinesAsync(Path.Combine(dir, t.Name + ".csv")))[0].Split(',');
            var described = json.RootElement.GetProperty("tables").EnumerateArray().Single(x => x.GetProperty("name").GetString() == t.Name)
                .GetProperty("columns").EnumerateArray().ToList();
            Assert.That(described.Select(c => c.GetProperty("name").GetString()), Is.EqualTo(csvColumns), t.Name);
            Assert.That(described.All(c => c.GetProperty("meaning").GetString()!.Length > 5 && c.GetProperty("type").GetString()!.Length > 0), Is.True, t.Name);
            Assert.That(md, Does.Contain("## " + t.Name));
            foreach (var c in csvColumns)
            {
                Assert.That(md, Does.Contain($"| `{c}` |"), $"{t.Name}.{c}");
            }
        }
    }

    [Test]
    public async Task Parquet_holds_the_same_rows_as_the_csv()
    {
        await using var store = await ReportStore.OpenFilledAsync();
        var dir = Path.Combine(TestPaths.NewTempDir("nb"), "export");
        await new NotebookExporter().ExportAsync(store, new NotebookExportRequest { OutDir = dir });

        var rows = (await ParquetSerializer.DeserializeAsync<TrendRow>(Path.Combine(dir, "trends.parquet"))).Data;
        var csv = (await File.ReadAllLinesAsync(Path.Combine(dir, "trends.csv"))).Skip(1).ToList();
        Assert.That(rows, Has.Count.EqualTo(csv.Count));
        Assert.That(rows.Sum(r => r.mentions ?? 0), Is.EqualTo(62));
        Assert.That(csv[0], Does.StartWith("2026-11-01,acme,"), "ISO days, invariant numbers");
    }

    [Test]
    public async Task Csv_quotes_fields_per_rfc_4180()
    {
        await using var store = await ReportStore.OpenEmptyAsync();
        await store.UpsertPostsAsync([Posts.Make("q1", "He said \"hi, there\"\nnew line", ReportStore.PeriodStart)]);
        var dir = Path.Combine(TestPaths.NewTempDir("nb"), "export");
        await new NotebookExporter().ExportAsync(store, new NotebookExportRequest { OutDir = dir });

        var text = await File.ReadAllTextAsync(Path.Combine(dir, "posts.csv"));
        Assert.That(text, Does.Contain(",\"He said \"\"hi, there\"\"\nnew line\","));
        Assert.That(text, Does.Contain("2026-11-08T00:00:00.000Z"));
        Assert.That(text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(2), "header + one record; the embedded newline stays inside quotes");
    }

    [Test]
    public async Task Redaction_removes_emails_phones_and_handles_and_hashes_ids_stably_within_an_export()
    {
        await using var store = await StoreWithPiiAsync();
        var dir = Path.Combine(TestPaths.NewTempDir("nb"), "export");

        var result = await new NotebookExporter().ExportAsync(store, new NotebookExportRequest { OutDir = dir, Redact = true });

        Assert.That(result.Redacted, Is.True);
        var all = string.Join('\n', Directory.GetFiles(dir, "*.csv").Select(File.ReadAllText));
        foreach (var secret in new[] { "jane.doe@example.com", "(555) 123", "123-4567", "bob_smith", "JaneHandle", "janehandle", "jane_author", "06 12 34 56 78" })
        {
            Assert.That(all, Does.Not.Contain(secret), secret);
        }

        Assert.That(all, Does.Contain("[email]").And.Contain("[phone]"));
        Assert.That(all, Does.Contain("launch on 2026-11-28"), "dates are not phone numbers");
        var janeRows = File.ReadAllLines(Path.Combine(dir, "posts.csv")).Where(l => l.StartsWith("x,pii", StringComparison.Ordinal)).ToList();
        var ids = janeRows.Select(l => l.Split(',')[3]).Distinct().ToList();
        Assert.That(ids, Has.Count.EqualTo(1), "the same author hashes to the same id within one export");
        Assert.That(ids[0], Does.Match("^anon_[0-9a-f]{16}$"));
        var parquet = await File.ReadAllBytesAsync(Path.Combine(dir, "posts.parquet"));
        Assert.That(System.Text.Encoding.UTF8.GetString(parquet), Does.Not.Contain("jane.doe@example.com"));
    }

    [Test]
    public async Task Two_redacted_exports_use_different_random_salts_unless_one_is_given()
    {
        await using var store = await StoreWithPiiAsync();
        string AuthorOf(string dir) => File.ReadAllLines(Path.Combine(dir, "posts.csv")).First(l => l.StartsWith("x,pii1", StringComparison.Ordinal)).Split(',')[3];
        var a = Path.Combine(TestPaths.NewTempDir("nb"), "a");
        var b = Path.Combine(TestPaths.NewTempDir("nb"), "b");
        var c = Path.Combine(TestPaths.NewTempDir("nb"), "c");
        var salt = new byte[32];
        await new NotebookExporter().ExportAsync(store, new NotebookExportRequest { OutDir = a, Redact = true, Salt = salt });
        await new NotebookExporter().ExportAsync(store, new NotebookExportRequest { OutDir = b, Redact = true, Salt = salt });
        await new NotebookExporter().ExportAsync(store, new NotebookExportRequest { OutDir = c, Redact = true });

        Assert.That(AuthorOf(a), Is.EqualTo(AuthorOf(b)));
        Assert.That(AuthorOf(c), Is.Not.EqualTo(AuthorOf(a)));
        Assert.That(Directory.GetFiles(c).Select(File.ReadAllText).Any(t => t.Contains(Convert.ToHexString(salt), StringComparison.OrdinalIgnoreCase)), Is.False);
    }

    [Test]
    public async Task The_notebook_is_valid_nbformat_4_and_falls_back_to_csv()
    {
        await using var store = await ReportStore.OpenFilledAsync();
        var dir = Path.Combine(TestPaths.NewTempDir("nb"), "export");
        await new NotebookExporter().ExportAsync(store, new NotebookExportRequest { OutDir = dir });

        using var nb = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "analysis.ipynb")));
        Assert.That(nb.RootElement.GetProperty("nbformat").GetInt32(), Is.EqualTo(4));
        var code = string.Join('\n', nb.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .SelectMany(c => c.GetProperty("source").EnumerateArray().Select(s => s.GetString())));
        Assert.That(code, Does.Contain("matplotlib.use('Agg')").And.Contain("read_parquet").And.Contain("read_csv"));
        Assert.That(code.IndexOf("matplotlib.use('Agg')", StringComparison.Ordinal), Is.LessThan(code.IndexOf("import matplotlib.pyplot", StringComparison.Ordinal)));
    }

    [Test]
    public async Task The_exported_notebook_executes_with_jupyter_nbconvert()
    {
        if (Environment.GetEnvironmentVariable("MKT_TEST_JUPYTER") != "1")
        {
            Assert.Ignore("Executing the notebook needs Jupyter: apt-get install -y jupyter-nbconvert python3-pandas python3-matplotlib python3-nbclient python3-ipykernel, then set MKT_TEST_JUPYTER=1.");
        }

        await using var store = await ReportStore.OpenFilledAsync();
        var dir = Path.Combine(TestPaths.NewTempDir("nb"), "export");
        await new NotebookExporter().ExportAsync(store, new NotebookExportRequest { OutDir = dir, Redact = true });

        var psi = new ProcessStartInfo("jupyter")
        {
            WorkingDirectory = dir,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var a in new[] { "nbconvert", "--to", "notebook", "--execute", "analysis.ipynb", "--output", "analysis.out.ipynb", "--ExecutePreprocessor.timeout=180", "--ExecutePreprocessor.kernel_name=python3" })
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["PYDEVD_DISABLE_FILE_VALIDATION"] = "1";
        psi.Environment["MPLBACKEND"] = "Agg";
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);

        Assert.That(process.ExitCode, Is.EqualTo(0), await stderr + await stdout);
        foreach (var chart in new[] { "volume", "sentiment", "share_of_voice", "bursts" })
        {
            var png = Path.Combine(dir, "charts", chart + ".png");
            Assert.That(File.Exists(png), Is.True, chart);
            Gallery.Save("notebook_" + chart + ".png", await File.ReadAllBytesAsync(png));
        }

        var executed = await File.ReadAllTextAsync(Path.Combine(dir, "analysis.out.ipynb"));
        Assert.That(executed, Does.Contain("posts: 62 rows from"));
    }

    private sealed class TrendRow
    {
        public DateTime? day { get; set; }

        public string? brand { get; set; }

        public long? mentions { get; set; }
    }
}
