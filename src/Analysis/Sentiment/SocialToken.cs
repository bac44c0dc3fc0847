namespace Marketing.Analysis.Sentiment;

/// <summary>One normalized token.</summary>
/// <param name="Text">Lower-cased, elongations cut to two letters (emoticons keep their case).</param>
/// <param name="Negated">Inside a negation scope ("not good": good is negated) until the next punctuation.</param>
/// <param name="Elongated">The source had three or more repeated letters ("sooo").</param>
/// <param name="Shouted">The source was written in capitals (two letters or more).</param>
public readonly record struct SocialToken(string Text, TokenKind Kind, bool Negated, bool Elongated, bool Shouted)
{
    /// <summary>The form used for word n-grams: negated words carry a <c>_NEG</c> suffix.</summary>
    public string Feature => Negated && Kind is TokenKind.Word or TokenKind.Hashtag ? Text + "_NEG" : Text;
}
