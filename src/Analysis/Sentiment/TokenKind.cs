namespace Marketing.Analysis.Sentiment;

public enum TokenKind
{
    Word,
    Hashtag,
    Url,
    User,
    Emoticon,
    Emoji,
    Punctuation,
}
