using Marketing.Core.Json;
using Marketing.Synth.Output;
using Marketing.Synth.Truth;
using NUnit.Framework;

namespace Marketing.Synth.Tests;

public class SynthDeterminismTests
{
    [Test]
    public void Same_seed_gives_byte_identical_posts_truth_labels_and_watchlist()
    {
        var options = new SynthOptions { Posts = 15_000, Days = 10, Seed = 42 };
        var a = StreamFixture.Make(options);
        var b = StreamFixture.Make(new SynthOptions { Posts = 15_000, Days = 10, Seed = 42 });
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllBytes(b.Files.Posts), Is.EqualTo(File.ReadAllBytes(a.Files.Posts)), "posts");
            Assert.That(File.ReadAllBytes(b.Files.Truth), Is.EqualTo(File.ReadAllBytes(a.Files.Truth)), "truth");
            Assert.That(File.ReadAllBytes(b.Files.LabelsPath), Is.EqualTo(File.ReadAllBytes(a.Files.LabelsPath)), "labels");
            Assert.That(File.ReadAllBytes(b.Files.Watchlist!), Is.EqualTo(File.ReadAllBytes(a.Files.Watchlist!)), "watchlist");
        });
    }

    [Test]
    public void Different_seeds_give_different_posts_and_truth()
    {
        var a = new SynthGenerator(new SynthOptions { Posts = 5_000, Days = 10, Seed = 1 });
        var b = new SynthGenerator(new SynthOptions { Posts = 5_000, Days = 10, Seed = 2 });
        var textsA = a.Posts().Select(p => p.Text).ToList();
        var textsB = b.Posts().Select(p => p.Text).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(textsB, Is.Not.EqualTo(textsA));
            Assert.That(SnakeCaseJson.Serialize(b.Truth), Is.Not.EqualTo(SnakeCaseJson.Serialize(a.Truth)));
        });
    }

    [Test]
    public void Enumerating_twice_gives_the_same_stream()
    {
        var gen = new SynthGenerator(new SynthOptions { Posts = 3_000, Days = 5, Seed = 9 });
        var first = gen.Posts().Select(p => SnakeCaseJson.Serialize(p)).ToList();
        var second = gen.Posts().Select(p => SnakeCaseJson.Serialize(p)).ToList();
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Start_defaults_to_a_fixed_instant_not_today()
    {
        var gen = new SynthGenerator(new SynthOptions { Posts = 1_000, Days = 2 });
        Assert.Multiple(() =>
        {
            Assert.That(gen.Start, Is.EqualTo(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero)));
            Assert.That(gen.Truth.Start, Is.EqualTo(gen.Start));
            Assert.That(gen.Truth.End, Is.EqualTo(gen.Start.AddDays(2)));
        });
    }

    [Test]
    public void A_start_inside_an_hour_is_truncated_to_the_hour()
    {
        var gen = new SynthGenerator(new SynthOptions { Posts = 1_000, Days = 2, Start = new DateTimeOffset(2027, 3, 5, 10, 47, 12, TimeSpan.FromHours(2)) });
        Assert.That(gen.Start, Is.EqualTo(new DateTimeOffset(2027, 3, 5, 8, 0, 0, TimeSpan.Zero)));
    }

    [TestCase(999, 30, "posts")]
    [TestCase(50_000_001, 30, "posts")]
    [TestCase(10_000, 0, "days")]
    [TestCase(10_000, 367, "days")]
    public void Options_out_of_range_are_rejected_with_a_message_naming_the_setting(int posts, int days, string word)
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new SynthGenerator(new SynthOptions { Posts = posts, Days = days }));
        Assert.That(ex!.Message, Does.StartWith(word + " must be between"));
    }

    [Test]
    public void Truth_file_reads_back_with_its_events_segments_and_relative_labels_path()
    {
        var s = StreamFixture.Default;
        var truth = SnakeCaseJson.Deserialize<SynthTruth>(File.ReadAllText(s.Files.Truth))!;
        Assert.Multiple(() =>
        {
            Assert.That(truth.Seed, Is.EqualTo(11));
            Assert.That(truth.Posts, Is.EqualTo(60_000));
            Assert.That(truth.Events, Has.Count.EqualTo(s.Generator.Truth.Events.Count).And.Count.GreaterThanOrEqualTo(5));
            Assert.That(truth.Segments, Has.Count.EqualTo(8));
            Assert.That(truth.LabelsFile, Is.EqualTo("truth.json.labels.tsv"));
            Assert.That(truth.WatchlistFile, Is.EqualTo("brands.json"));
            Assert.That(File.Exists(Path.Combine(Path.GetDirectoryName(s.Files.Truth)!, truth.LabelsFile!)), Is.True);
            Assert.That(File.ReadAllText(s.Files.Truth), Does.Contain("\"negative_share_before\""), "snake_case keys");
        });
    }
}
