namespace Marketing.Core.Domain;

public enum SentimentLabel
{
    Negative = 0,
    Neutral = 1,
    Positive = 2,

    /// <summary>Not scored on purpose, e.g. a language the model was not trained on and no LLM configured.</summary>
    Unscored = 3,
}
