namespace Marketing.Analysis.Sentiment;

/// <summary>What is saved beside the ML.NET model inside the model file (featurizer.json).</summary>
public sealed record SentimentModelInfo
{
    /// <summary>
    /// 2: the featurizer settings carry the word-valence fields (<see cref="FeaturizerSettings.ValenceScale"/>,
    /// <see cref="FeaturizerSettings.EmbeddingFocus"/>). Files of version 1 predate them: their valence settings load as off.
    /// </summary>
    public int FormatVersion { get; init; } = CurrentFormat;

    public const int CurrentFormat = 2;

    public FeaturizerSettings Featurizer { get; init; } = new();

    /// <summary>Added to the log-probabilities (negative, neutral, positive) before the arg-max; tuned on a dev split.</summary>
    public float[] LogPriorOffsets { get; init; } = [0, 0, 0];

    /// <summary>ISO 639-1 codes the model was trained on; posts in other languages are not scored by it.</summary>
    public string[] Languages { get; init; } = ["en"];

    public string Trainer { get; init; } = "";

    /// <summary>The second stage's settings (its weights are in <c>stage2.bin</c>); null when the model has none.</summary>
    public SecondStageSettings? SecondStage { get; init; }

    public string? DataSha256 { get; init; }

    public int Seed { get; init; }

    public int TrainedOn { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
