using System.Text;
using Marketing.Analysis.Sentiment;
using Marketing.Core.Domain;

namespace Marketing.Analysis.Tests.Sentiment;

/// <summary>
/// A tiny lexicon and a generated labelled corpus (seeded), so model tests run anywhere in seconds without the shared
/// data set. The model trained from it is built once per test run.
/// </summary>
public static class SmallCorpus
{
    private static readonly Lazy<(SentimentModel Model, string Dir)> Trained = new(Train);

    public static readonly string[] Subjects = ["the phone", "this laptop", "the new update", "the delivery", "their support", "the camera", "the app", "my order"];

    private static readonly string[] Good = ["good", "great", "amazing", "excellent", "lovely", "awesome"];

    private static readonly string[] Bad = ["bad", "terrible", "awful", "horrible", "broken", "useless"];

    private static readonly string[] Facts = ["ships on monday", "comes in two colours", "was announced today", "costs 300 dollars", "opens at 9am", "has a 6 inch screen", "is sold in stores", "weighs 200 grams"];

    public static SentimentModel Model => Trained.Value.Model;

    /// <summary>A folder holding lexicon.txt (+ emoji_utf8_lexicon.txt) and train.tsv.</summary>
    public static string Dir => Trained.Value.Dir;

    public static string LexiconPath => Path.Combine(Dir, "lexicon.txt");

    public static string TrainPath => Path.Combine(Dir, "train.tsv");

    public static FeaturizerSettings Settings { get; } = new() { WordBits = 14, CharBits = 14 };

    public static SentimentTrainingOptions Options => new()
    {
        LexiconPath = LexiconPath,
        Featurizer = Settings,
        Seed = 7,
        MaxIterations = 30,
    };

    public static List<SentimentExample> Examples(int perClass = 200, int seed = 3)
    {
        var rng = new Random(seed);
        string Pick(string[] a) => a[rng.Next(a.Length)];
        var list = new List<SentimentExample>();
        for (var i = 0; i < perClass; i++)
        {
            var s = Pick(Subjects);
            list.Add(new(SentimentLabel.Positive, (i % 4) switch
            {
                0 => $"{s} is {Pick(Good)}",
                1 => $"I love {s}, so {Pick(Good)}!",
                2 => $"{s} is not {Pick(Bad)} at all",
                _ => $"{s} {Pick(["😍", ":)", "❤️"])} {Pick(Good)}",
            }));
            list.Add(new(SentimentLabel.Negative, (i % 4) switch
            {
                0 => $"{s} is {Pick(Bad)}",
                1 => $"I hate {s}, so {Pick(Bad)}",
                2 => $"{s} is not {Pick(Good)}",
                _ => $"{s} {Pick(["😡", ":(", "💔"])} {Pick(Bad)}",
            }));
            list.Add(new(SentimentLabel.Neutral, $"{s} {Pick(Facts)}"));
        }

        return list;
    }

    public static void WriteLexicon(string dir)
    {
        File.WriteAllText(Path.Combine(dir, "lexicon.txt"), string.Join('\n',
        [
            "good\t1.9", "great\t3.1", "amazing\t2.8", "excellent\t2.7", "lovely\t2.8", "awesome\t3.1", "love\t3.2",
            "bad\t-2.5", "terrible\t-2.1", "awful\t-2.0", "horrible\t-2.5", "broken\t-1.6", "useless\t-1.8", "hate\t-2.7",
            "happy\t2.7", "sad\t-2.1", "smiling\t1.6", "heart\t1.9", "enraged\t-3.0", "broken\t-1.6", ":)\t2.0", ":(\t-1.9",
        ]) + "\n");
        File.WriteAllText(Path.Combine(dir, "emoji_utf8_lexicon.txt"), "😍\tsmiling face with heart-eyes\n😡\tenraged face\n❤️\tred heart\n💔\tbroken heart\n", Encoding.UTF8);
    }

    public static void WriteTsv(string path, IEnumerable<SentimentExample> examples)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        w.WriteLine("label\ttext");
        foreach (var e in examples)
        {
            w.WriteLine($"{e.Label.ToWire()}\t{e.Text}");
        }
    }

    private static (SentimentModel, string) Train()
    {
        var dir = Marketing.TestSupport.TestPaths.NewTempDir("sentiment-corpus");
        WriteLexicon(dir);
        var data = Examples();
        WriteTsv(Path.Combine(dir, "train.tsv"), data);
        var options = new SentimentTrainingOptions { LexiconPath = Path.Combine(dir, "lexicon.txt"), Featurizer = Settings, Seed = 7, MaxIterations = 30 };
        var result = new SentimentTrainer().Train(data, options);
        var path = Path.Combine(dir, "model.zip");
        result.Model.Save(path);
        return (SentimentModel.Load(path), dir);
    }
}
