using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Marketing.Analysis.Sentiment;

/// <summary>
/// Text to sparse features: hashed word 1..n-grams and character n-grams with sublinear TF-IDF, plus the lexicon
/// block. Stateless after construction (the IDF table is read-only), so one instance serves every thread.
/// </summary>
public sealed class TextFeaturizer
{
    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;

    private readonly float[] _idf;
    private readonly int _wordMask;
    private readonly int _charMask;
    private readonly int _charOffset;
    private readonly int _lexOffset;
    private readonly int _embOffset;
    private WordTable? _words;

    private readonly int _valOffset;
    private readonly float[]? _embWeight;

    public TextFeaturizer(FeaturizerSettings settings, SocialTextNormalizer normalizer, float[]? idf, WordVectors? vectors = null, WordValence? valence = null)
    {
        if (settings.EmbeddingDim > 0 && (vectors is null || vectors.Dimension != settings.EmbeddingDim))
        {
            throw new InvalidDataException($"The settings need word vectors of dimension {settings.EmbeddingDim}; got {(vectors is null ? "none" : vectors.Dimension.ToString(System.Globalization.CultureInfo.InvariantCulture))}.");
        }

        Vectors = settings.EmbeddingDim > 0 ? vectors : null;
        Settings = settings;
        Normalizer = normalizer;
        _wordMask = (1 << settings.WordBits) - 1;
        _charMask = (1 << settings.CharBits) - 1;
        _charOffset = 1 << settings.WordBits;
        _lexOffset = _charOffset + (1 << settings.CharBits);
        _embOffset = _lexOffset + LexiconFeatures.Count;
        _valOffset = _embOffset + settings.EmbeddingDim;
        if (settings.UsesValence && (valence is null || valence.Values.Length != vectors!.Count))
        {
            throw new InvalidDataException("The settings need predicted word valences for the model's word vectors; got " + (valence is null ? "none." : $"{valence.Values.Length} for {vectors!.Count} words."));
        }

        Valence = settings.UsesValence ? valence : null;
        if (settings.EmbeddingFocus != 0 && Valence is { } v)
        {
            _embWeight = new float[v.Values.Length];
            for (var i = 0; i < _embWeight.Length; i++)
            {
                _embWeight[i] = EmbeddingWeight(settings.EmbeddingFocus, settings.EmbeddingFocusAt, v.Values[i]);
            }
        }
        _idf = idf ?? [];
        if (_idf.Length != 0 && _idf.Length != _lexOffset)
        {
            throw new InvalidDataException($"IDF table has {_idf.Length} entries; the settings need {_lexOffset}.");
        }
    }

    public FeaturizerSettings Settings { get; }

    public SocialTextNormalizer Normalizer { get; }

    public int Dimension => Settings.Dimension;

    /// <summary>The word vectors of the embedding block, or null when the settings have none.</summary>
    public WordVectors? Vectors { get; }

    /// <summary>Predicted valences of the word vectors' words, or null when the settings use none.</summary>
    public WordValence? Valence { get; }

    internal float[] Idf => _idf;

    /// <summary>The factor of a word's vector in the word-vector block (1 unless <see cref="FeaturizerSettings.EmbeddingFocus"/> is set).</summary>
    public float EmbeddingWeight(int row) => _embWeight?[row] ?? 1f;

    private static float EmbeddingWeight(float focus, float at, float valence) => (1f - focus) + (focus * MathF.Min(1f, MathF.Abs(valence) / at));

    public SparseFeatures Featurize(string text)
    {
        var tokens = TokenBuffer.Rent();
        Normalizer.Tokenize(text, tokens);
        var features = Featurize(tokens);
        TokenBuffer.Return(tokens);
        return features;
    }

    public SparseFeatures Featurize(List<SocialToken> tokens)
    {
        var buffer = TokenBuffer.RentLoaded(tokens);
        var features = Featurize(buffer);
        TokenBuffer.Return(buffer);
        return features;
    }

