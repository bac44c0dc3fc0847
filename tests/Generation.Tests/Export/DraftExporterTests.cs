using System.Text.Json;
using Json.Schema;
using Marketing.Core.Storage;
using Marketing.Generation.Drafting;
using Marketing.Generation.Export;
using Marketing.Generation.Targeting;
using Marketing.TestSupport;

namespace Marketing.Generation.Tests.Export;

public class DraftExporterTests
{
    private IPostStore _store = null!;
    private DraftSet _set = null!;
    private TargetingReport _targeting = null!;
    private string _dir = null!;

    [OneTimeSetUp]
    public async Task Generate()
    {
        _store = await SampleWorld.CreateAsync();
        _set = await new DraftGenerator(_store).GenerateAsync(new DraftRequest
        {
            Brand = SampleWorld.Acme, Watchlist = SampleWorld.Watchlist, Profile = SampleWorld.Profile(), Variants = 3, Segments = ["auto"],
        });
        _targeting = await new TargetingAdvisor(_store).SuggestAsync(SampleWorld.Acme, SampleWorld.Watchlist);
        _dir = TestPaths.NewTempDir("drafts");
        DraftExporter.WriteAll(_set, _targeting, _dir);
    }

    [OneTimeTearDown]
    public async Task Dispose() => await _store.DisposeAsync();

    // Parsed once: the library keeps a process-wide registry keyed by the schema's $id.
    private static readonly Lazy<JsonSchema> ShippedSchema = new(() => JsonSchema.FromText(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "draft.schema.json"))));

    private static JsonSchema Schema() => ShippedSchema.Value;

    private static EvaluationResults Evaluate(string json) =>
        Schema().Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

    private static string Errors(EvaluationResults r) =>
        string.Join("\n", (r.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}"));

    [Test]
    public void Drafts_json_validates_against_the_shipped_schema()
    {
        var result = Evaluate(File.ReadAllText(Path.Combine(_dir, DraftExporter.JsonFile)));
        Assert.That(result.IsValid, Is.True, Errors(result));
        Assert.That(_set.Drafts, Is.Not.Empty);
    }

    [Test]
    public void The_schema_rejects_a_draft_without_evidence_or_with_an_over_long_headline()
    {
        var doc = File.ReadAllText(Path.Combine(_dir, DraftExporter.JsonFile));
        var noEvidence = doc.Replace("\"evidence_ids\": [", "\"evidence_ids\": [], \"x_evidence_ids\": [", StringComparison.Ordinal);
        Assert.That(Evaluate(noEvidence).IsValid, Is.False);

        var rsa = _set.Drafts.First(d => d.Channel == "google-rsa").Fields.Headlines![0];
        var longHeadline = doc.Replace($"\"{rsa}\"", $"\"{new string('h', 31)}\"", StringComparison.Ordinal);
        Assert.That(Evaluate(longHeadline).IsValid, Is.False);
    }

    [Test]
    public void Google_Ads_Editor_csv_has_one_row_per_responsive_search_ad_with_the_editor_columns()
    {
        var lines = File.ReadAllLines(Path.Combine(_dir, DraftExporter.GoogleAdsFile));
        var header = lines[0].TrimStart('\uFEFF').Split(',');
        Assert.That(header[..4], Is.EqualTo(new[] { "Campaign", "Ad group", "Ad type", "Status" }));
        Assert.That(header, Does.Contain("Headline 1").And.Contain("Headline 15").And.Contain("Description 4").And.Contain("Path 1").And.Contain("Path 2").And.Contain("Final URL"));
        Assert.That(lines.Length - 1, Is.EqualTo(_set.Drafts.Count(d => d.Channel == "google-rsa")));
        Assert.That(lines[1], Does.Contain("Responsive search ad,Paused"));
        Assert.That(lines[1], Does.Contain("https://www.acme.com/"));
    }

    [Test]
    public void Drafts_csv_has_a_row_per_field_with_its_length_and_limit()
    {
        var csv = File.ReadAllText(Path.Combine(_dir, DraftExporter.CsvFile));
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(rows[0].TrimStart('\uFEFF'), Does.StartWith("draft_id,brand,segment,channel,variant,tested_element,field,text,length,limit"));
        Assert.That(rows.Length - 1, Is.EqualTo(_set.Drafts.Sum(d => d.Fields.All().Count())));
        Assert.That(rows.Count(r => r.Contains(",x,", StringComparison.Ordinal) && r.Contains(",text,", StringComparison.Ordinal)), Is.EqualTo(_set.Drafts.Count(d => d.Channel == "x")));
    }

    [Test]
    public void A_csv_cell_that_starts_like_a_formula_is_defused()
    {
        Assert.That(Csv.Cell("=HYPERLINK(\"x\")", guardFormula: true), Is.EqualTo("\"'=HYPERLINK(\"\"x\"\")\""));
        Assert.That(Csv.Cell("@acme", guardFormula: true), Is.EqualTo("'@acme"));
        Assert.That(Csv.Cell("plain"), Is.EqualTo("plain"));
    }

    [Test]
    public void Markdown_says_who_wrote_the_copy_and_lists_the_evidence()
    {
        var md = File.ReadAllText(Path.Combine(_dir, DraftExporter.MarkdownFile));
        Assert.That(md, Does.Contain("offline-template"));
        Assert.That(md, Does.Contain("## Evidence"));
        Assert.That(md, Does.Contain("`theme:"));
        Assert.That(md, Does.Contain("Variant B (tests the hook"));
        Assert.That(md, Does.Not.Contain("<script"));
    }

    [Test]
    public void Targeting_files_are_written_beside_the_drafts()
    {
        Assert.That(File.Exists(Path.Combine(_dir, DraftExporter.TargetingJsonFile)), Is.True);
        var md = File.ReadAllText(Path.Combine(_dir, DraftExporter.TargetingMarkdownFile));
        Assert.That(md, Does.Contain("## 1. us-west"));
    }
}
