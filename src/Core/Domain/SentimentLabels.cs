namespace Marketing.Core.Domain;

public static class SentimentLabels
{
    public static string ToWire(this SentimentLabel label) => label switch
    {
        SentimentLabel.Negative => "negative",
        SentimentLabel.Neutral => "neutral",
        SentimentLabel.Positive => "positive",
        _ => "unscored",
    };

    public static bool TryParse(string? text, out SentimentLabel label)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "negative" or "neg" or "-1": label = SentimentLabel.Negative; return true;
            case "neutral" or "neu" or "0": label = SentimentLabel.Neutral; return true;
            case "positive" or "pos" or "1": label = SentimentLabel.Positive; return true;
            case "unscored": label = SentimentLabel.Unscored; return true;
            default: label = SentimentLabel.Unscored; return false;
        }
    }

    public static SentimentLabel Parse(string text) =>
        TryParse(text, out var label)
            ? label
            : throw new FormatException($"'{text}' is not a sentiment label; use negative, neutral or positive.");
}