    public SparseFeatures Featurize(TokenBuffer tokens)
    {
        var raw = new List<int>(64 + (tokens.Count * 16));
        CollectHashes(tokens, raw);
        raw.Sort();

        var indices = new List<int>(raw.Count + LexiconFeatures.Count);
        var values = new List<float>(raw.Count + LexiconFeatures.Count);
        var blockStart = 0;
        var inCharBlock = false;
        var k = 0;
        while (k < raw.Count)
        {
            var index = raw[k];
            var tf = 0;
            while (k < raw.Count && raw[k] == index)
            {
                tf++;
                k++;
            }

            if (!inCharBlock && index >= _charOffset)
            {
                Normalize(values, blockStart, Settings.WordScale);
                blockStart = values.Count;
                inCharBlock = true;
            }

            var w = _idf.Length == 0 ? 1f : _idf[index];
            if (w == 0)
            {
                continue;
            }

            indices.Add(index);
            values.Add(ScoringMath.SublinearTf(tf) * w);
        }

        Normalize(values, blockStart, inCharBlock ? Settings.CharScale : Settings.WordScale);

        if (Settings.LexiconScale != 0)
        {
            Span<float> lex = stackalloc float[LexiconFeatures.Count];
            LexiconFeatures.Compute(tokens, Normalizer.Lexicon, lex);
            for (var j = 0; j < lex.Length; j++)
            {
                if (lex[j] != 0)
                {
                    indices.Add(_lexOffset + j);
                    values.Add(lex[j] * Settings.LexiconScale);
                }
            }
        }

        if (Vectors is { } vectors)
        {
            var dim = vectors.Dimension;
            var sum = new float[dim];
            var n = 0;
            foreach (ref readonly var tok in tokens.Tokens)
            {
                var row = VectorRow(in tok, tokens, vectors);
                if (row < 0)
                {
                    continue;
                }

                var sign = (tok.Negated ? Settings.EmbeddingNegation : 1f) * EmbeddingWeight(row);
                var v = vectors.Vector(row);
                for (var j = 0; j < dim; j++)
                {
                    sum[j] += sign * v[j];
                }

                n++;
            }

            if (n > 0 && Settings.EmbeddingScale != 0)
            {
                var f = Settings.EmbeddingScale / n;
                for (var j = 0; j < dim; j++)
                {
                    indices.Add(_embOffset + j);
                    values.Add(sum[j] * f);
                }
            }

            if (Settings.ValenceDim > 0)
            {
                Span<float> val = stackalloc float[ValenceFeatures.Count];
                ValenceFeatures.Compute(tokens, vectors, Valence!, val);
                for (var j = 0; j < val.Length; j++)
                {
                    if (val[j] != 0)
                    {
                        indices.Add(_valOffset + j);
                        values.Add(val[j] * Settings.ValenceScale);
                    }
                }
            }
        }

        return new SparseFeatures([.. indices], [.. values]);
    }

    /// <summary>Raw hashed slots (with repeats) of the word and character n-grams; used for document frequencies too.</summary>
    internal void CollectHashes(List<SocialToken> tokens, List<int> dest)
    {
        var buffer = TokenBuffer.RentLoaded(tokens);
        CollectHashes(buffer, dest);
        TokenBuffer.Return(buffer);
    }

    private void CollectHashes(TokenBuffer tokens, List<int> dest)
    {
        var buf = new HashBuffer(new int[64 + (tokens.Count * 24)]);
        CollectHashes(tokens, ref buf);
        foreach (var h in buf.Written)
        {
            dest.Add(h);
        }
    }

