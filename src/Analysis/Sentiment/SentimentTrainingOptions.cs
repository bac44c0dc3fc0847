namespace Marketing.Analysis.Sentiment;

public sealed record SentimentTrainingOptions
{
    public int Seed { get; init; } = 1;

    /// <summary>VADER-format lexicon (and emoji table beside it); null trains without lexicon features.</summary>
    public string? LexiconPath { get; init; }

    public FeaturizerSettings Featurizer { get; init; } = new();

    /// <summary><c>lbfgs</c> (L-BFGS maximum entropy, the default) or <c>sdca</c> (SDCA maximum entropy).</summary>
    public string Trainer { get; init; } = "lbfgs";

    public float L2 { get; init; } = 2f;

    public float L1 { get; init; }

    public int MaxIterations { get; init; } = 200;

    /// <summary>Weights examples by inverse class frequency.</summary>
    public bool BalanceClasses { get; init; } = true;

    /// <summary>Share of the data kept out of training: half tunes the class offsets, half measures the model.</summary>
    public double HoldoutFraction { get; init; } = 0.2;

    /// <summary>After measuring, trains again on all the data (same settings and offsets) for the saved model.</summary>
    public bool Refit { get; init; } = true;

    /// <summary>ISO 639-1 languages of the training data.</summary>
    public string[] Languages { get; init; } = ["en"];
}
