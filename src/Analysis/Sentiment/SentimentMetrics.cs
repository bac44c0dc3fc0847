using Marketing.Core.Domain;

namespace Marketing.Analysis.Sentiment;

/// <summary>
/// The SemEval-2017 task 4A measures from a confusion matrix (rows = gold, columns = predicted, in the order
/// negative, neutral, positive): macro-recall (the official metric), macro-F1, accuracy and F1_PN (mean F1 of
/// positive and negative). Same formulas as ../shared/peers/eval.py.
/// </summary>
public sealed class SentimentMetrics
{
    public static readonly SentimentLabel[] Classes = [SentimentLabel.Negative, SentimentLabel.Neutral, SentimentLabel.Positive];

    public SentimentMetrics(int[][] confusion)
    {
        if (confusion.Length != 3 || confusion.Any(r => r.Length != 3))
        {
            throw new ArgumentException("The confusion matrix must be 3x3 (negative, neutral, positive).", nameof(confusion));
        }

        Confusion = confusion;
        N = confusion.Sum(r => r.Sum());
        var perClass = new List<ClassMetrics>(3);
        for (var c = 0; c < 3; c++)
        {
            var tp = confusion[c][c];
            var predicted = confusion.Sum(r => r[c]);
            var gold = confusion[c].Sum();
            var p = predicted == 0 ? 0 : (double)tp / predicted;
            var r = gold == 0 ? 0 : (double)tp / gold;
            var f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
            perClass.Add(new ClassMetrics(Classes[c].ToWire(), p, r, f1, gold));
        }

        PerClass = perClass;
        Accuracy = N == 0 ? 0 : (double)Enumerable.Range(0, 3).Sum(c => confusion[c][c]) / N;
        MacroRecall = perClass.Average(m => m.Recall);
        MacroF1 = perClass.Average(m => m.F1);
        F1Pn = (perClass[0].F1 + perClass[2].F1) / 2;
    }

    public int N { get; }

    public double MacroRecall { get; }

    public double MacroF1 { get; }

    public double Accuracy { get; }

    public double F1Pn { get; }

    public IReadOnlyList<ClassMetrics> PerClass { get; }

    /// <summary>Rows = gold, columns = predicted; order negative, neutral, positive.</summary>
    public int[][] Confusion { get; }

    public static SentimentMetrics Compute(IEnumerable<(SentimentLabel Gold, SentimentLabel Predicted)> pairs)
    {
        var m = new int[3][];
        for (var i = 0; i < 3; i++)
        {
            m[i] = new int[3];
        }

        foreach (var (gold, predicted) in pairs)
        {
            if (gold == SentimentLabel.Unscored)
            {
                continue;
            }

            // An unscored prediction counts as neutral: it asserts no polarity.
            var p = predicted == SentimentLabel.Unscored ? SentimentLabel.Neutral : predicted;
            m[(int)gold][(int)p]++;
        }

        return new SentimentMetrics(m);
    }

    /// <summary>The short form printed by <c>mkt eval --json</c>.</summary>
    public object Summary() => new { macro_recall = MacroRecall, macro_f1 = MacroF1, accuracy = Accuracy, f1_pn = F1Pn, n = N };
}