    /// <summary>
    /// One pass from tokens to the three class scores, for scoring: the same sublinear TF-IDF and per-block L2
    /// normalization as <see cref="Featurize(TokenBuffer)"/>, but folded into the dot product
    /// (w·(x/‖x‖) = (w·x)/‖x‖), reading the slot's packed (idf, w0, w1, w2) entry at each n-gram occurrence and
    /// allocating nothing.
    /// <paramref name="packed"/> holds 4 16-bit integers per hashed slot (see <see cref="SentimentModel.Quantize"/>)
    /// and <paramref name="packScales"/> the class weights' scale per block (word c0..c2, char c0..c2): the idf's scale
    /// cancels in the normalization, so the sums run on the integers and each block's result is scaled once.
    /// <paramref name="lexWeights"/> holds 3 floats per lexicon feature, <paramref name="valenceWeights"/> 3 per
    /// word-valence feature (empty when the model has none).
    /// </summary>
    internal void Score(TokenBuffer tokens, short[] packed, float[] packScales, float[] lexWeights, float[] wordScores, float[] valenceWeights, Span<float> logits, Span<float> lex)
    {
        var n = tokens.Count;
        Span<uint> textHashes = n <= 256 ? stackalloc uint[n] : new uint[n];
        var buf = new HashBuffer(Scratch(64 + (n * 24)));
        var wordEnd = CollectHashes(tokens, ref buf, textHashes);
        var raw = buf.Written;

        // Term frequencies through a small open-addressing table instead of a sort: O(n) for the ~500 n-grams of a
        // tweet. Word n-grams come first in raw, then character n-grams (the blocks are normalized apart).
        var cap = 64;
        while (cap < raw.Length * 2)
        {
            cap <<= 1;
        }

        var (keys, counts, order) = Table(cap);
        var unique = 0;
        var word = Accumulate(raw[..wordEnd], packed, keys, cap - 1, counts, order, ref unique);
        var chars = Accumulate(raw[wordEnd..], packed, keys, cap - 1, counts, order, ref unique);
        for (var u = 0; u < unique; u++)
        {
            keys[order[u]] = 0;
        }

        // Lane 0 is the block's squared norm, lanes 1..3 its dot products with the class weights, all in the table's
        // integer units: the idf's scale cancels, each class's weight scale is applied here.
        if (word[0] > 0)
        {
            var f = Settings.WordScale / MathF.Sqrt(word[0]);
            logits[0] += word[1] * f * packScales[0];
            logits[1] += word[2] * f * packScales[1];
            logits[2] += word[3] * f * packScales[2];
        }

        if (chars[0] > 0)
        {
            var f = Settings.CharScale / MathF.Sqrt(chars[0]);
            logits[0] += chars[1] * f * packScales[3];
            logits[1] += chars[2] * f * packScales[4];
            logits[2] += chars[3] * f * packScales[5];
        }

        // One lookup per token gives both its lexicon valence and its word-vector row.
        var spans = tokens.Tokens;
        Span<bool> found = n <= 256 ? stackalloc bool[n] : new bool[n];
        Span<float> valences = n <= 256 ? stackalloc float[n] : new float[n];
        Span<int> rows = n <= 256 ? stackalloc int[n] : new int[n];
        var words = Words;
        for (var k = 0; k < n; k++)
        {
            ref readonly var t = ref spans[k];
            if (t.Kind is not (TokenKind.Url or TokenKind.User or TokenKind.Punctuation) && words.TryGet(textHashes[k], tokens.Text(in t), out var entry))
            {
                found[k] = entry.HasValence;
                valences[k] = entry.Valence;
                rows[k] = t.Kind is TokenKind.Word or TokenKind.Hashtag or TokenKind.Emoji ? entry.Row : -1;
            }
            else
            {
                found[k] = false;
                valences[k] = 0;
                rows[k] = -1;
            }
        }

        // The raw lexicon features go back to the caller (the second stage reads them too).
        LexiconFeatures.Compute(tokens, Normalizer.Lexicon, lex, found, valences);
        if (Settings.LexiconScale != 0)
        {
            for (var j = 0; j < LexiconFeatures.Count; j++)
            {
                if (lex[j] != 0)
                {
                    var v = lex[j] * Settings.LexiconScale;
                    logits[0] += v * lexWeights[j * 3];
                    logits[1] += v * lexWeights[(j * 3) + 1];
                    logits[2] += v * lexWeights[(j * 3) + 2];
                }
            }
        }

        if (Vectors is { } vectors)
        {
            // The block is the mean word vector, so its dot product with the class weights is the mean of each
            // word's own (precomputed) class scores.
            float e0 = 0, e1 = 0, e2 = 0;
            var count = 0;
            for (var k = 0; k < n; k++)
            {
                var row = rows[k];
                if (row < 0)
                {
                    continue;
                }

                var sign = spans[k].Negated ? Settings.EmbeddingNegation : 1f;
                e0 += sign * wordScores[row * 3];
                e1 += sign * wordScores[(row * 3) + 1];
                e2 += sign * wordScores[(row * 3) + 2];
                count++;
            }

            if (count > 0)
            {
                var f = Settings.EmbeddingScale / count;
                logits[0] += e0 * f;
                logits[1] += e1 * f;
                logits[2] += e2 * f;
            }
        }

        if (valenceWeights.Length != 0 && Valence is { } valence)
        {
            Span<float> val = stackalloc float[ValenceFeatures.Count];
            ValenceFeatures.Compute(spans, rows, valence.Values, val);
            for (var j = 0; j < val.Length; j++)
            {
                var v = val[j] * Settings.ValenceScale;
                logits[0] += v * valenceWeights[j * 3];
                logits[1] += v * valenceWeights[(j * 3) + 1];
                logits[2] += v * valenceWeights[(j * 3) + 2];
            }
        }
    }

