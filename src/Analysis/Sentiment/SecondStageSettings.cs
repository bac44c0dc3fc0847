namespace Marketing.Analysis.Sentiment;

/// <summary>
/// The second stage: a small neural network (one ReLU hidden layer) over the mean word vector of the text, the mean
/// vector of the words inside a negation scope, and the lexicon features. Its class log-probabilities are added to the
/// linear model's, times <see cref="Weight"/> (a product of experts). Saved in the model (featurizer.json and
/// <c>stage2.bin</c>).
/// </summary>
public sealed record SecondStageSettings
{
    /// <summary>Hidden units.</summary>
    public int Hidden { get; init; } = 64;

    /// <summary>Weight of the network's log-probabilities in the sum with the linear model's.</summary>
    public float Weight { get; init; } = 1f;

    /// <summary>Passes over the training rows (Adam, minibatches of <see cref="BatchSize"/>).</summary>
    public int Epochs { get; init; } = 8;

    public int BatchSize { get; init; } = 32;

    public float LearningRate { get; init; } = 1e-3f;

    /// <summary>L2 penalty on the weights (decoupled weight decay per step, times the learning rate).</summary>
    public float WeightDecay { get; init; } = 1e-4f;

    /// <summary>
    /// Stacking: 0 = the network reads only the text; k ≥ 2 = it also reads the linear model's log-probabilities,
    /// out-of-fold from k linear fits on the other folds while training (k more linear fits).
    /// </summary>
    public int Folds { get; init; }

    /// <summary>Share of hidden units dropped during training (inverted dropout; none at scoring).</summary>
    public float Dropout { get; init; } = 0.2f;
}
