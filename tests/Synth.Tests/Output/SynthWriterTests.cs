using Marketing.Core.Brands;
using Marketing.Core.Domain;
using Marketing.Core.Json;
using Marketing.Synth.Output;
using NUnit.Framework;

namespace Marketing.Synth.Tests.Output;

public class SynthWriterTests
{
    [Test]
    public void Writes_exactly_the_requested_number_of_posts_and_labels()
    {
        var s = StreamFixture.Default;
        var lines = File.ReadLines(s.Files.Posts).Count();
        var labels = SynthWriter.ReadLabels(s.Files.LabelsPath).Count();
        Assert.Multiple(() =>
        {
            Assert.That(lines, Is.EqualTo(60_000));
            Assert.That(labels, Is.EqualTo(60_000));
            Assert.That(s.Summary.Posts, Is.EqualTo(60_000));
            Assert.That(s.Posts, Has.Count.EqualTo(60_000));
        });
    }

    [Test]
    public void Every_line_is_the_project_json_of_a_social_post_without_brands_or_sentiment()
    {
        var s = StreamFixture.Default;
        var i = 0;
        foreach (var line in File.ReadLines(s.Files.Posts).Take(5_000))
        {
            var post = SnakeCaseJson.Deserialize<SocialPost>(line)!;
            Assert.Multiple(() =>
            {
                Assert.That(SnakeCaseJson.Serialize(post), Is.EqualTo(line), "the line is exactly SnakeCaseJson.Serialize(post)");
                Assert.That(post.PostId, Is.EqualTo(s.Posts[i].Post.PostId));
                Assert.That(post.Brands, Is.Empty, "ingest matches brands");
                Assert.That(post.Sentiment, Is.Null, "ingest scores sentiment");
                Assert.That(post.Text, Is.Not.Empty);
                Assert.That(post.Author.Id, Is.Not.Empty);
            });
            i++;
        }
    }

    [Test]
    public void Labels_file_has_the_header_and_the_true_label_of_each_post_in_order()
    {
        var s = StreamFixture.Default;
        Assert.That(File.ReadLines(s.Files.LabelsPath).First(), Is.EqualTo("label\ttext\tplatform\tpost_id"));
        var rows = SynthWriter.ReadLabels(s.Files.LabelsPath).ToList();
        for (var i = 0; i < rows.Count; i += 97)
        {
            Assert.That(rows[i], Is.EqualTo((s.Posts[i].Truth, s.Posts[i].Post.Text.Replace('\n', ' ').Replace('\t', ' '), s.Posts[i].Post.Platform, s.Posts[i].Post.PostId)));
        }
    }

    [Test]
    public void Watchlist_file_loads_and_holds_every_brand_with_its_competitors()
    {
        var s = StreamFixture.Default;
        var list = BrandWatchlist.Load(s.Files.Watchlist!);
        Assert.Multiple(() =>
        {
            Assert.That(list.Brands.Select(b => b.Id), Is.EquivalentTo(s.Generator.Truth.Brands));
            Assert.That(list.Brands.Select(b => b.Category).Distinct().Count(), Is.GreaterThanOrEqualTo(2));
            Assert.That(list.Brands, Has.All.Matches<Brand>(b => b!.Competitors.Count > 0 && b.Aliases.Count > 0 && b.Handles.Count > 0 && b.Hashtags.Count > 0));
        });
    }

    [Test]
    public void An_unwritable_target_leaves_no_half_written_file()
    {
        var dir = Marketing.TestSupport.TestPaths.NewTempDir("synth-fail");
        var blocker = Path.Combine(dir, "truth-is-a-folder");
        Directory.CreateDirectory(blocker);
        var gen = new SynthGenerator(new SynthOptions { Posts = 2_000, Days = 3, Seed = 1 });
        var files = new SynthFiles { Posts = Path.Combine(dir, "posts.jsonl"), Truth = blocker, Labels = Path.Combine(dir, "labels.tsv") };
        Assert.Catch<Exception>(() => SynthWriter.Write(gen, files));
        Assert.That(Directory.GetFiles(dir), Is.Empty);
    }
}