    // Per count k: what the k+1-th occurrence of an n-gram adds to (its squared sublinear TF, its sublinear TF) —
    // (s(k+1)² − s(k)², s(k+1) − s(k), same, same) with s(0) = 0 — so a slot's sums grow one occurrence at a time.
    private static readonly Vector128<float>[] TfSteps = BuildTfSteps(256);

    private static Vector128<float>[] BuildTfSteps(int size)
    {
        var steps = new Vector128<float>[size];
        for (var k = 0; k < size; k++)
        {
            steps[k] = TfStep(k);
        }

        return steps;
    }

    private static Vector128<float> TfStep(int k)
    {
        var before = k == 0 ? 0f : ScoringMath.SublinearTf(k);
        var after = ScoringMath.SublinearTf(k + 1);
        var d = after - before;
        return Vector128.Create((after * after) - (before * before), d, d, d);
    }

    /// <summary>
    /// One block's sums over its n-gram slots, one occurrence at a time: lane 0 Σ (tf′·idf)², lanes 1..3
    /// Σ tf′·idf·w_c, with tf′ the sublinear term frequency, in the packed table's integer units. Counts occurrences in
    /// the open-addressing table (<paramref name="keys"/> hold slot + 1; cells taken are appended to
    /// <paramref name="order"/> for clearing). No second pass over the distinct slots, nothing gathered.
    /// </summary>
    private static Vector128<float> Accumulate(ReadOnlySpan<int> raw, short[] packed, int[] keys, int mask, int[] counts, int[] order, ref int unique)
    {
        var acc = Vector128<float>.Zero;
        var steps = TfSteps;
        foreach (var h in raw)
        {
            var at = (int)(((uint)h * 0x9E3779B1u) >> 7) & mask;
            int seen;
            while (true)
            {
                var key = keys[at];
                if (key == 0)
                {
                    keys[at] = h + 1;
                    counts[at] = 1;
                    order[unique++] = at;
                    seen = 0;
                    break;
                }

                if (key == h + 1)
                {
                    seen = counts[at]++;
                    break;
                }

                at = (at + 1) & mask;
            }

            // (idf, w0, w1, w2) of the slot (in bounds: packed holds 4 shorts per slot plus 4).
            var e = Vector128.ConvertToSingle(Vector128.WidenLower(Vector128.LoadUnsafe(ref packed[h * 4])));
            var step = (uint)seen < (uint)steps.Length ? steps[seen] : TfStep(seen);
            acc += e * Vector128.Create(e.ToScalar()) * step;
        }

        return acc;
    }

    /// <summary>Every word of the lexicon and of the word-vector table: its valence and vector row (built at first use).</summary>
    private WordTable Words
    {
        get
        {
            if (_words is { } built)
            {
                return built;
            }

            var lexicon = Normalizer.Lexicon;
            var table = new Dictionary<string, WordEntry>(StringComparer.Ordinal);
            foreach (var (word, valence) in lexicon.Valences)
            {
                table[word] = new WordEntry(-1, valence, true);
            }

            if (Vectors is { } vectors)
            {
                for (var row = 0; row < vectors.Count; row++)
                {
                    var word = vectors.Words[row];
                    table[word] = table.TryGetValue(word, out var e) ? e with { Row = row } : new WordEntry(row, 0, false);
                }
            }

            var words = new WordTable(table);
            Interlocked.CompareExchange(ref _words, words, null);
            return _words;
        }
    }

