using System.Runtime.CompilerServices;

namespace Marketing.Analysis.Sentiment;

/// <summary>
/// The tokens of one text without a string per token: every token's normalized characters are written once into
/// one reusable character buffer, and a token is an offset, a length and its flags (<see cref="TokenSpan"/>). The
/// scoring path tokenizes into a per-thread buffer and reads the tokens as spans, so scoring a text allocates nothing;
/// <see cref="ToList"/> gives the same tokens as <see cref="SocialToken"/> strings (training, tests). Not
/// thread-safe: one buffer per thread (<see cref="Rent"/>).
/// </summary>
public sealed class TokenBuffer
{
    // A buffer that grew past these (a huge text) is dropped after use instead of kept for the thread.
    private const int KeepChars = 1 << 16;
    private const int KeepTokens = 1 << 13;

    [ThreadStatic]
    private static TokenBuffer? _cached;

    private char[] _chars = new char[512];
    private TokenSpan[] _tokens = new TokenSpan[64];
    private int _used;

    public int Count { get; private set; }

    public ReadOnlySpan<TokenSpan> Tokens => _tokens.AsSpan(0, Count);

    public TokenSpan this[int index] => Tokens[index];

    /// <summary>The normalized text of <paramref name="token"/> (valid until the buffer is cleared).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<char> Text(in TokenSpan token) => _chars.AsSpan(token.Start, token.Length);

    /// <inheritdoc cref="Text(in TokenSpan)"/>
    public ReadOnlySpan<char> Text(int index) => Text(in _tokens[index]);

    public void Clear()
    {
        Count = 0;
        _used = 0;
    }

    public void Add(ReadOnlySpan<char> text, TokenKind kind, bool negated = false, bool elongated = false, bool shouted = false)
    {
        text.CopyTo(Reserve(text.Length));
        Commit(text.Length, kind, negated, elongated, shouted);
    }

    /// <summary>Room for at least <paramref name="length"/> characters of the next token; <see cref="Commit"/> takes what was written.</summary>
    internal Span<char> Reserve(int length)
    {
        if (_used + length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _used + length));
        }

        return _chars.AsSpan(_used, length);
    }

    /// <summary>Makes the first <paramref name="length"/> characters written into <see cref="Reserve"/> the next token.</summary>
    internal void Commit(int length, TokenKind kind, bool negated, bool elongated, bool shouted)
    {
        if (Count == _tokens.Length)
        {
            Array.Resize(ref _tokens, _tokens.Length * 2);
        }

        _tokens[Count++] = new TokenSpan(_used, length, kind, negated, elongated, shouted);
        _used += length;
    }

    /// <summary>The tokens as <see cref="SocialToken"/>s, one string each.</summary>
    public List<SocialToken> ToList()
    {
        var list = new List<SocialToken>(Math.Max(8, Count));
        foreach (ref readonly var t in Tokens)
        {
            list.Add(new SocialToken(Text(in t).ToString(), t.Kind, t.Negated, t.Elongated, t.Shouted));
        }

        return list;
    }

    /// <summary>Replaces the content with <paramref name="tokens"/>.</summary>
    public void Load(IReadOnlyList<SocialToken> tokens)
    {
        Clear();
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            Add(t.Text, t.Kind, t.Negated, t.Elongated, t.Shouted);
        }
    }

    /// <summary>An empty buffer for this thread: the cached one when it is free, else a new one. Give it back with <see cref="Return"/>.</summary>
    public static TokenBuffer Rent()
    {
        var b = _cached ?? new TokenBuffer();
        _cached = null;
        b.Clear();
        return b;
    }

    /// <summary>Hands a rented buffer back for the thread's next <see cref="Rent"/>.</summary>
    public static void Return(TokenBuffer buffer)
    {
        if (buffer._chars.Length <= KeepChars && buffer._tokens.Length <= KeepTokens)
        {
            _cached = buffer;
        }
    }

    /// <summary>A rented buffer holding <paramref name="tokens"/>.</summary>
    internal static TokenBuffer RentLoaded(IReadOnlyList<SocialToken> tokens)
    {
        var b = Rent();
        b.Load(tokens);
        return b;
    }
}

/// <summary>One token of a <see cref="TokenBuffer"/>: where its characters are, and the flags of <see cref="SocialToken"/>.</summary>
public readonly record struct TokenSpan(int Start, int Length, TokenKind Kind, bool Negated, bool Elongated, bool Shouted);
