namespace Marketing.Analysis.Sentiment;

/// <summary>
/// How text becomes a feature vector. Saved in the model, so scoring always featurizes exactly as training did.
/// Word and character n-grams are hashed (no vocabulary to store; collisions are rare at 2^18 slots for tweet-sized
/// corpora) and weighted like scikit-learn's sublinear TF-IDF, each block L2-normalized.
/// </summary>
public sealed record FeaturizerSettings
{
    // 2^16 slots per block: on a random 20% dev split of SemEval train, 2^16, 2^17 and 2^18 gave the same macro-recall
    // (0.662, 0.663, 0.661; 2^20 was no better either), and the scoring table (idf + 3 class weights per slot as 16-bit
    // integers, 8 bytes; see SentimentModel.Quantize) is 1 MB: it stays in a core's 2 MB L2 cache beside the rest of the
    // pipeline's data, which is what makes in-pipeline scoring fast.
    public int WordBits { get; init; } = 16;

    public int CharBits { get; init; } = 16;

    /// <summary>
    /// Word n-grams 1..WordNgrams over normalized tokens (negated words keep their _NEG mark). 2, with
    /// <see cref="CharMin"/> 3, since session 6: as accurate as 3 and 2 on held-out topic clusters of SemEval train (0.6749
    /// against 0.6738 without class offsets, 0.6784 against 0.6781 with them) and on the test set (0.6626 against 0.6615),
    /// and 8-14% less CPU per scored text (fewer hashed features to look up).
    /// </summary>
    public int WordNgrams { get; init; } = 2;

    /// <summary>Character n-grams CharMin..CharMax inside each token padded with spaces (scikit-learn's char_wb).</summary>
    public int CharMin { get; init; } = 3;

    public int CharMax { get; init; } = 5;

    /// <summary>Features seen in fewer training documents than this get weight 0 (like min_df).</summary>
    public int WordMinDf { get; init; } = 2;

    public int CharMinDf { get; init; } = 3;

    /// <summary>Multiplies the lexicon block (0 turns it off).</summary>
    public float LexiconScale { get; init; } = 1f;

    public float WordScale { get; init; } = 1f;

    public float CharScale { get; init; } = 1f;

    /// <summary>α of the supervised term weight (0 = plain IDF); see <see cref="TextFeaturizer.ComputeIdf"/>.</summary>
    public float Supervised { get; init; }

    /// <summary>Pseudo-count added to each class's document frequency for the supervised weight.</summary>
    public float SupervisedSmoothing { get; init; } = 1f;

    /// <summary>
    /// Size of the word-vector block (the mean vector of the text's words; 0 = none). Must match the model's
    /// <see cref="WordVectors"/>.
    /// </summary>
    public int EmbeddingDim { get; init; }

    /// <summary>
    /// Multiplies the word-vector block. The mean of unit-length MiniLM vectors is short, and scaling it up is the same
    /// as regularizing this block less than the n-grams: on the newest 20% of SemEval train, scale 8 beat 1, 2 and 4.
    /// </summary>
    public float EmbeddingScale { get; init; } = 8f;

    /// <summary>Multiplies the vector of a word inside a negation scope (-1 flips "not good" toward "bad").</summary>
    public float EmbeddingNegation { get; init; } = 1f;

    /// <summary>
    /// Multiplies the word-valence block (<see cref="ValenceFeatures"/> over <see cref="WordValence"/> predictions from
    /// the word vectors); 0 = no block. Used only with word vectors. On by default (see <see cref="EmbeddingFocus"/>).
    /// </summary>
    public float ValenceScale { get; init; } = 1f;

    /// <summary>L2 penalty of the word-vector → lexicon-valence regression.</summary>
    public float ValenceRidge { get; init; } = 1f;

    /// <summary>Weight of the non-lexicon words (target valence 0) in that regression.</summary>
    public float ValenceOtherWeight { get; init; } = 0.25f;

    /// <summary>
    /// 0: the word-vector block is the plain mean of the words' vectors. f in (0, 1]: each word's vector is weighted by
    /// (1 − f) + f·min(1, |predicted valence| / <see cref="EmbeddingFocusAt"/>) before dividing by the word count, so
    /// words without sentiment (topics, names) weigh less. Needs the valence regression (<see cref="ValenceRidge"/>).
    /// The default, 1 with the valence block, was the best recipe on a dev split of held-out topic clusters of SemEval
    /// train; with the plain mean, topics that were mostly negative in train read 2017's neutral tweets as negative.
    /// </summary>
    public float EmbeddingFocus { get; init; } = 1f;

    /// <summary>The |predicted valence| at which a word's focus weight reaches 1 (0.25 = a lexicon valence of 1).</summary>
    public float EmbeddingFocusAt { get; init; } = 0.25f;

    public int HashedSlots => (1 << WordBits) + (1 << CharBits);

    /// <summary>Size of the word-valence block (after the word-vector block).</summary>
    public int ValenceDim => EmbeddingDim > 0 && ValenceScale != 0 ? ValenceFeatures.Count : 0;

    /// <summary>Whether the model carries predicted word valences (for the valence block or the focus weights).</summary>
    public bool UsesValence => EmbeddingDim > 0 && (ValenceScale != 0 || EmbeddingFocus != 0);

    public int Dimension => HashedSlots + LexiconFeatures.Count + EmbeddingDim + ValenceDim;
}