    /// <summary>
    /// The words keyed by the FNV-1a hash of their characters, which the n-gram pass computes for every token anyway:
    /// one probe of an open-addressing table (hash and entry in one 8-byte cell), then a character compare, instead of
    /// hashing the text again in a <see cref="FrozenDictionary{TKey, TValue}"/>. Immutable, so thread-safe.
    /// </summary>
    private sealed class WordTable
    {
        private readonly ulong[] _cells;
        private readonly int _shift;
        private readonly char[] _chars;
        private readonly int[] _starts;
        private readonly WordEntry[] _entries;

        public WordTable(IReadOnlyDictionary<string, WordEntry> words)
        {
            var bits = 4;
            while ((1 << bits) < words.Count * 2)
            {
                bits++;
            }

            _cells = new ulong[1 << bits];
            _shift = 32 - bits;
            _entries = new WordEntry[words.Count];
            _starts = new int[words.Count + 1];
            _chars = new char[words.Keys.Sum(w => w.Length)];
            var i = 0;
            foreach (var (word, entry) in words.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                word.CopyTo(_chars.AsSpan(_starts[i]));
                _starts[i + 1] = _starts[i] + word.Length;
                _entries[i] = entry;
                var hash = Hash(FnvOffset, word);
                var at = Cell(hash);
                while (_cells[at] != 0)
                {
                    at = (at + 1) & (_cells.Length - 1);
                }

                _cells[at] = ((ulong)hash << 32) | (uint)(i + 1);
                i++;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private int Cell(uint hash) => (int)((hash * 0x9E3779B1u) >> _shift);

        /// <summary>The entry of <paramref name="text"/>, whose FNV-1a hash from <see cref="FnvOffset"/> is <paramref name="hash"/>.</summary>
        public bool TryGet(uint hash, ReadOnlySpan<char> text, out WordEntry entry)
        {
            var cells = _cells;
            var mask = cells.Length - 1;
            var at = Cell(hash);
            while (true)
            {
                var cell = cells[at];
                if (cell == 0)
                {
                    entry = default;
                    return false;
                }

                if ((uint)(cell >> 32) == hash)
                {
                    var index = (int)(uint)cell - 1;
                    var start = _starts[index];
                    if (_chars.AsSpan(start, _starts[index + 1] - start).SequenceEqual(text))
                    {
                        entry = _entries[index];
                        return true;
                    }
                }

                at = (at + 1) & mask;
            }
        }
    }

    private readonly record struct WordEntry(int Row, float Valence, bool HasValence);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int VectorRow(in TokenSpan tok, TokenBuffer tokens, WordVectors vectors) =>
        tok.Kind is TokenKind.Word or TokenKind.Hashtag or TokenKind.Emoji ? vectors.IndexOf(tokens.Text(in tok)) : -1;

    [ThreadStatic]
    private static int[]? _scratch;

    [ThreadStatic]
    private static int[]? _keys;

    [ThreadStatic]
    private static int[]? _counts;

    [ThreadStatic]
    private static int[]? _order;

    /// <summary>The per-thread counting table, all keys 0 (each use clears the cells it filled).</summary>
    private static (int[] Keys, int[] Counts, int[] Order) Table(int cap)
    {
        if (_keys is null || _keys.Length < cap)
        {
            _keys = new int[cap];
            _counts = new int[cap];
            _order = new int[cap];
        }

        return (_keys, _counts!, _order!);
    }

    private static int[] Scratch(int size)
    {
        if (_scratch is null || _scratch.Length < size)
        {
            _scratch = new int[Math.Max(size, 1024)];
        }

        return _scratch;
    }

    /// <summary>An append-only span over an array that grows when full (long texts).</summary>
    private ref struct HashBuffer(int[] array)
    {
        private int[] _array = array;
        private int _count;

        public readonly Span<int> Written => _array.AsSpan(0, _count);

        public readonly int Count => _count;

        public readonly Span<int> Slice(int start, int length) => _array.AsSpan(start, length);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(int value)
        {
            if (_count == _array.Length)
            {
                Array.Resize(ref _array, _array.Length * 2);
            }

            _array[_count++] = value;
        }
    }

    private void CollectHashes(TokenBuffer buffer, ref HashBuffer dest) => _ = CollectHashes(buffer, ref dest, []);

    /// <summary>
    /// The n-gram slots of <paramref name="buffer"/> into <paramref name="dest"/>; when <paramref name="textHashes"/>
    /// is not empty (one per token), also each token's text hash (FNV-1a, before the negation mark) for the word table.
    /// Returns how many word n-gram slots were written (they come first; the character n-grams follow).
    /// </summary>
    private int CollectHashes(TokenBuffer buffer, ref HashBuffer dest, scoped Span<uint> textHashes)
    {
        var tokens = buffer.Tokens;
        var n = tokens.Length;
        Span<uint> tokenHash = n <= 512 ? stackalloc uint[n] : new uint[n];
        var keep = !textHashes.IsEmpty;
        for (var t = 0; t < n; t++)
        {
            // Same hash as Hash(token.Feature), without building the "_NEG" string.
            ref readonly var tok = ref tokens[t];
            var h = Hash(FnvOffset, buffer.Text(in tok));
            if (keep)
            {
                textHashes[t] = h;
            }

            tokenHash[t] = tok.Negated && tok.Kind is TokenKind.Word or TokenKind.Hashtag ? Hash(h, "_NEG") : h;
        }

        // The raw (unfinalized) hashes first; FinalizeAll then mixes and masks each block in vector registers.
        var wordStart = dest.Count;
        for (var t = 0; t < n; t++)
        {
            var h = tokenHash[t];
            dest.Add((int)h);
            for (var g = 2; g <= Settings.WordNgrams && t + g - 1 < n; g++)
            {
                h = Combine(h, tokenHash[t + g - 1]);
                dest.Add((int)(h ^ (uint)g));
            }
        }

        var charStart = dest.Count;
        int charMin = Settings.CharMin, charMax = Settings.CharMax;
        var longest = 0;
        foreach (ref readonly var tok in tokens)
        {
            longest = Math.Max(longest, tok.Length);
        }

        // Each token padded with a space on both sides (scikit-learn's char_wb).
        Span<char> padded = longest <= 254 ? stackalloc char[256] : new char[longest + 2];
        padded[0] = ' ';
        for (var t = 0; t < n; t++)
        {
            ref readonly var tok = ref tokens[t];
            if (tok.Kind is TokenKind.Url or TokenKind.User)
            {
                continue;
            }

            var text = buffer.Text(in tok);
            text.CopyTo(padded[1..]);
            var len = text.Length + 2;
            padded[len - 1] = ' ';
            for (var start = 0; start < len; start++)
            {
                var h = FnvOffset;
                var upTo = Math.Min(charMax, len - start);
                for (var g = 1; g <= upTo; g++)
                {
                    h = (h ^ padded[start + g - 1]) * FnvPrime;
                    if (g >= charMin)
                    {
                        dest.Add((int)(h ^ ((uint)g << 24)));
                    }
                }
            }
        }

        FinalizeAll(dest.Slice(wordStart, charStart - wordStart), (uint)_wordMask, 0);
        FinalizeAll(dest.Slice(charStart, dest.Count - charStart), (uint)_charMask, (uint)_charOffset);
        return charStart - wordStart;
    }

    /// <summary>Each raw hash h becomes offset + (Finalize(h) &amp; mask): eight at a time where the CPU has 256-bit vectors.</summary>
    private static void FinalizeAll(Span<int> hashes, uint mask, uint offset)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var m = Vector256.Create(mask);
            var o = Vector256.Create(offset);
            var c1 = Vector256.Create(0x85EBCA6Bu);
            var c2 = Vector256.Create(0xC2B2AE35u);
            var u = System.Runtime.InteropServices.MemoryMarshal.Cast<int, uint>(hashes);
            for (; i + 8 <= u.Length; i += 8)
            {
                var h = Vector256.Create<uint>(u.Slice(i, 8));
                h ^= Vector256.ShiftRightLogical(h, 16);
                h *= c1;
                h ^= Vector256.ShiftRightLogical(h, 13);
                h *= c2;
                h ^= Vector256.ShiftRightLogical(h, 16);
                ((h & m) + o).CopyTo(u.Slice(i, 8));
            }
        }

        for (; i < hashes.Length; i++)
        {
            hashes[i] = (int)(offset + (Finalize((uint)hashes[i]) & mask));
        }
    }

    private static void Normalize(List<float> values, int from, float scale)
    {
        var sum = 0f;
        for (var j = from; j < values.Count; j++)
        {
            sum += values[j] * values[j];
        }

        if (sum <= 0)
        {
            return;
        }

        var f = scale / MathF.Sqrt(sum);
        for (var j = from; j < values.Count; j++)
        {
            values[j] *= f;
        }
    }

    /// <summary>
    /// Computes the slot weights from training documents: smooth IDF, 0 below the minimum document frequency, and,
    /// when <see cref="FeaturizerSettings.Supervised"/> is on and labels are given, times a supervised term weight
    /// 1 + α·(1 − H), where H is the normalized entropy of the class-balanced distribution of the documents holding the
    /// n-gram: n-grams that separate the classes weigh more (and so are less shrunk by L2), as in NB-weighted SVMs.
    /// </summary>
    public static float[] ComputeIdf(FeaturizerSettings settings, SocialTextNormalizer normalizer, IReadOnlyList<List<SocialToken>> docs, IReadOnlyList<int>? labels = null)
    {
        var probe = new TextFeaturizer(settings with { EmbeddingDim = 0 }, normalizer, null);
        var size = (1 << settings.WordBits) + (1 << settings.CharBits);
        var df = new int[size];
        var supervised = settings.Supervised > 0 && labels is not null;
        var classDf = supervised ? new int[size * 3] : [];
        var classDocs = new int[3];
        var buf = new List<int>(1024);
        for (var d = 0; d < docs.Count; d++)
        {
            buf.Clear();
            probe.CollectHashes(docs[d], buf);
            buf.Sort();
            var label = supervised ? labels![d] : 0;
            classDocs[label]++;
            var prev = -1;
            foreach (var i in buf)
            {
                if (i != prev)
                {
                    df[i]++;
                    if (supervised)
                    {
                        classDf[(i * 3) + label]++;
                    }

                    prev = i;
                }
            }
        }

        var idf = new float[size];
        var n = docs.Count;
        var charOffset = 1 << settings.WordBits;
        var smooth = settings.SupervisedSmoothing;
        Span<double> q = stackalloc double[3];
        for (var i = 0; i < size; i++)
        {
            var min = i < charOffset ? settings.WordMinDf : settings.CharMinDf;
            idf[i] = df[i] < Math.Max(1, min) ? 0f : MathF.Log((1f + n) / (1f + df[i])) + 1f;
            if (supervised && idf[i] > 0)
            {
                double sum = 0;
                for (var c = 0; c < 3; c++)
                {
                    q[c] = (classDf[(i * 3) + c] + smooth) / (classDocs[c] + (2 * smooth));
                    sum += q[c];
                }

                double h = 0;
                for (var c = 0; c < 3; c++)
                {
                    var p = q[c] / sum;
                    h -= p * Math.Log(p);
                }

                idf[i] *= (float)(1 + (settings.Supervised * (1 - (h / Math.Log(3)))));
            }
        }

        return idf;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(uint h, ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            h = (h ^ c) * FnvPrime;
        }

        return h;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Combine(uint a, uint b) => (a * 0x9E3779B1u) ^ (b + 0x7F4A7C15u + (a << 6) + (a >> 2));

    // Murmur3 finalizer: spreads FNV's low bits before masking.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Finalize(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EBCA6B;
        h ^= h >> 13;
        h *= 0xC2B2AE35;
        h ^= h >> 16;
        return h;
    }
}
